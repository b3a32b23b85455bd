// Write-back end to end against the Azure stand-in: a status change queues its write-back in the same
// transaction, the drainer sends it through the official clients' pipelines, the stand-in records the call, and
// the next sync reads the new status back. A failing call is shown and retried until it succeeds; a 403 is shown
// as "no permission" and not retried; with write-back off, changes stay local and say so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trustStandInPolicy } from '../connectors/testing/stand-in-trust';
import type { AzureSettings } from '../connectors/types';
import type { Viewer } from '../auth/viewer';
import { applyBulkTriageAction, applyTriageAction } from '../data/triage-actions';
import { getTriageQueueItem } from '../data/triage';
import { createPrisma } from '../db/prisma-factory';
import type { PrismaClient } from '../generated/prisma/client';
import { startArmStandIn, type ArmStandIn } from '../demo/arm-stand-in';
import { generateTenant } from '../demo/generate-tenant';
import { createDemoCredential } from '../demo/static-credential';
import { ensureDevCertificate } from '../demo/tls';
import { drainOutbox } from '../outbox/drain';
import { syncAll } from '../sync/sync-all';
import { reopenExpiredAcceptances } from '../sync/sync-triage-queue';
import { createTestDatabase, type TestDatabase } from '../testing/db';
import { writeBackChannels } from './write-back-channels';
import { writeBackLabel } from './write-back-status';

let standIn: ArmStandIn;
let db: TestDatabase;
let prisma: PrismaClient;
let azure: AzureSettings;
const NOW = new Date('2025-06-01T06:00:00Z');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);
const analyst: Viewer = { id: '5b0c7f3e-1d2a-4c4e-9f00-0a1b2c3d4e5f', name: 'Sam Analyst', email: null, roles: ['security'], scope: { kind: 'all' } };

beforeAll(async () => {
  const tls = await ensureDevCertificate('.data/tls');
  const tenant = generateTenant({ seed: 42, clusters: 8, now: new Date('2025-06-01T00:00:00Z') });
  standIn = await startArmStandIn({ tenant, tls, pageSize: 50 });
  db = await createTestDatabase();
  prisma = createPrisma(db.url, 2);
  azure = {
    armEndpoint: standIn.url,
    subscriptionIds: tenant.subscriptions.map((s) => s.subscriptionId),
    sentinelWorkspaceIds: [tenant.sentinelWorkspace.id],
    credential: createDemoCredential(),
    additionalPolicies: [{ policy: trustStandInPolicy(tls.cert), position: 'perCall' }],
  };
  const results = await syncAll(db.pool, azure, { trigger: 'cli', only: ['inventory', 'defender-alert', 'sentinel-incident'], now: () => NOW });
  expect(results.every((r) => r.outcome === 'succeeded')).toBe(true);
}, 120_000);

afterAll(async () => {
  await prisma?.$disconnect();
  await standIn?.stop();
  await db?.drop();
});

/** Open items of a source, with their ARM id's last segment (the stand-in records writes by name). */
async function openItems(source: string): Promise<{ id: string; name: string }[]> {
  const r = await db.pool.query<{ id: string; key: string }>(
    `SELECT t.finding_id::text AS id, f.source_key AS key FROM triage_items t JOIN findings f ON f.id = t.finding_id
      WHERE t.source = $1 AND t.status = 'new' AND t.source_open ORDER BY t.finding_id`,
    [source],
  );
  return r.rows.map((x) => ({ id: x.id, name: x.key.split('/').pop() ?? '' }));
}

const outboxOf = async (id: string) =>
  (await db.pool.query<{ kind: string; state: string; attempts: number; last_status: number | null; last_error: string | null; next_attempt_at: Date; payload: Record<string, unknown> }>(
    'SELECT kind, state::text, attempts, last_status, last_error, next_attempt_at, payload FROM outbox WHERE finding_id = $1 ORDER BY id',
    [id],
  )).rows;

const drain = (at: Date) => drainOutbox(db.pool, { channels: writeBackChannels(azure), now: () => at, random: () => 0 });

