// Issue 13, item 1: a re-sync that reports nothing new rewrites nothing. Row versions are compared by xmin/ctid
// (a rewritten row gets a new version, HOT or not), so the test cannot be fooled by an UPDATE that sets the same values.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SourceBatch } from '../connectors/types';
import type { ClusterRow, FindingRow } from '../domain/rows';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { runBatches } from './run-source';

const SUB = '00000000-0000-0000-0000-00000000c001';
const CLUSTER = `/subscriptions/${SUB}/resourceGroups/rg-c/providers/Microsoft.ContainerService/managedClusters/aks-c`;
const REGISTRY = `/subscriptions/${SUB}/resourceGroups/rg-c/providers/Microsoft.ContainerRegistry/registries/acrc`;
const DIGEST = 'sha256:' + 'c'.repeat(64);

const cluster: ClusterRow = {
  armId: CLUSTER, subscriptionId: SUB, resourceGroup: 'rg-c', name: 'aks-c', location: 'westeurope', kubernetesVersion: '1.30.1',
  provisioningState: 'Succeeded', fqdn: null, rbacEnabled: true, networkPolicy: 'azure', team: 'payments', tags: {}, raw: { id: CLUSTER },
};

// Text the COPY transport must carry exactly: field and line separators, backslashes, quotes, COPY's own NULL
// marker, Unicode beyond the BMP.
const AWKWARD = 'tab\there, new\nline, cr\r, back\\slash \\N, "double" \'single\', ünïcødé 𝔘 — 漢字';

function vulnerability(cve: string, over: Partial<FindingRow> = {}): FindingRow {
  return {
    sourceKey: `${REGISTRY}/providers/Microsoft.Security/assessments/x/subAssessments/${cve}`, kind: 'vulnerability', ruleId: cve,
    title: `${cve} in openssl`, description: AWKWARD, remediation: null, severity: 'high', status: 'open',
    resourceId: REGISTRY, resourceType: 'Microsoft.ContainerRegistry/registries', subscriptionId: SUB, clusterArmId: CLUSTER,
    registryArmId: REGISTRY, imageDigest: DIGEST, stage: null, controlId: null,
    firstSeenAt: new Date('2026-10-01T00:00:00Z'), sourceUpdatedAt: new Date('2026-10-02T00:00:00Z'), resolvedAt: null,
    raw: { id: cve, text: AWKWARD, nested: { list: [1, null, 'x\ty'] } }, ...over,
  };
}

const page = (findings: FindingRow[]): SourceBatch => ({
  images: [{ digest: DIGEST, registryArmId: REGISTRY, repository: 'payments/api', tags: ['v1'], lastPushedAt: new Date('2026-09-30T00:00:00Z') }],
  workloads: [{ clusterArmId: CLUSTER, namespace: 'payments', kind: 'Deployment', name: 'api', imageDigest: DIGEST }],
  findings,
});

async function* pages(...batches: SourceBatch[]): AsyncIterable<SourceBatch> {
  for (const b of batches) yield b;
}

