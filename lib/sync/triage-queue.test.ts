// End to end through the store: the demo tenant's alerts and incidents, read by the real connectors from the ARM
// stand-in (small pages), merged into findings, security_events and the triage queue in one transaction per run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArmStandIn, type ArmStandIn } from '../demo/arm-stand-in';
import { generateTenant, type DemoTenant } from '../demo/generate-tenant';
import { createDemoCredential } from '../demo/static-credential';
import { ensureDevCertificate } from '../demo/tls';
import { trustStandInPolicy } from '../connectors/testing/stand-in-trust';
import type { AzureSettings } from '../connectors/types';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { syncAll } from './sync-all';
import { reopenExpiredAcceptances } from './sync-triage-queue';

let standIn: ArmStandIn;
let tenant: DemoTenant;
let db: TestDatabase;
let azure: AzureSettings;
const NOW = new Date('2025-06-01T06:00:00Z');

beforeAll(async () => {
  const tls = await ensureDevCertificate('.data/tls');
  const trust = trustStandInPolicy(tls.cert);
  tenant = generateTenant({ seed: 42, clusters: 8, now: new Date('2025-06-01T00:00:00Z') });
  standIn = await startArmStandIn({ tenant, tls, pageSize: 5 });
  db = await createTestDatabase();
  azure = {
    armEndpoint: standIn.url,
    subscriptionIds: tenant.subscriptions.map((s) => s.subscriptionId),
    sentinelWorkspaceIds: [tenant.sentinelWorkspace.id],
    credential: createDemoCredential(),
    additionalPolicies: [{ policy: trust, position: 'perCall' }],
  };
  const results = await syncAll(db.pool, azure, { trigger: 'cli', only: ['inventory', 'defender-alert', 'sentinel-incident'], now: () => NOW });
  expect(results.map((r) => [r.source, r.outcome, r.error])).toEqual([
    ['inventory', 'succeeded', undefined],
    ['defender-alert', 'succeeded', undefined],
    ['sentinel-incident', 'succeeded', undefined],
  ]);
}, 120_000);

afterAll(async () => {
  await standIn?.stop();
  await db?.drop();
});

const total = (kind: 'alerts' | 'incidents') => tenant.subscriptions.reduce((n, s) => n + tenant.count(kind, s.subscriptionId), 0);

