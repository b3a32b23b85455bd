import { describe, expect, it } from 'vitest';
import { ALERT_ACTION_OF, INCIDENT_STATUS_OF, planWriteBack } from './write-back';
import { writeBackLabel, writeBackStatusOf } from './write-back-status';

const row = (over: Record<string, unknown>) => ({ state: 'pending', attempts: 0, nextAttemptAt: '2026-12-02T06:30:00+00:00', lastError: null, lastStatus: null, sentAt: null, ...over });

describe('write-back status for people', () => {
  it('says which stay local and why', () => {
    expect(writeBackLabel(writeBackStatusOf('defender-alert', false, null))).toBe('Local only (write-back off)');
    expect(writeBackLabel(writeBackStatusOf('defender-vulnerability', true, null))).toBe('Local only');
    expect(writeBackLabel(writeBackStatusOf('sentinel-incident', true, null))).toBe('No change sent to Sentinel yet');
  });

  it('names the target and the outcome', () => {
    expect(writeBackLabel(writeBackStatusOf('sentinel-incident', true, row({})))).toBe('Pending write-back to Sentinel');
    expect(writeBackLabel(writeBackStatusOf('defender-alert', true, row({ state: 'sent', sentAt: '2026-12-02T06:31:00+00:00' })))).toBe('Synced to Defender');
    expect(writeBackLabel(writeBackStatusOf('defender-alert', true, row({ state: 'failed', attempts: 2, lastError: 'HTTP 500', lastStatus: 500 })))).toBe('Failed — retrying at 06:30 UTC');
    expect(writeBackStatusOf('defender-alert', true, row({ state: 'given_up', lastStatus: 403 }))).toMatchObject({ noPermission: true });
    expect(writeBackLabel(writeBackStatusOf('defender-alert', true, row({ state: 'given_up', lastStatus: 500 })))).toBe('Write-back to Defender failed — gave up');
    // Turned off later: what was written while on still shows how it ended.
    expect(writeBackLabel(writeBackStatusOf('defender-alert', false, row({ state: 'sent' })))).toBe('Synced to Defender');
  });
});

describe('planWriteBack', () => {
  const state = { status: 'resolved' as const, ownerId: null, ownerName: null, acceptedUntil: null, justification: null };
  const alert = { findingId: 7n, source: 'defender-alert', armId: '/subscriptions/s/providers/Microsoft.Security/locations/l/alerts/a' };
  const incident = { findingId: 8n, source: 'sentinel-incident', armId: '/subscriptions/s/resourceGroups/g/providers/Microsoft.OperationalInsights/workspaces/w/providers/Microsoft.SecurityInsights/incidents/i' };
  const actor = { name: 'Sam' };

  it('maps every status to a Defender state and a Sentinel status, closing with a classification', () => {
    expect(ALERT_ACTION_OF).toEqual({ new: 'activate', acknowledged: 'inProgress', in_progress: 'inProgress', resolved: 'resolve', false_positive: 'dismiss', risk_accepted: 'dismiss' });
    for (const patch of Object.values(INCIDENT_STATUS_OF)) expect(patch.status !== 'Closed' || (patch.classification && patch.classificationReason)).toBeTruthy();
  });

  it('sends only what the source takes: alerts a state, incidents status, owner and comments, other findings nothing', () => {
    const status = [{ kind: 'status' as const, from: 'new', to: 'resolved', comment: 'fixed the image' }];
    expect(planWriteBack(alert, state, status, actor, () => 'x').map((d) => [d.kind, d.payload])).toEqual([['defender-alert.state', { alertId: alert.armId, action: 'resolve' }]]);
    expect(planWriteBack(alert, state, [{ kind: 'comment', from: null, to: null, comment: 'hi' }], actor, () => 'x')).toEqual([]);
    expect(planWriteBack({ ...alert, source: 'defender-vulnerability' }, state, status, actor, () => 'x')).toEqual([]);
    const drafts = planWriteBack(incident, state, status, actor, () => '00000000-0000-0000-0000-000000000001');
    expect(drafts.map((d) => d.kind)).toEqual(['sentinel-incident.update', 'sentinel-incident.comment']);
    expect(drafts[0]?.payload).toEqual({ incidentId: incident.armId, properties: { status: 'Closed', classification: 'TruePositive', classificationReason: 'SuspiciousActivity', classificationComment: 'fixed the image' } });
    expect(drafts.every((d) => d.orderingKey === 'triage:8' && d.findingId === 8n)).toBe(true);
    const assigned = planWriteBack(incident, { ...state, status: 'new', ownerId: 'ops-1', ownerName: 'Ops' }, [{ kind: 'assign', from: null, to: 'Ops', comment: null }], actor, () => 'x');
    expect(assigned.map((d) => d.payload)).toEqual([{ incidentId: incident.armId, properties: { owner: { assignedTo: 'Ops', objectId: null } } }]);
  });
});
