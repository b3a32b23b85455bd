// Control status from counted facts, plus catalog lookups. Pure: callers count evidence and open findings per
// control (in SQL) and pass the numbers in, so the rule lives in one place for the UI, the CLI and snapshots.
import { SEVERITIES, type ControlStatus, type Severity, type Stage, type TeamRole } from '@/lib/domain/model';
import { CONTROLS, type CatalogControl, type Control, type ControlId, type EvidenceSourceId, type StatusRuleKind } from './controls';

/** Bump when controls, ids or rules change, so stored snapshots can tell which catalog scored them. */
export const CATALOG_VERSION = '1.1.0';

export interface ControlFacts {
  /** Records from any evidence source that map to the control, healthy or not. */
  readonly evidenceRecords: number;
  readonly openBySeverity: Readonly<Record<Severity, number>>;
  /** Sources whose latest sync failed; a control relying on one cannot be shown as passing. */
  readonly sourcesFailing?: readonly EvidenceSourceId[];
}

/** Severities whose open findings fail a control under each rule. */
export const FAILING_SEVERITIES = {
  'no-open-findings': SEVERITIES,
  'no-open-critical-or-high': ['critical', 'high'],
  'no-open-medium-or-above': ['critical', 'high', 'medium'],
  'manual-attestation': [],
} as const satisfies Record<StatusRuleKind, readonly Severity[]>;

export function computeControlStatus(control: Control, facts: ControlFacts): ControlStatus {
  if (control.manual || control.statusRule === 'manual-attestation') return 'no-evidence';

  let failing = 0;
  for (const severity of FAILING_SEVERITIES[control.statusRule]) failing += facts.openBySeverity[severity];
  // An open finding is evidence in itself, so it fails the control even if the record count lags behind.
  if (failing > 0) return 'fail';

  const hasOpenFindings = SEVERITIES.some((s) => facts.openBySeverity[s] > 0);
  if (facts.evidenceRecords <= 0 && !hasOpenFindings) return 'no-evidence';

  // Passing needs every source we rely on to be current; otherwise a down source would read as a healthy zero.
  const failingSources = facts.sourcesFailing ?? [];
  if (failingSources.length > 0 && control.evidence.some((e) => failingSources.includes(e.source))) {
    return 'no-evidence';
  }
  return 'pass';
}

let byId: ReadonlyMap<string, CatalogControl> | null = null;

function controlsById(): ReadonlyMap<string, CatalogControl> {
  byId ??= new Map(CONTROLS.map((c) => [c.id, c]));
  return byId;
}

export function isControlId(id: string): id is ControlId {
  return controlsById().has(id);
}

export function getControl(id: string): CatalogControl {
  const control = controlsById().get(id);
  if (control === undefined) throw new Error(`Unknown catalog control id "${id}" (catalog ${CATALOG_VERSION})`);
  return control;
}

export function controlsForStage(stage: Stage): readonly CatalogControl[] {
  return CONTROLS.filter((c) => c.stage === stage);
}

export function controlsForRole(role: TeamRole): readonly CatalogControl[] {
  return CONTROLS.filter((c) => (c.ownerRoles as readonly TeamRole[]).includes(role));
}
