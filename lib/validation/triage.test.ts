import { describe, expect, it } from 'vitest';
import { triageActionBodySchema, triageFiltersSchema } from './triage';

describe('triage filters', () => {
  it('defaults to the active queue, and treats a GET form\'s empty "Any" values as no filter', () => {
    expect(triageFiltersSchema.parse({})).toMatchObject({ status: 'active', severity: [], mine: false, unassigned: false, breaching: false, limit: 50 });
    const parsed = triageFiltersSchema.parse({ source: '', cluster: '', team: '', age: '', severity: 'high', unassigned: '1' });
    expect(parsed).toMatchObject({ severity: ['high'], unassigned: true });
    expect([parsed.source, parsed.cluster, parsed.team, parsed.age]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('refuses what it cannot read, naming the field', () => {
    const r = triageFiltersSchema.safeParse({ cluster: 'not-a-cluster', severity: 'severe' });
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.path[0]).sort()).toEqual(['cluster', 'severity']);
  });
});

describe('triage action bodies', () => {
  it('accepts the four actions and refuses setting risk_accepted as a bare status (it needs a justification)', () => {
    expect(triageActionBodySchema.safeParse({ action: { type: 'assign', ownerId: null } }).success).toBe(true);
    expect(triageActionBodySchema.safeParse({ action: { type: 'status', status: 'resolved' }, expectedVersion: 3 }).success).toBe(true);
    expect(triageActionBodySchema.safeParse({ action: { type: 'comment', comment: '  ' } }).success).toBe(false);
    expect(triageActionBodySchema.safeParse({ action: { type: 'status', status: 'risk_accepted' } }).success).toBe(false);
  });
});
