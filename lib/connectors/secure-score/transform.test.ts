import { describe, expect, it } from 'vitest';
import { exampleItems } from '../testing/examples';
import { toSecureScoreControlRow, toSecureScoreRow } from './transform';

const SUB = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';

describe('secure score transform (official 2020-01-01 examples)', () => {
  it('reads the overall score as the subscription row (control id "")', () => {
    const [item] = exampleItems('security/2020-01-01/ListSecureScores_example.json');
    expect(toSecureScoreRow(item, SUB, '2026-12-01')).toEqual({
      day: '2026-12-01', subscriptionId: SUB, controlId: '', displayName: 'ASC score', current: 23.53, max: 39, percentage: 0.6033, weight: 67,
      healthy: null, unhealthy: null, notApplicable: null,
    });
  });

  it('reads each control with its resource counts', () => {
    const rows = exampleItems('security/2020-01-01/ListSecureScoreControls_example.json').map((i) => toSecureScoreControlRow(i, SUB, '2026-12-01'));
    expect(rows.length).toBeGreaterThan(2);
    expect(rows[1]).toEqual({
      day: '2026-12-01', subscriptionId: SUB, controlId: '34a42fb3-e6db-409c-b56b-7b1db6b8aee0', displayName: 'Enable MFA', current: 10, max: 10, percentage: 1,
      weight: 1, healthy: 1, unhealthy: 0, notApplicable: 0,
    });
  });

  it('refuses a record without a name or a score, saying what is wrong', () => {
    expect(() => toSecureScoreRow({ properties: { score: { max: 1, current: 1, percentage: 1 } } }, SUB, '2026-12-01')).toThrow(/secure score record: name/);
    expect(() => toSecureScoreControlRow({ name: 'x', properties: {} }, SUB, '2026-12-01')).toThrow(/properties\.score/);
  });
});