describe('an unchanged re-sync writes nothing; a changed record is rewritten', () => {
  let db: TestDatabase;
  const day = (d: string) => () => new Date(`${d}T12:00:00Z`);
  const versions = async (table: string, key: string) =>
    Object.fromEntries((await db.pool.query<{ k: string; v: string }>(`SELECT ${key} AS k, xmin::text || ctid::text AS v FROM ${table}`)).rows.map((r) => [r.k, r.v]));
  // The transaction that last locked or deleted each row (0: none).
  const lockers = async (table: string, key: string) =>
    Object.fromEntries((await db.pool.query<{ k: string; v: string }>(`SELECT ${key} AS k, xmax::text AS v FROM ${table}`)).rows.map((r) => [r.k, r.v]));
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => db.drop());
  beforeEach(async () => {
    await db.pool.query(
      `TRUNCATE findings, sync_runs, posture_snapshots, remediation_snapshots, remediation_monthly, sla_breach_snapshots, policy_compliance_snapshots,
                snapshot_state, policy_compliance_summary, triage_items, workloads, images, clusters, registries, subscriptions,
                finding_source_seen CASCADE`,
    );
    expect((await runBatches(db.pool, 'inventory', pages({ clusters: [cluster] }), { trigger: 'cli', sweep: true })).outcome).toBe('succeeded');
  });

  it('stores text exactly as the source sent it, through the COPY transport', async () => {
    const r = await runBatches(db.pool, 'defender-vulnerability', pages(page([vulnerability('CVE-2026-0001')])), { trigger: 'cli', sweep: true });
    expect(r.outcome).toBe('succeeded');
    const row = (await db.pool.query('SELECT description, remediation, raw, content_hash FROM findings')).rows[0];
    expect(row.description).toBe(AWKWARD);
    expect(row.remediation).toBeNull();
    expect(row.raw).toEqual({ id: 'CVE-2026-0001', text: AWKWARD, nested: { list: [1, null, 'x\ty'] } });
    expect(row.content_hash).toMatch(/^[\w-]{22}$/);
  });

  it('leaves every finding, image and workload row version untouched when nothing changed', async () => {
    const all = ['CVE-2026-0001', 'CVE-2026-0002', 'CVE-2026-0003'].map((c) => vulnerability(c));
    // The image and workload arrive on every page that names them: written once all the same.
    const first = await runBatches(db.pool, 'defender-vulnerability', pages(page(all.slice(0, 2)), page(all.slice(2))), { trigger: 'cli', sweep: true, now: day('2026-11-01') });
    expect(first.counts).toMatchObject({ inserted: 3, updated: 0, unchanged: 0 });
    const before = { findings: await versions('findings', 'rule_id'), images: await versions('images', 'digest'), workloads: await versions('workloads', 'name') };
    const counts = (await db.pool.query('SELECT * FROM finding_counts ORDER BY 1, 2, 3, 4, 5, 6, 7')).rows;
    const imageLockers = await lockers('images', 'digest');

    const second = await runBatches(db.pool, 'defender-vulnerability', pages(page(all.slice(0, 2)), page(all.slice(2))), { trigger: 'cli', sweep: true, now: day('2026-11-02') });
    expect(second.outcome).toBe('succeeded');
    expect(second.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 3, resolvedBySweep: 0 });
    expect({ findings: await versions('findings', 'rule_id'), images: await versions('images', 'digest'), workloads: await versions('workloads', 'name') }).toEqual(before);
    // Not even locked: ON CONFLICT … DO UPDATE … WHERE <unchanged> leaves the version but locks each row it probed
    // (xmax set, the page and WAL written); unchanged records must never reach the insert.
    expect((await db.pool.query(`SELECT rule_id, xmax::text FROM findings WHERE xmax::text <> '0' ORDER BY rule_id`)).rows).toEqual([]);
    // (The image's xmax is already set by the first run's workload insert: its foreign key check locks the image.)
    expect(await lockers('images', 'digest')).toEqual(imageLockers);
    expect((await db.pool.query('SELECT * FROM finding_counts ORDER BY 1, 2, 3, 4, 5, 6, 7')).rows).toEqual(counts);
    // Not rewritten, yet seen: the complete run vouches for every finding still open.
    expect((await db.pool.query("SELECT source, seen_at FROM finding_source_seen WHERE source = 'defender-vulnerability'")).rows).toEqual([
      { source: 'defender-vulnerability', seen_at: new Date('2026-11-02T12:00:00Z') },
    ]);
  });

  it('rewrites exactly the record that changed, and resolves the one no longer reported', async () => {
    const all = ['CVE-2026-0001', 'CVE-2026-0002', 'CVE-2026-0003'].map((c) => vulnerability(c));
    await runBatches(db.pool, 'defender-vulnerability', pages(page(all)), { trigger: 'cli', sweep: true, now: day('2026-11-01') });
    const before = await versions('findings', 'rule_id');
    const changed = vulnerability('CVE-2026-0002', { severity: 'critical', raw: { id: 'CVE-2026-0002', cvss: 9.8 } });
    const r = await runBatches(db.pool, 'defender-vulnerability', pages(page([all[0]!, changed])), { trigger: 'cli', sweep: true, now: day('2026-11-02') });
    expect(r.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 1, resolvedBySweep: 1 });
    const after = await versions('findings', 'rule_id');
    expect(after['CVE-2026-0001']).toBe(before['CVE-2026-0001']);
    expect(after['CVE-2026-0002']).not.toBe(before['CVE-2026-0002']);
    const rows = (await db.pool.query('SELECT rule_id, severity, status, raw, last_seen_at FROM findings ORDER BY rule_id')).rows;
    expect(rows.map((x) => [x.rule_id, x.severity, x.status])).toEqual([
      ['CVE-2026-0001', 'high', 'open'], ['CVE-2026-0002', 'critical', 'open'], ['CVE-2026-0003', 'high', 'resolved'],
    ]);
    expect(rows[1].raw).toEqual({ id: 'CVE-2026-0002', cvss: 9.8 });
    // The resolved one was last seen by the previous complete run.
    expect((rows[2].last_seen_at as Date).toISOString()).toBe('2026-11-01T12:00:00.000Z');
    // The summary follows the rewrite: one critical, one high open.
    const open = (await db.pool.query(`SELECT severity::text, sum(n)::int AS n FROM finding_counts WHERE status = 'open' GROUP BY 1 ORDER BY 1`)).rows;
    expect(open).toEqual([{ severity: 'critical', n: 1 }, { severity: 'high', n: 1 }]);

    // A resolved finding that comes back unchanged is reopened (its status differs, whatever its digest).
    const back = await runBatches(db.pool, 'defender-vulnerability', pages(page([all[0]!, changed, all[2]!])), { trigger: 'cli', sweep: true, now: day('2026-11-03') });
    expect(back.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: 2, resolvedBySweep: 0 });
    expect((await db.pool.query(`SELECT status, resolved_at FROM findings WHERE rule_id = 'CVE-2026-0003'`)).rows[0]).toEqual({ status: 'open', resolved_at: null });
  });

  it('leaves the day’s snapshot rows untouched when nothing changed, and rewrites only the rows whose numbers did', async () => {
    // Row versions of every snapshot family, keyed by each row's primary key and numbers.
    const snapshotTables = {
      posture_snapshots: "day || scope || stage || severity",
      remediation_snapshots: "day || scope || severity || ttr_days",
      remediation_monthly: "month || scope || severity || ttr_days",
      sla_breach_snapshots: "day || scope || severity",
      policy_compliance_snapshots: "day || scope || initiative",
      snapshot_state: 'key',
    } as const;
    const snapshotVersions = async () => {
      const out: Record<string, Record<string, string>> = {};
      for (const [table, key] of Object.entries(snapshotTables)) out[table] = await versions(table, key);
      return out;
    };
    await db.pool.query(
      `INSERT INTO policy_compliance_summary (subscription_id, cluster_id, kubernetes, policy_assignment_id, policy_assignment_name,
                                              policy_definition_id, policy_title, compliant, non_compliant, exempt, other)
       VALUES ($1, $2, true, 'assignment-1', 'aks-baseline', 'definition-1', 'No privileged containers', 4, 1, 0, 0)`,
      [SUB, CLUSTER.toLowerCase()],
    );
    const all = ['CVE-2026-0001', 'CVE-2026-0002', 'CVE-2026-0003'].map((c) => vulnerability(c));
    const sync = (findings: FindingRow[], d: string) =>
      runBatches(db.pool, 'defender-vulnerability', pages(page(findings)), { trigger: 'cli', sweep: true, now: day(d) });
    await sync(all, '2026-11-01');
    // A triage item long past due (findings enter the queue only while new; this one is placed there directly).
    await db.pool.query(
      `INSERT INTO triage_items (finding_id, source, kind, severity, severity_rank, title, cluster_id, detected_at, due_at, source_open)
       SELECT id, source, kind, severity, 1, title, cluster_id, first_seen_at, first_seen_at + interval '30 days', true FROM findings WHERE rule_id = 'CVE-2026-0001'`,
    );
    // CVE-2026-0003 fixed on the 2nd: today's rows now have something in every family.
    expect((await sync(all.slice(0, 2), '2026-11-02')).counts).toMatchObject({ resolvedBySweep: 1 });
    const today = async (table: string) => (await db.pool.query(`SELECT count(*)::int AS n FROM ${table} WHERE day = '2026-11-02'`)).rows[0].n as number;
    for (const table of ['posture_snapshots', 'remediation_snapshots', 'sla_breach_snapshots', 'policy_compliance_snapshots']) {
      expect(await today(table), table).toBeGreaterThan(0);
    }
    const before = await snapshotVersions();

    // The same day, the same records: no snapshot row gets a new version (an UPDATE to equal values would).
    const again = await sync(all.slice(0, 2), '2026-11-02');
    expect(again.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 2 });
    expect(await snapshotVersions()).toEqual(before);

    // One record changes severity: today's posture rows for high and critical are rewritten, nothing else.
    await sync([all[0]!, vulnerability('CVE-2026-0002', { severity: 'critical' })], '2026-11-02');
    const after = await snapshotVersions();
    const changed = (table: keyof typeof snapshotTables) =>
      Object.keys({ ...before[table], ...after[table] }).filter((k) => before[table]?.[k] !== after[table]?.[k]).sort();
    expect(changed('posture_snapshots').every((k) => k.startsWith('2026-11-02') && /(high|critical)$/.test(k))).toBe(true);
    // Per scope (cluster, team, estate): the critical row is new; the high row's open count went from 2 to 1.
    expect(changed('posture_snapshots').filter((k) => k.endsWith('critical'))).toHaveLength(3);
    expect(changed('posture_snapshots').filter((k) => k.endsWith('high'))).toHaveLength(3);
    expect(changed('policy_compliance_snapshots')).toEqual([]);
    expect(changed('remediation_snapshots')).toEqual([]);
    expect(changed('remediation_monthly')).toEqual([]);
    expect(changed('snapshot_state')).toEqual([]);
    const open = await db.pool.query(
      `SELECT severity::text, open FROM posture_snapshots WHERE day = '2026-11-02' AND scope = 'all' ORDER BY severity`,
    );
    expect(open.rows).toEqual([{ severity: 'critical', open: 1 }, { severity: 'high', open: 1 }]);
  });

  it('a failed run leaves its staging behind nowhere and takes no lock with it', async () => {
    async function* failing(): AsyncIterable<SourceBatch> {
      yield page([vulnerability('CVE-2026-0009')]);
      throw new Error('Defender answered 500 on page 2');
    }
    const failed = await runBatches(db.pool, 'defender-vulnerability', failing(), { trigger: 'cli', sweep: true });
    expect(failed.outcome).toBe('failed');
    expect((await db.pool.query('SELECT count(*)::int AS n FROM findings')).rows[0].n).toBe(0);
    // Every pooled connection: no staging table survives the run, no source lock is held.
    const clients = await Promise.all([db.pool.connect(), db.pool.connect(), db.pool.connect(), db.pool.connect()]);
    try {
      for (const c of clients) {
        expect((await c.query(`SELECT count(*)::int AS n FROM pg_class WHERE relname LIKE 'stage_%' AND relpersistence = 't' AND pg_table_is_visible(oid)`)).rows[0].n).toBe(0);
      }
    } finally {
      for (const c of clients) c.release();
    }
    // pg_locks spans the server: count this test database's advisory locks only (other files run beside this one).
    const held = await db.pool.query(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(held.rows[0].n).toBe(0);
    const next = await runBatches(db.pool, 'defender-vulnerability', pages(page([vulnerability('CVE-2026-0009')])), { trigger: 'cli', sweep: true });
    expect(next.outcome).toBe('succeeded');
  });
});
