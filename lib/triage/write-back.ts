// Which calls a triage change makes to the source, decided purely: Defender alerts take a state
// (activate / inProgress / resolve / dismiss, api-version 2022-01-01); Sentinel incidents take status, owner,
// classification with its reason, and comments (2025-09-01). Findings of other sources have no write-back API:
// their changes stay local. The data layer adds the drafts to the outbox in the change's own transaction.
import type { TriageStatus } from '../domain/triage-status';
import type { OutboxDraft } from '../outbox/types';
import type { PlannedEvent, TriageState } from './plan-change';

export const WRITE_BACK_KINDS = {
  alertState: 'defender-alert.state',
  incidentUpdate: 'sentinel-incident.update',
  incidentComment: 'sentinel-incident.comment',
} as const;

/** Sources whose status changes can go back, and where they go (the UI names it). */
export const WRITE_BACK_TARGETS: Readonly<Record<string, string>> = {
  'defender-alert': 'Defender',
  'sentinel-incident': 'Sentinel',
};

export const ALERT_STATE_ACTIONS = ['activate', 'inProgress', 'resolve', 'dismiss'] as const;
export type AlertStateAction = (typeof ALERT_STATE_ACTIONS)[number];

/** Defender knows Active, InProgress, Resolved and Dismissed: an accepted risk or a false positive is dismissed. */
export const ALERT_ACTION_OF: Record<TriageStatus, AlertStateAction> = {
  new: 'activate',
  acknowledged: 'inProgress',
  in_progress: 'inProgress',
  resolved: 'resolve',
  false_positive: 'dismiss',
  risk_accepted: 'dismiss',
};

export interface IncidentStatusPatch {
  status: 'New' | 'Active' | 'Closed';
  classification?: 'TruePositive' | 'FalsePositive' | 'BenignPositive';
  classificationReason?: 'SuspiciousActivity' | 'IncorrectAlertLogic' | 'SuspiciousButExpected';
  classificationComment?: string;
}

/** Sentinel closes with a classification and reason; our closing statuses say which. */
export const INCIDENT_STATUS_OF: Record<TriageStatus, IncidentStatusPatch> = {
  new: { status: 'New' },
  acknowledged: { status: 'Active' },
  in_progress: { status: 'Active' },
  resolved: { status: 'Closed', classification: 'TruePositive', classificationReason: 'SuspiciousActivity' },
  false_positive: { status: 'Closed', classification: 'FalsePositive', classificationReason: 'IncorrectAlertLogic' },
  risk_accepted: { status: 'Closed', classification: 'BenignPositive', classificationReason: 'SuspiciousButExpected' },
};

export interface IncidentOwnerPatch {
  assignedTo: string | null;
  objectId: string | null;
}

export interface AlertStatePayload {
  alertId: string;
  action: AlertStateAction;
}
export interface IncidentUpdatePayload {
  incidentId: string;
  properties: Partial<IncidentStatusPatch> & { owner?: IncidentOwnerPatch };
}
export interface IncidentCommentPayload {
  incidentId: string;
  commentId: string;
  message: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface WriteBackItem {
  findingId: bigint;
  source: string;
  /** The ARM id of the alert or incident. */
  armId: string;
}

/** Outbox drafts for one applied change (its history events and resulting state), in the order they must go. */
export function planWriteBack(item: WriteBackItem, next: TriageState, events: readonly PlannedEvent[], actor: { name: string }, newId: () => string): OutboxDraft[] {
  const base = { target: item.armId, orderingKey: `triage:${item.findingId.toString()}`, findingId: item.findingId };
  const drafts: OutboxDraft[] = [];
  const statusChanged = events.some((e) => e.kind === 'status' || e.kind === 'accept');
  if (item.source === 'defender-alert') {
    if (statusChanged) drafts.push({ ...base, kind: WRITE_BACK_KINDS.alertState, payload: { alertId: item.armId, action: ALERT_ACTION_OF[next.status] } satisfies AlertStatePayload });
    return drafts;
  }
  if (item.source !== 'sentinel-incident') return drafts;
  const properties: IncidentUpdatePayload['properties'] = {};
  if (statusChanged) {
    const patch = INCIDENT_STATUS_OF[next.status];
    Object.assign(properties, patch);
    if (patch.status === 'Closed') properties.classificationComment = (next.status === 'risk_accepted' ? next.justification : events.find((e) => e.comment)?.comment) ?? `Closed as ${next.status.replace('_', ' ')} in the posture dashboard by ${actor.name}.`;
  }
  if (events.some((e) => e.kind === 'assign')) {
    properties.owner = { assignedTo: next.ownerName ?? next.ownerId, objectId: next.ownerId && GUID.test(next.ownerId) ? next.ownerId : null };
  }
  if (Object.keys(properties).length > 0) drafts.push({ ...base, kind: WRITE_BACK_KINDS.incidentUpdate, payload: { incidentId: item.armId, properties } satisfies IncidentUpdatePayload });
  for (const e of events) {
    if (e.kind !== 'comment' && !(e.kind === 'status' && e.comment)) continue;
    const message = `${e.comment ?? ''}\n\n— ${actor.name}, in the posture dashboard`;
    drafts.push({ ...base, kind: WRITE_BACK_KINDS.incidentComment, payload: { incidentId: item.armId, commentId: newId(), message } satisfies IncidentCommentPayload });
  }
  return drafts;
}
