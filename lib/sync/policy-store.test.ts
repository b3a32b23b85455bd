// The policy-state source through the real store: states, findings and the compliance summary land in one
// transaction; a complete run replaces the snapshot; a failed run (one subscription's query failing) changes nothing.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { toPolicyStateBatch } from '../connectors/policy-state';
import { toClusterRow } from '../connectors/inventory/transform';
import type { SourceBatch } from '../connectors/types';
import { generateTenant } from '../demo/generate-tenant';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { runBatches } from './run-source';

const tenant = generateTenant({ seed: 11, clusters: 4, now: new Date('2026-06-01T00:00:00Z') });
const sub = tenant.subscriptions[0]?.subscriptionId ?? '';
const stateItems = tenant.page('policyStates', sub, 0, tenant.count('policyStates', sub));

async function* pages(...batches: SourceBatch[]): AsyncIterable<SourceBatch> {
  for (const b of batches) yield b;
}

async function* failingAfter(batch: SourceBatch): AsyncIterable<SourceBatch> {
  yield batch;
  throw new Error('policy states of subscription x, page 1 failed: HTTP 403 AuthorizationFailed: denied');
}

describe('policy-state store', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());
  beforeEach(async () => {
    await db.pool.query('TRUNCATE findings, sync_runs, posture_snapshots, policy_states, policy_compliance_summary, policy_exemptions, clusters, subscriptions CASCADE');
    const clusters = tenant.subscriptions.flatMap((s) => tenant.page('managedClusters', s.subscriptionId, 0, 100)).map(toClusterRow);
    expect((await runBatches(db.pool, 'inventory', pages({ clusters }), { trigger: 'cli', sweep: true })).outcome).toBe('succeeded');
  });

  const half = Math.floor(stateItems.length / 2);

  it('writes states and findings, attaches them to clusters, and keeps the summary equal to a direct count', async () => {
    const r = await runBatches(db.pool, 'policy-state', pages(toPolicyStateBatch(stateItems.slice(0, half)), toPolicyStateBatch(stateItems.slice(half))), {
      trigger: 'cli',
      sweep: true,
    });
    expect(r.error ?? r.outcome).toBe('succeeded');
    const { rows: [counts] } = await db.pool.query<{ states: number; attached: number; k8s: number }>(
      `SELECT count(*)::int AS states, count(cluster_id)::int AS attached, count(*) FILTER (WHERE k8s_name IS NOT NULL)::int AS k8s FROM policy_states`,
    );
    expect(counts?.states).toBe(stateItems.length);
    expect(counts?.attached).toBeGreaterThan(counts?.k8s ?? 0);
    const direct = await db.pool.query(
      `SELECT compliance_state, count(*)::int AS n FROM policy_states GROUP BY 1 ORDER BY 1`,
    );
    const summary = await db.pool.query<{ compliant: number; non_compliant: number; exempt: number }>(
      `SELECT sum(compliant)::int AS compliant, sum(non_compliant)::int AS non_compliant, sum(exempt)::int AS exempt FROM policy_compliance_summary`,
    );
    const byState = Object.fromEntries(direct.rows.map((x: { compliance_state: string; n: number }) => [x.compliance_state, x.n]));
    expect(summary.rows[0]).toEqual({ compliant: byState.compliant ?? 0, non_compliant: byState.noncompliant ?? 0, exempt: byState.exempt ?? 0 });
    // Non-compliant states are open policy findings, classified into catalog controls; compliant ones are resolved evidence.
    const findings = await db.pool.query<{ status: string; n: number }>(`SELECT status::text, count(*)::int AS n FROM findings WHERE source = 'policy-state' GROUP BY 1`);
    const byStatus = Object.fromEntries(findings.rows.map((x) => [x.status, x.n]));
    expect(byStatus.open).toBe(byState.noncompliant);
    expect(byStatus.resolved).toBe(byState.compliant);
    const controls = await db.pool.query<{ control_id: string }>(`SELECT DISTINCT control_id FROM findings WHERE source = 'policy-state' ORDER BY 1`);
    expect(controls.rows.map((x) => x.control_id)).toEqual(expect.arrayContaining(['operate-no-privileged-containers', 'deploy-trusted-registries']));
  });

  it('a complete run drops states it no longer reports; a failed run changes nothing', async () => {
    await runBatches(db.pool, 'policy-state', pages(toPolicyStateBatch(stateItems)), { trigger: 'cli', sweep: true });
    const second = await runBatches(db.pool, 'policy-state', pages(toPolicyStateBatch(stateItems.slice(0, half))), { trigger: 'cli', sweep: true });
    expect(second.counts.policyStatesRemoved).toBe(stateItems.length - half);
    const before = (await db.pool.query(`SELECT count(*)::int AS n, (SELECT sum(non_compliant)::int FROM policy_compliance_summary) AS nc FROM policy_states`)).rows[0];
    const failed = await runBatches(db.pool, 'policy-state', failingAfter(toPolicyStateBatch(stateItems.slice(0, 3))), { trigger: 'cli', sweep: true });
    expect(failed.outcome).toBe('failed');
    expect(failed.error).toMatch(/HTTP 403/);
    const after = (await db.pool.query(`SELECT count(*)::int AS n, (SELECT sum(non_compliant)::int FROM policy_compliance_summary) AS nc FROM policy_states`)).rows[0];
    expect(after).toEqual(before);
    const runs = await db.pool.query<{ outcome: string }>(`SELECT outcome::text FROM sync_runs WHERE source = 'policy-state' ORDER BY id`);
    expect(runs.rows.map((x) => x.outcome)).toEqual(['succeeded', 'succeeded', 'failed']);
  });

  it('an unchanged re-run rewrites no state, finding or summary row; the summary still equals a direct count', async () => {
    await runBatches(db.pool, 'policy-state', pages(toPolicyStateBatch(stateItems)), { trigger: 'cli', sweep: true });
    // Row versions (xmin/ctid) change with any rewrite, even one that sets the same values.
    const versions = async () =>
      (await db.pool.query<{ v: string }>(
        `SELECT string_agg(v, ',' ORDER BY v) AS v FROM (
           SELECT 's' || xmin::text || ctid::text AS v FROM policy_states UNION ALL
           SELECT 'c' || xmin::text || ctid::text FROM policy_compliance_summary UNION ALL
           SELECT 'f' || xmin::text || ctid::text FROM findings WHERE source = 'policy-state') x`,
      )).rows[0]?.v;
    const before = await versions();
    const again = await runBatches(db.pool, 'policy-state', pages(toPolicyStateBatch(stateItems)), { trigger: 'cli', sweep: true });
    expect(again.outcome).toBe('succeeded');
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, policyStatesRemoved: 0 });
    expect(await versions()).toBe(before);
    // Not locked either (a lock sets xmax and writes the page): states reported again never reach the upsert.
    expect((await db.pool.query(`SELECT count(*)::int AS n FROM policy_states WHERE xmax::text <> '0'`)).rows[0].n).toBe(0);
    // A changed state is rewritten and the summary follows it.
    const flipped = stateItems.map((item, i) => (i === 0 ? flipState(item) : item));
    await runBatches(db.pool, 'policy-state', pages(toPolicyStateBatch(flipped)), { trigger: 'cli', sweep: true });
    const direct = (await db.pool.query(`SELECT count(*) FILTER (WHERE compliance_state = 'noncompliant')::int AS nc FROM policy_states`)).rows[0].nc as number;
    const summary = (await db.pool.query(`SELECT sum(non_compliant)::int AS nc FROM policy_compliance_summary`)).rows[0].nc as number;
    expect(summary).toBe(direct);
    expect(await versions()).not.toBe(before);
  });
});

/** The same policy state reported with the other compliance verdict. */
function flipState(item: unknown): unknown {
  const copy = structuredClone(item) as { complianceState?: string; properties?: { complianceState?: string } };
  const holder = copy.properties ?? copy;
  holder.complianceState = holder.complianceState?.toLowerCase() === 'compliant' ? 'NonCompliant' : 'Compliant';
  return copy;
}