describe('triage write-back through the outbox', () => {
  it('a Defender alert resolved here is resolved in Defender, and the next sync reads it back', async () => {
    const [alert] = await openItems('defender-alert');
    if (!alert) throw new Error('the demo tenant has no open alert');
    await applyTriageAction(analyst, alert.id, { action: { type: 'status', status: 'resolved' } }, null, prisma, NOW, { writeBack: true });
    expect(await outboxOf(alert.id)).toEqual([expect.objectContaining({ kind: 'defender-alert.state', state: 'pending', payload: expect.objectContaining({ action: 'resolve' }) })]);
    expect(writeBackLabel((await getTriageQueueItem(analyst, alert.id, prisma, NOW)).writeBack)).toBe('Pending write-back to Defender');

    expect(await drain(NOW)).toEqual({ sent: 1, failed: 0, givenUp: 0 });
    expect(standIn.triageWrites().alerts[alert.name.toLowerCase()]).toBe('Resolved');
    expect(writeBackLabel((await getTriageQueueItem(analyst, alert.id, prisma, NOW)).writeBack)).toBe('Synced to Defender');
    const audit = await db.pool.query<{ actor_id: string; outcome: string }>(`SELECT actor_id, outcome::text FROM audit_log WHERE action = 'triage.write_back' AND target_id = $1`, [alert.id]);
    expect(audit.rows).toEqual([{ actor_id: 'system', outcome: 'success' }]);

    await syncAll(db.pool, azure, { trigger: 'cli', only: ['defender-alert'], now: () => later(60) });
    const back = await db.pool.query<{ source_status: string; source_open: boolean; status: string }>(
      `SELECT e.source_status, t.source_open, t.status::text FROM security_events e JOIN triage_items t ON t.finding_id = e.finding_id WHERE e.finding_id = $1`,
      [alert.id],
    );
    expect(back.rows).toEqual([{ source_status: 'Resolved', source_open: false, status: 'resolved' }]);
  });

  it('a Sentinel incident takes owner, status and comment (PUT with the incident read first), and the sync reads them back', async () => {
    const [incident] = await openItems('sentinel-incident');
    if (!incident) throw new Error('the demo tenant has no open incident');
    await applyTriageAction(analyst, incident.id, { action: { type: 'assign', ownerId: analyst.id } }, null, prisma, NOW, { writeBack: true });
    await applyTriageAction(analyst, incident.id, { action: { type: 'status', status: 'in_progress', comment: 'Looking at the pod now.' } }, null, prisma, NOW, { writeBack: true });
    expect((await outboxOf(incident.id)).map((r) => r.kind)).toEqual(['sentinel-incident.update', 'sentinel-incident.update', 'sentinel-incident.comment']);
    expect(await drain(NOW)).toEqual({ sent: 3, failed: 0, givenUp: 0 });
    const written = standIn.triageWrites();
    expect(written.incidents[incident.name.toLowerCase()]).toMatchObject({ status: 'Active', owner: expect.objectContaining({ assignedTo: 'Sam Analyst', objectId: analyst.id }) });
    expect(written.comments[incident.name.toLowerCase()]).toEqual([expect.stringContaining('Looking at the pod now.')]);

    await syncAll(db.pool, azure, { trigger: 'cli', only: ['sentinel-incident'], now: () => later(60) });
    const back = await db.pool.query<{ source_status: string; source_owner: string }>(`SELECT source_status, source_owner FROM security_events WHERE finding_id = $1`, [incident.id]);
    expect(back.rows).toEqual([{ source_status: 'Active', source_owner: 'Sam Analyst' }]);
  });

  it('a write-back that fails is shown with its retry time and last error, honours Retry-After, and is retried until it succeeds', async () => {
    const [, alert] = await openItems('defender-alert');
    if (!alert) throw new Error('the demo tenant has too few open alerts');
    // The stand-in's outage: the dismiss call answers 500, then (after recovering) 429 with Retry-After: 1.
    // eslint-disable-next-line security/detect-non-literal-regexp -- the alert name comes from the demo tenant
    const path = new RegExp(`/alerts/${alert.name}/dismiss`, 'i');
    standIn.setFaults({ failPaths: [path] });
    await applyTriageAction(analyst, alert.id, { action: { type: 'status', status: 'false_positive' } }, null, prisma, NOW, { writeBack: true });
    expect(await drain(NOW)).toEqual({ sent: 0, failed: 1, givenUp: 0 });
    const [failed] = await outboxOf(alert.id);
    expect(failed).toMatchObject({ state: 'failed', attempts: 1, last_status: 500 });
    expect(failed?.last_error).toContain('InternalServerError');
    const shown = (await getTriageQueueItem(analyst, alert.id, prisma, NOW)).writeBack;
    expect(shown).toMatchObject({ state: 'failed', nextAttemptAt: failed?.next_attempt_at.toISOString(), lastError: expect.stringContaining('HTTP 500') });
    expect(writeBackLabel(shown)).toMatch(/^Failed — retrying at \d\d:\d\d UTC$/);

    standIn.setFaults({ throttleOncePaths: [path] });
    expect(await drain(later(60))).toEqual({ sent: 0, failed: 1, givenUp: 0 });
    const [throttled] = await outboxOf(alert.id);
    expect(throttled).toMatchObject({ state: 'failed', attempts: 2, last_status: 429 });
    expect(throttled?.next_attempt_at.getTime()).toBe(later(60).getTime() + 1000);

    expect(await drain(new Date(later(60).getTime() + 1000))).toEqual({ sent: 1, failed: 0, givenUp: 0 });
    expect(standIn.triageWrites().alerts[alert.name.toLowerCase()]).toBe('Dismissed');
    expect((await getTriageQueueItem(analyst, alert.id, prisma, NOW)).writeBack.state).toBe('synced');
    standIn.setFaults({});
  });

  it('a 403 is shown as no permission, audited as a failure, and not retried', async () => {
    const [, , alert] = await openItems('defender-alert');
    if (!alert) throw new Error('the demo tenant has too few open alerts');
    standIn.setFaults({ forbidPaths: [/\/providers\/Microsoft\.Security\/locations\/[^/]+\/alerts\/[^/]+\/inProgress$/i] });
    await applyTriageAction(analyst, alert.id, { action: { type: 'status', status: 'acknowledged' } }, null, prisma, NOW, { writeBack: true });
    expect(await drain(NOW)).toEqual({ sent: 0, failed: 0, givenUp: 1 });
    expect(await drain(later(24 * 60))).toEqual({ sent: 0, failed: 0, givenUp: 0 });
    const shown = (await getTriageQueueItem(analyst, alert.id, prisma, NOW)).writeBack;
    expect(shown).toMatchObject({ state: 'given_up', noPermission: true, lastError: expect.stringMatching(/^No permission: .*HTTP 403 AuthorizationFailed/) });
    expect(writeBackLabel(shown)).toBe('Not written to Defender — no permission');
    const audit = await db.pool.query<{ outcome: string }>(`SELECT outcome::text FROM audit_log WHERE action = 'triage.write_back' AND target_id = $1`, [alert.id]);
    expect(audit.rows).toEqual([{ outcome: 'failure' }]);
    standIn.setFaults({});
  });

  it('an accepted risk dismisses the alert in Defender; at expiry the reopening activates it again, so the next sync keeps it open', async () => {
    const [, , , , alert] = await openItems('defender-alert');
    if (!alert) throw new Error('the demo tenant has too few open alerts');
    const until = later(7 * 24 * 60);
    await applyTriageAction(analyst, alert.id, { action: { type: 'accept', justification: 'Compensating network policy in place.', acceptedUntil: until.toISOString() } }, null, prisma, NOW, { writeBack: true });
    expect(await drain(NOW)).toEqual({ sent: 1, failed: 0, givenUp: 0 });
    expect(standIn.triageWrites().alerts[alert.name.toLowerCase()]).toBe('Dismissed');

    expect(await reopenExpiredAcceptances(db.pool, until, { writeBack: true })).toBe(1);
    expect((await outboxOf(alert.id)).map((r) => [r.state, r.payload])).toEqual([
      ['sent', expect.objectContaining({ action: 'dismiss' })],
      ['pending', expect.objectContaining({ action: 'activate' })],
    ]);
    expect(await drain(until)).toEqual({ sent: 1, failed: 0, givenUp: 0 });
    expect(standIn.triageWrites().alerts[alert.name.toLowerCase()]).toBe('Active');

    await syncAll(db.pool, azure, { trigger: 'cli', only: ['defender-alert'], now: () => new Date(until.getTime() + 60_000) });
    const item = await db.pool.query<{ status: string; source_open: boolean }>('SELECT status::text, source_open FROM triage_items WHERE finding_id = $1', [alert.id]);
    expect(item.rows).toEqual([{ status: 'new', source_open: true }]);
  });

  it('a bulk status change leaves an item already in that status as it is and changes the rest (one history entry, one write-back each)', async () => {
    const items = await openItems('defender-alert');
    const [first, second] = items.slice(-2);
    if (!first || !second) throw new Error('the demo tenant has too few open alerts');
    await applyTriageAction(analyst, first.id, { action: { type: 'status', status: 'in_progress' } }, null, prisma, NOW, { writeBack: true });
    const changed = await applyBulkTriageAction(analyst, { ids: [first.id, second.id], action: { type: 'status', status: 'in_progress' } }, null, prisma, NOW, { writeBack: true });
    expect(changed.map((i) => i.status)).toEqual(['in_progress', 'in_progress']);
    const statusEvents = async (id: string) =>
      (await db.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM triage_events WHERE finding_id = $1 AND kind = 'status'`, [id])).rows[0]!.n;
    expect(await statusEvents(first.id)).toBe(1);
    expect(await statusEvents(second.id)).toBe(1);
    expect((await outboxOf(first.id)).length).toBe(1);
    expect((await outboxOf(second.id)).length).toBe(1);
    expect(await drain(NOW)).toEqual({ sent: 2, failed: 0, givenUp: 0 });
    // A single item asked for the status it has is still refused: there, it is a stale view, and the person is told.
    await expect(applyTriageAction(analyst, first.id, { action: { type: 'status', status: 'in_progress' } }, null, prisma, NOW, { writeBack: true })).rejects.toThrow(/already in progress/);
  });

  it('with write-back off, a change stays local: nothing is queued', async () => {
    const [, , , alert] = await openItems('defender-alert');
    if (!alert) throw new Error('the demo tenant has too few open alerts');
    await applyTriageAction(analyst, alert.id, { action: { type: 'status', status: 'in_progress' } }, null, prisma, NOW, { writeBack: false });
    expect(await outboxOf(alert.id)).toEqual([]);
    expect(await drain(NOW)).toEqual({ sent: 0, failed: 0, givenUp: 0 });
  });
});
