import type pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SecureScoreRow } from '../connectors/secure-score/transform';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { addMissingSecureScoreDays, writeSecureScoreToday } from './secure-score-store';

const row = (day: string, controlId: string, percentage: number): SecureScoreRow => ({
  day, subscriptionId: 'sub', controlId, displayName: controlId || 'ASC score', current: percentage * 40, max: 40, percentage, weight: 3,
  healthy: controlId ? 1 : null, unhealthy: controlId ? 2 : null, notApplicable: null,
});

describe('secure score history store', () => {
  let db: TestDatabase;
  let client: pg.PoolClient;
  const read = async () => (await db.pool.query(`SELECT day::text, control_id, percentage FROM secure_score_history ORDER BY day, control_id`)).rows;

  beforeAll(async () => {
    db = await createTestDatabase();
    client = await db.pool.connect();
  });
  afterAll(async () => {
    client.release();
    await db.drop();
  });

  it("replaces today's rows on each read and refuses to write another day", async () => {
    const now = new Date('2026-12-01T10:00:00Z');
    expect(await writeSecureScoreToday(client, [row('2026-12-01', '', 0.5), row('2026-12-01', 'mfa', 0.2)], now)).toBe(2);
    expect(await writeSecureScoreToday(client, [row('2026-12-01', '', 0.6)], now)).toBe(1);
    expect(await read()).toEqual([{ day: '2026-12-01', control_id: '', percentage: 0.6 }]);
    await expect(writeSecureScoreToday(client, [row('2026-11-30', '', 0.1)], now)).rejects.toThrow(/never rewritten/);
  });

  it('adds missing past days and leaves recorded ones alone', async () => {
    expect(await addMissingSecureScoreDays(client, [row('2026-11-30', '', 0.4), row('2026-12-01', '', 0.99)])).toBe(1);
    expect(await read()).toEqual([
      { day: '2026-11-30', control_id: '', percentage: 0.4 },
      { day: '2026-12-01', control_id: '', percentage: 0.6 },
    ]);
  });
});
