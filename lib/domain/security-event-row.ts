// What a Defender alert or Sentinel incident carries beyond the finding row: the evidence an analyst reads and the
// links that group an incident with its alerts. Produced by the two transforms beside their finding row (same
// sourceKey), zod-checked at the transform boundary like every other row.
import { z } from 'zod';
import { TRIAGE_STATUSES } from './triage-status';

export const TARGET_KINDS = ['cluster', 'registry', 'key-vault', 'workload', 'other'] as const;
export type TargetKind = (typeof TARGET_KINDS)[number];

export const securityEventRowSchema = z.object({
  /** The finding row's sourceKey: the store joins on (source, sourceKey). */
  sourceKey: z.string().min(1),
  systemAlertId: z.string().nullable(),
  relatedAlertIds: z.array(z.string()),
  tactics: z.array(z.string()),
  techniques: z.array(z.string()),
  entities: z.array(z.unknown()),
  remediationSteps: z.array(z.string()),
  portalUrl: z.string().nullable(),
  productName: z.string().nullable(),
  compromisedEntity: z.string().nullable(),
  targetKind: z.enum(TARGET_KINDS),
  targetName: z.string().nullable(),
  /** The source's own status word (Active, InProgress, New, Closed …), shown as evidence. */
  sourceStatus: z.string().nullable(),
  /** Where a new queue item starts: the source's status mapped to ours (an alert already dismissed is no new work). */
  initialTriageStatus: z.enum(TRIAGE_STATUSES),
  sourceOwner: z.string().nullable(),
  classification: z.string().nullable(),
  classificationReason: z.string().nullable(),
  incidentNumber: z.number().int().nullable(),
  alertCount: z.number().int().nullable(),
  commentCount: z.number().int().nullable(),
  startedAt: z.date().nullable(),
  endedAt: z.date().nullable(),
});
export type SecurityEventRow = z.infer<typeof securityEventRowSchema>;
