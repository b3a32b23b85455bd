// The triage vocabulary: statuses an analyst sets, as data, with labels. `active` statuses are work still to do.
export const TRIAGE_STATUSES = ['new', 'acknowledged', 'in_progress', 'resolved', 'false_positive', 'risk_accepted'] as const;
export type TriageStatus = (typeof TRIAGE_STATUSES)[number];

export const TRIAGE_STATUS_LABELS: Record<TriageStatus, string> = {
  new: 'New',
  acknowledged: 'Acknowledged',
  in_progress: 'In progress',
  resolved: 'Resolved',
  false_positive: 'False positive',
  risk_accepted: 'Risk accepted',
};

export const ACTIVE_TRIAGE_STATUSES = ['new', 'acknowledged', 'in_progress'] as const satisfies readonly TriageStatus[];

export function isActiveStatus(status: TriageStatus): boolean {
  return (ACTIVE_TRIAGE_STATUSES as readonly TriageStatus[]).includes(status);
}
