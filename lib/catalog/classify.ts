// Maps a normalised finding to its lifecycle stage and catalog control. Runs once per finding during sync (up to a
// million per run), so every lookup table and regular expression is built once, on first use, and a call does at
// most a few Map lookups plus, for records with no exact id, a pass over the precompiled title patterns.
import type { FindingKind, Stage } from '@/lib/domain/model';
import { CONTROLS, type ControlId, type EvidenceSourceId } from './controls';
import { ALERT_TYPES, DEFENDER_RECOMMENDATIONS, POLICY_DEFINITIONS } from './defender-recommendations';

export interface ClassifyInput {
  readonly source: EvidenceSourceId;
  readonly kind: FindingKind;
  /** Assessment key, CVE id, alert type, policy definition id (bare GUID or ARM id), inventory check or tool rule. */
  readonly ruleId: string;
  readonly title: string;
  readonly resourceType: string | null;
  /** Defender metadata categories; for pipeline reports, the tool name (e.g. ['trivy']). */
  readonly categories?: readonly string[];
}

export interface Classification {
  readonly stage: Stage;
  readonly controlId: ControlId;
}

/**
 * Where a record lands when neither an exact id nor a pattern claims it. Vulnerabilities are decided by resource
 * type instead (see defaultControlFor): a CVE on a registry image is a build problem, the same CVE in a running
 * cluster is an operate problem.
 */
export const DEFAULT_CONTROL_BY_SOURCE = {
  inventory: 'plan-secure-platform-design',
  'defender-assessment': 'operate-defender-configuration-baseline',
  'defender-vulnerability': 'build-registry-image-scanning',
  'defender-alert': 'operate-active-threat-monitoring',
  'policy-state': 'operate-azure-policy-governance',
  'sentinel-incident': 'operate-siem',
  'pipeline-report': 'build-sast',
} as const satisfies Record<EvidenceSourceId, ControlId>;

export const RUNTIME_VULNERABILITY_CONTROL: ControlId = 'operate-continuous-image-scanning';
export const REGISTRY_VULNERABILITY_CONTROL: ControlId = 'build-registry-image-scanning';

interface CompiledPattern {
  readonly regex: RegExp;
  readonly field: 'title' | 'ruleId';
  readonly controlId: ControlId;
}

interface Lookups {
  readonly stageOf: ReadonlyMap<ControlId, Stage>;
  readonly byAssessmentKey: ReadonlyMap<string, ControlId>;
  readonly byPolicyId: ReadonlyMap<string, ControlId>;
  readonly byAlertType: ReadonlyMap<string, ControlId>;
  readonly byReportTool: ReadonlyMap<string, ControlId>;
  readonly byInventoryCheck: ReadonlyMap<string, ControlId>;
  readonly patternsBySource: ReadonlyMap<EvidenceSourceId, readonly CompiledPattern[]>;
}

let lookups: Lookups | null = null;

function buildLookups(): Lookups {
  const stageOf = new Map<ControlId, Stage>();
  const byReportTool = new Map<string, ControlId>();
  const byInventoryCheck = new Map<string, ControlId>();
  const patternsBySource = new Map<EvidenceSourceId, CompiledPattern[]>();

  for (const control of CONTROLS) {
    stageOf.set(control.id, control.stage);
    for (const spec of control.evidence) {
      const match = spec.match;
      const patterns = patternsBySource.get(spec.source) ?? [];
      if ('titlePatterns' in match) {
        for (const source of match.titlePatterns) {
          // The catalog's own constant patterns (lib/catalog/controls.ts), never request input.
          // eslint-disable-next-line security/detect-non-literal-regexp
          patterns.push({ regex: new RegExp(source, 'i'), field: 'title', controlId: control.id });
        }
      }
      if ('ruleIdPatterns' in match) {
        for (const source of match.ruleIdPatterns) {
          // eslint-disable-next-line security/detect-non-literal-regexp -- catalog constants, as above
          patterns.push({ regex: new RegExp(source, 'i'), field: 'ruleId', controlId: control.id });
        }
      }
      patternsBySource.set(spec.source, patterns);
      if ('reportTools' in match) {
        for (const tool of match.reportTools) byReportTool.set(tool, control.id);
      }
      if ('inventoryChecks' in match) {
        for (const check of match.inventoryChecks) byInventoryCheck.set(check, control.id);
      }
    }
  }

  const byAssessmentKey = new Map<string, ControlId>();
  const byPolicyId = new Map<string, ControlId>();
  for (const rec of DEFENDER_RECOMMENDATIONS) {
    byAssessmentKey.set(rec.key.toLowerCase(), rec.controlId);
    if (rec.policyDefinitionId !== null) byPolicyId.set(rec.policyDefinitionId.toLowerCase(), rec.controlId);
  }
  // The explicit policy list wins over ids inferred from recommendations (tests keep the two consistent).
  for (const policy of POLICY_DEFINITIONS) byPolicyId.set(policy.id.toLowerCase(), policy.controlId);

  const byAlertType = new Map<string, ControlId>();
  for (const alert of ALERT_TYPES) byAlertType.set(alert.alertType.toLowerCase(), alert.controlId);

  return { stageOf, byAssessmentKey, byPolicyId, byAlertType, byReportTool, byInventoryCheck, patternsBySource };
}

