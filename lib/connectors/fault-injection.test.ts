// Fault tests: the real connectors and store against the ARM stand-in told to misbehave (lib/demo/stand-in-faults.ts).
// Throttling slows a sync down without failing it; a truncated or malformed page fails its source's run with a clear
// message and changes no finding.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArmStandIn, type ArmStandIn } from '../demo/arm-stand-in';
import { generateTenant } from '../demo/generate-tenant';
import { createDemoCredential } from '../demo/static-credential';
import { parseFaultSpec } from '../demo/stand-in-faults';
import { ensureDevCertificate } from '../demo/tls';
import { syncAll } from '../sync/sync-all';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { rateLimitBudgetOf } from './shared/client-options';
import { trustStandInPolicy } from './testing/stand-in-trust';
import type { AzureSettings } from './types';

let standIn: ArmStandIn;
let db: TestDatabase;
let azure: () => AzureSettings;

beforeAll(async () => {
  const tls = await ensureDevCertificate('.data/tls');
  const trust = trustStandInPolicy(tls.cert);
  const tenant = generateTenant({ seed: 42, clusters: 3, now: new Date('2025-06-01T00:00:00Z') });
  // Small ARM pages: many requests, so a 5 % fault rate is many faults; Resource Graph pages larger, as the store's
  // cost per page (not the stand-in) is what would make this test slow.
  standIn = await startArmStandIn({ tenant, tls, pageSize: 4, resourceGraphPageSize: 200 });
  db = await createTestDatabase();
  // A fresh settings object per sync: each has its own throttling budget, so its stats are that sync's.
  azure = () => ({
    armEndpoint: standIn.url,
    subscriptionIds: tenant.subscriptions.map((s) => s.subscriptionId),
    sentinelWorkspaceIds: [tenant.sentinelWorkspace.id],
    credential: createDemoCredential(),
    additionalPolicies: [{ policy: trust, position: 'perCall' }],
  });
}, 60_000);

afterAll(async () => {
  await standIn?.stop();
  await db?.drop();
});

async function findingsBySource(): Promise<Record<string, number>> {
  const { rows } = await db.pool.query<{ source: string; n: number }>('SELECT source, count(*)::int AS n FROM findings GROUP BY source ORDER BY source');
  return Object.fromEntries(rows.map((r) => [r.source, r.n]));
}

/** Every finding as it is stored, to prove a failed run changed none. */
async function findingsSnapshot(): Promise<string> {
  const { rows } = await db.pool.query('SELECT * FROM findings ORDER BY id');
  return JSON.stringify(rows);
}

describe('a sync against a misbehaving Azure', () => {
  it('with 5 % of answers throttled (429 + Retry-After), every source completes and the slowdown is reported', async () => {
    standIn.setFaults({});
    const clean = await syncAll(db.pool, azure(), { trigger: 'cli' });
    expect(clean.filter((r) => r.outcome !== 'succeeded')).toEqual([]);
    const expected = await findingsBySource();

    standIn.setFaults({ mix: parseFaultSpec('429:0.05,retry-after:0.05,seed:13') });
    const settings = azure();
    const throttledRun = await syncAll(db.pool, settings, { trigger: 'cli' });
    expect(throttledRun.map((r) => [r.source, r.outcome, r.error])).toEqual(clean.map((r) => [r.source, 'succeeded', undefined]));
    expect(await findingsBySource()).toEqual(expected);

    const injected = standIn.injectedFaults()['429'] ?? 0;
    expect(injected).toBeGreaterThan(5);
    const stats = rateLimitBudgetOf(settings).stats();
    // Every injected 429 was seen and waited out (50 ms each).
    expect(stats.throttled).toBe(injected);
    expect(stats.waitedMs).toBe(injected * 50);
  }, 180_000);

  it.each([
    ['truncated', /Resource Graph container vulnerabilities, page 1 failed: .*(JSON|pars)/i],
    ['malformed', /Malformed container vulnerability at \[0\]: missing id/],
  ])('a %s page fails the vulnerability run clearly and changes no finding', async (fault, message) => {
    // The store holds the last test's sync.
    const before = await findingsSnapshot();
    expect(JSON.parse(before)).not.toHaveLength(0);
    standIn.setFaults({ mix: parseFaultSpec(`${fault}:1`) });
    const [result] = await syncAll(db.pool, azure(), { trigger: 'cli', only: ['defender-vulnerability'] });
    standIn.setFaults({});
    expect(result).toMatchObject({ source: 'defender-vulnerability', outcome: 'failed' });
    expect(result?.error).toMatch(message);
    expect(await findingsSnapshot()).toBe(before);
  }, 60_000);
});
