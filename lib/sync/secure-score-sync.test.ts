// The secure score through the store: the Defender recommendations run writes today's score and controls of every
// subscription into secure_score_history in its transaction; a second run the same day replaces today's rows (no
// duplicates), a run the next day adds that day and leaves the previous one as it was, and the demo's year of
// history is added once, never over a day already held.
import { beforeAll, afterAll, describe, expect, it } from 'vitest';
import { useStandIn } from '../connectors/testing/stand-in-fixture';
import { seedDemoSecureScoreHistory } from '../demo/secure-score-history';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { syncAll } from './sync-all';

const fixture = useStandIn({ seed: 42, clusters: 4, now: new Date('2025-06-01T00:00:00Z'), pageSize: 50 });
let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  await db?.drop();
});

const rowsOf = async (day: string) =>
  (await db.pool.query<{ n: number; sum: number }>(`SELECT count(*)::int AS n, COALESCE(sum(current), 0)::float8 AS sum FROM secure_score_history WHERE day = $1::date`, [day])).rows[0];

describe('secure score history from the sync', () => {
  it('today\'s rows from a run, replaced by a second run the same day, kept when the next day is written', async () => {
    const perDay = fixture.tenant.subscriptions.reduce((n, s) => n + fixture.tenant.count('secureScores', s.subscriptionId) + fixture.tenant.count('secureScoreControls', s.subscriptionId), 0);
    const run = async (at: string) => {
      const [r] = await syncAll(db.pool, fixture.settings(), { trigger: 'cli', only: ['defender-assessment'], now: () => new Date(at) });
      expect([r?.outcome, r?.error]).toEqual(['succeeded', undefined]);
    };
    await run('2025-06-01T06:00:00Z');
    expect((await rowsOf('2025-06-01'))?.n).toBe(perDay);
    await run('2025-06-01T18:00:00Z');
    expect((await rowsOf('2025-06-01'))?.n).toBe(perDay);
    // A past day is evidence: the next day's run adds its own rows and leaves yesterday's untouched.
    await db.pool.query(`UPDATE secure_score_history SET current = current + 1 WHERE day = '2025-06-01'`);
    const marked = await rowsOf('2025-06-01');
    await run('2025-06-02T06:00:00Z');
    expect((await rowsOf('2025-06-02'))?.n).toBe(perDay);
    expect(await rowsOf('2025-06-01')).toEqual(marked);
  }, 120_000);

  it('the demo\'s year of history fills only the days not held, once', async () => {
    const now = new Date('2025-06-02T07:00:00Z');
    const before = await rowsOf('2025-06-01');
    const added = await seedDemoSecureScoreHistory(db.pool, fixture.tenant, now);
    expect(added).toBeGreaterThan(0);
    expect(await rowsOf('2025-06-01')).toEqual(before);
    expect((await rowsOf('2024-06-03'))?.n).toBe(before?.n);
    expect(await seedDemoSecureScoreHistory(db.pool, fixture.tenant, now)).toBe(0);
  }, 60_000);
});