describe('alerts and incidents in the store and the triage queue', () => {
  it('stores every alert and incident once, as findings with evidence, and queues each', async () => {
    const { rows } = await db.pool.query<{ source: string; findings: string; events: string; items: string }>(
      `SELECT f.source, count(*)::text AS findings, count(e.finding_id)::text AS events, count(t.finding_id)::text AS items
         FROM findings f LEFT JOIN security_events e ON e.finding_id = f.id LEFT JOIN triage_items t ON t.finding_id = f.id
        WHERE f.source IN ('defender-alert', 'sentinel-incident')
        GROUP BY f.source ORDER BY f.source`,
    );
    expect(rows).toEqual([
      { source: 'defender-alert', findings: String(total('alerts')), events: String(total('alerts')), items: String(total('alerts')) },
      { source: 'sentinel-incident', findings: String(total('incidents')), events: String(total('incidents')), items: String(total('incidents')) },
    ]);
  });

  it('keeps each incident\'s entities (Incidents_ListEntities) as evidence: the cluster its alert names', async () => {
    const { rows } = await db.pool.query<{ entities: { type: string; resourceId?: string }[]; cluster_arm: string }>(
      `SELECT e.entities, c.arm_id AS cluster_arm FROM security_events e JOIN findings f ON f.id = e.finding_id JOIN clusters c ON c.id = f.cluster_id
        WHERE f.source = 'sentinel-incident'`,
    );
    expect(rows).toHaveLength(total('incidents'));
    for (const r of rows) expect(r.entities.map((x) => [x.type, x.resourceId?.toLowerCase()])).toEqual([['AzureResource', r.cluster_arm]]);
  });

  it('folds each incident\'s Defender alert under the incident, and gives the incident that cluster', async () => {
    const { rows } = await db.pool.query<{ incident: string; child: string; same_cluster: boolean; finding_cluster: string | null }>(
      `SELECT p.finding_id::text AS incident, c.finding_id::text AS child, p.cluster_id = c.cluster_id AS same_cluster, f.cluster_id AS finding_cluster
         FROM triage_items p JOIN triage_items c ON c.parent_id = p.finding_id JOIN findings f ON f.id = p.finding_id
        WHERE p.source = 'sentinel-incident'`,
    );
    expect(rows).toHaveLength(total('incidents'));
    expect(rows.every((r) => r.same_cluster && r.finding_cluster !== null)).toBe(true);
    const top = await db.pool.query<{ n: string }>(`SELECT count(*)::text AS n FROM triage_items WHERE parent_id IS NULL AND source IN ('defender-alert', 'sentinel-incident')`);
    expect(Number(top.rows[0]?.n)).toBe(total('alerts'));
  });

  it('starts items where the source stands, and sets the SLA due date by severity', async () => {
    const { rows } = await db.pool.query<{ status: string; severity: string; days: number; source_open: boolean }>(
      `SELECT status::text, severity::text, round(extract(epoch FROM due_at - detected_at) / 86400)::int AS days, source_open FROM triage_items`,
    );
    const days = { critical: 7, high: 30, medium: 90, low: 180, informational: 365 } as Record<string, number>;
    for (const r of rows) expect(r.days).toBe(days[r.severity]);
    expect(rows.filter((r) => !r.source_open).every((r) => ['resolved', 'false_positive'].includes(r.status))).toBe(true);
    expect(rows.some((r) => r.status === 'new')).toBe(true);
  });

  it('a failed run changes nothing in the queue', async () => {
    const before = await db.pool.query(`SELECT finding_id, status, version FROM triage_items ORDER BY finding_id`);
    standIn.setFaults({ failPaths: [/Microsoft\.Security\/alerts/i] });
    try {
      const [result] = await syncAll(db.pool, azure, { trigger: 'cli', only: ['defender-alert'], now: () => NOW });
      expect(result?.outcome).toBe('failed');
      expect(result?.error).toMatch(/security alerts of subscription .* failed: HTTP 500/);
    } finally {
      standIn.setFaults({});
    }
    const after = await db.pool.query(`SELECT finding_id, status, version FROM triage_items ORDER BY finding_id`);
    expect(after.rows).toEqual(before.rows);
  }, 60_000);

  it('an accepted risk reopens at its expiry, with a history entry that says so', async () => {
    const { rows } = await db.pool.query<{ id: string }>(`SELECT finding_id::text AS id FROM triage_items WHERE status = 'new' ORDER BY finding_id LIMIT 2`);
    const [expiring, lasting] = rows.map((r) => r.id);
    await db.pool.query(`UPDATE triage_items SET status = 'risk_accepted', accepted_until = $2, justification = 'compensating control' WHERE finding_id = $1`, [expiring, new Date('2025-06-10T00:00:00Z')]);
    await db.pool.query(`UPDATE triage_items SET status = 'risk_accepted', accepted_until = $2, justification = 'compensating control' WHERE finding_id = $1`, [lasting, new Date('2025-07-10T00:00:00Z')]);
    expect(await reopenExpiredAcceptances(db.pool, new Date('2025-06-09T23:59:59Z'))).toBe(0);
    expect(await reopenExpiredAcceptances(db.pool, new Date('2025-06-10T00:00:00Z'))).toBe(1);
    const items = await db.pool.query<{ id: string; status: string; reopened_at: Date | null }>(
      `SELECT finding_id::text AS id, status::text, reopened_at FROM triage_items WHERE finding_id IN ($1, $2) ORDER BY finding_id`,
      [expiring, lasting],
    );
    expect(items.rows.find((r) => r.id === expiring)).toMatchObject({ status: 'new', reopened_at: new Date('2025-06-10T00:00:00Z') });
    expect(items.rows.find((r) => r.id === lasting)).toMatchObject({ status: 'risk_accepted', reopened_at: null });
    const history = await db.pool.query<{ kind: string; comment: string; actor_id: string }>(`SELECT kind, comment, actor_id FROM triage_events WHERE finding_id = $1`, [expiring]);
    expect(history.rows).toEqual([{ kind: 'reopen', actor_id: 'system', comment: 'Risk acceptance expired on 2025-06-10 00:00 UTC; reopened automatically.' }]);
    const audit = await db.pool.query<{ actor_id: string; action: string; before: unknown; after: unknown }>(`SELECT actor_id, action, before, after FROM audit_log WHERE target_type = 'triage-item' AND target_id = $1`, [expiring]);
    expect(audit.rows).toEqual([{ actor_id: 'system', action: 'triage.reopen', before: { status: 'risk_accepted', acceptedUntil: '2025-06-10T00:00:00.000Z' }, after: { status: 'new' } }]);
  });
});