function getLookups(): Lookups {
  lookups ??= buildLookups();
  return lookups;
}

/** Policy states carry either the bare GUID or `/providers/Microsoft.Authorization/policyDefinitions/<guid>`. */
function policyGuid(ruleId: string): string {
  const slash = ruleId.lastIndexOf('/');
  return (slash === -1 ? ruleId : ruleId.slice(slash + 1)).toLowerCase();
}

function isClusterResourceType(resourceType: string | null): boolean {
  if (resourceType === null) return false;
  const lower = resourceType.toLowerCase();
  return lower.includes('containerservice/managedclusters') || lower.includes('kubernetes/connectedclusters');
}

function exactMatch(input: ClassifyInput, l: Lookups): ControlId | undefined {
  switch (input.source) {
    case 'defender-assessment':
      return l.byAssessmentKey.get(input.ruleId.toLowerCase());
    case 'policy-state':
      return l.byPolicyId.get(policyGuid(input.ruleId));
    case 'defender-alert':
      return l.byAlertType.get(input.ruleId.toLowerCase());
    case 'inventory':
      return l.byInventoryCheck.get(input.ruleId);
    case 'pipeline-report':
      return reportToolMatch(input, l);
    case 'defender-vulnerability':
    case 'sentinel-incident':
      return undefined;
  }
}

/** Tool name comes from categories, or from a `tool:rule` / `tool/rule` prefix of the rule id. */
function reportToolMatch(input: ClassifyInput, l: Lookups): ControlId | undefined {
  for (const category of input.categories ?? []) {
    const hit = l.byReportTool.get(category.toLowerCase());
    if (hit !== undefined) return hit;
  }
  const cut = input.ruleId.search(/[:/]/);
  return cut > 0 ? l.byReportTool.get(input.ruleId.slice(0, cut).toLowerCase()) : undefined;
}

function patternMatch(input: ClassifyInput, l: Lookups): ControlId | undefined {
  const patterns = l.patternsBySource.get(input.source);
  if (patterns === undefined) return undefined;
  for (const p of patterns) {
    if (p.regex.test(p.field === 'title' ? input.title : input.ruleId)) return p.controlId;
  }
  return undefined;
}

function defaultControlFor(input: ClassifyInput): ControlId {
  if (input.kind === 'vulnerability' || input.source === 'defender-vulnerability') {
    return isClusterResourceType(input.resourceType) ? RUNTIME_VULNERABILITY_CONTROL : REGISTRY_VULNERABILITY_CONTROL;
  }
  return DEFAULT_CONTROL_BY_SOURCE[input.source];
}

export function classifyFinding(input: ClassifyInput): Classification {
  const l = getLookups();
  // CVE titles mention arbitrary package names; running them through control title patterns would misfile them.
  const controlId =
    exactMatch(input, l) ?? (input.kind === 'vulnerability' ? undefined : patternMatch(input, l)) ?? defaultControlFor(input);
  const stage = l.stageOf.get(controlId);
  if (stage === undefined) throw new Error(`catalog: control "${controlId}" has no stage`);
  return { stage, controlId };
}

export interface ReferenceIds {
  readonly assessmentKeys: readonly string[];
  readonly policyDefinitionIds: readonly string[];
  readonly alertTypes: readonly string[];
}

/** The exact ids from the reference lists that count as evidence for a control (for UI and evidence counts). */
export function referenceIdsForControl(controlId: ControlId): ReferenceIds {
  const l = getLookups();
  const keysFor = (map: ReadonlyMap<string, ControlId>): string[] =>
    [...map].filter(([, id]) => id === controlId).map(([key]) => key);
  return {
    assessmentKeys: keysFor(l.byAssessmentKey),
    policyDefinitionIds: keysFor(l.byPolicyId),
    alertTypes: ALERT_TYPES.filter((a) => a.controlId === controlId).map((a) => a.alertType),
  };
}
