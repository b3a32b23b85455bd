import { CONTROL_STATUSES, type ControlStatus } from '@/lib/domain/model';

export const CONTROL_STATUS_LABELS: Record<ControlStatus, string> = {
  pass: 'Pass',
  fail: 'Fail',
  'no-evidence': 'No evidence',
};

export const CONTROL_STATUS_CLASSES: Record<ControlStatus, string> = {
  pass: 'border-pass/30 bg-pass/10 text-pass',
  fail: 'border-fail/30 bg-fail/10 text-fail',
  'no-evidence': 'border-no-evidence/30 bg-no-evidence/10 text-no-evidence',
};

export const CONTROL_STATUS_TEXT_CLASSES: Record<ControlStatus, string> = {
  pass: 'text-pass',
  fail: 'text-fail',
  'no-evidence': 'text-no-evidence',
};

export type ControlStatusTallies = Record<ControlStatus, number>;

/** Counts per status with every status present, so a stage with no failures shows "0 fail", not nothing. */
export function tallyControlStatuses(statuses: Iterable<ControlStatus>): ControlStatusTallies {
  const tallies = Object.fromEntries(CONTROL_STATUSES.map((status) => [status, 0])) as ControlStatusTallies;
  for (const status of statuses) tallies[status] += 1;
  return tallies;
}
