export {
  CONTROLS,
  EVIDENCE_SOURCE_IDS,
  INVENTORY_CHECKS,
  STATUS_RULE_KINDS,
  type CatalogControl,
  type Control,
  type ControlId,
  type EvidenceMatch,
  type EvidenceSourceId,
  type EvidenceSpec,
  type InventoryCheck,
  type StatusRuleKind,
} from './controls';
export {
  ALERT_TYPES,
  DEFENDER_RECOMMENDATIONS,
  POLICY_DEFINITIONS,
  type AlertType,
  type DefenderRecommendation,
  type PolicyDefinition,
} from './defender-recommendations';
export {
  DEFAULT_CONTROL_BY_SOURCE,
  REGISTRY_VULNERABILITY_CONTROL,
  RUNTIME_VULNERABILITY_CONTROL,
  classifyFinding,
  referenceIdsForControl,
  type Classification,
  type ClassifyInput,
  type ReferenceIds,
} from './classify';
export {
  CATALOG_VERSION,
  FAILING_SEVERITIES,
  computeControlStatus,
  controlsForRole,
  controlsForStage,
  getControl,
  isControlId,
  type ControlFacts,
} from './status';
