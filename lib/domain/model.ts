// The vocabulary every layer shares: stages, roles, severities, sources. Kept as `as const` data so the
// UI, the catalog, the database enums and the zod schemas all derive from one list.

export const STAGES = ['plan', 'develop', 'build', 'deploy', 'operate'] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  plan: 'Plan',
  develop: 'Develop',
  build: 'Build',
  deploy: 'Deploy',
  operate: 'Operate',
};

/** Team roles from the reference article, plus the manager who follows trends. */
export const TEAM_ROLES = ['developer', 'app-operator', 'cluster-operator', 'security', 'manager'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

export const TEAM_ROLE_LABELS: Record<TeamRole, string> = {
  developer: 'Developer',
  'app-operator': 'Application operator (SRE)',
  'cluster-operator': 'Cluster operator',
  security: 'Security team',
  manager: 'Manager',
};

export const SEVERITIES = ['critical', 'high', 'medium', 'low', 'informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const FINDING_STATUSES = ['open', 'resolved', 'dismissed'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_KINDS = ['recommendation', 'vulnerability', 'alert', 'policy', 'incident', 'pipeline'] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** Source ids are part of the CLI and the stats JSON contract: never rename one. */
export const SOURCE_IDS = [
  'inventory',
  'defender-assessment',
  'defender-vulnerability',
  'defender-alert',
  'policy-state',
  'sentinel-incident',
] as const;
export type SourceId = (typeof SOURCE_IDS)[number];

/** Sources whose findings come from Azure records; the inventory's findings are its own configuration checks. */
export const FINDING_SOURCE_IDS = SOURCE_IDS.filter((s): s is Exclude<SourceId, 'inventory'> => s !== 'inventory');
export type FindingSourceId = Exclude<SourceId, 'inventory'>;

export const SOURCE_LABELS: Record<SourceId, string> = {
  inventory: 'AKS & ACR inventory',
  'defender-assessment': 'Defender recommendations',
  'defender-vulnerability': 'Defender image vulnerabilities',
  'defender-alert': 'Defender alerts',
  'policy-state': 'Azure Policy compliance',
  'sentinel-incident': 'Sentinel incidents',
};

export const SYNC_OUTCOMES = ['running', 'succeeded', 'failed'] as const;
export type SyncOutcome = (typeof SYNC_OUTCOMES)[number];

export const CONTROL_STATUSES = ['pass', 'fail', 'no-evidence'] as const;
export type ControlStatus = (typeof CONTROL_STATUSES)[number];

/** One line per stage, in our words, for stage headers. */
export const STAGE_DESCRIPTIONS: Record<Stage, string> = {
  plan: 'Design the platform and model threats before code exists.',
  develop: 'Catch issues at the keyboard and guard the repository.',
  build: 'Scan code, dependencies, secrets, templates and images in CI.',
  deploy: 'Gate releases, protect credentials, admit only trusted images.',
  operate: 'Monitor, patch, govern and respond in running clusters.',
};
