// The contract between the sync engine and a source. A connector knows how to reach one Azure API through its
// official SDK client and how to turn raw records into normalised rows; it knows nothing about the database.
import type { TokenCredential } from '@azure/core-auth';
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import type { SourceId } from '../domain/model';
import type { ClusterRow, FindingRow, RecommendationMetadataRow, RegistryRow } from '../domain/rows';
import type { SecurityEventRow } from '../domain/security-event-row';
import type { PolicyBatch } from './policy-state/rows';
import type { KubernetesVersionRow } from './inventory/kubernetes-versions';
import type { SecureScoreRow } from './secure-score/transform';

/** How to reach Azure: the real ARM endpoint and an Entra credential, or the local stand-in and a static token. */
export interface AzureSettings {
  armEndpoint: string;
  subscriptionIds: string[];
  /** ARM ids of Log Analytics workspaces with Sentinel. */
  sentinelWorkspaceIds: string[];
  /** ARM ids of Sentinel workspaces read through Log Analytics (SecurityIncident/SecurityAlert) instead. */
  sentinelLogAnalyticsWorkspaceIds?: string[];
  /** Log Analytics query endpoint with its version path; the public cloud's when absent. */
  logAnalyticsEndpoint?: string;
  credential: TokenCredential;
  /** Extra pipeline policies (tests use them to observe requests). */
  additionalPolicies?: { policy: PipelinePolicy; position: 'perCall' | 'perRetry' }[];
  /** Longest one request may wait on Azure's throttling in total before its run fails (default 5 minutes). */
  maxThrottleWaitMs?: number;
}

export interface ImageRow {
  digest: string;
  registryArmId: string | null;
  repository: string;
  tags: string[];
  lastPushedAt: Date | null;
}

export interface WorkloadRow {
  clusterArmId: string;
  namespace: string;
  kind: string;
  name: string;
  imageDigest: string;
}

/** One page worth of normalised rows. Any field may be absent; the store writes what is there. */
export interface SourceBatch {
  subscriptions?: { id: string; displayName: string | null }[];
  clusters?: ClusterRow[];
  registries?: RegistryRow[];
  images?: ImageRow[];
  workloads?: WorkloadRow[];
  metadata?: RecommendationMetadataRow[];
  findings?: FindingRow[];
  /** Evidence of alert and incident findings in the same batch (same sourceKey). */
  securityEvents?: SecurityEventRow[];
  /** Azure Policy states, exemptions and summaries (policy-state source). */
  policy?: PolicyBatch;
  /** Kubernetes versions AKS offers per region (inventory source). */
  kubernetesVersions?: KubernetesVersionRow[];
  /** Today's secure score and secure score controls of a subscription (defender-assessment source). */
  secureScores?: SecureScoreRow[];
  /** Records of other kinds the source read and left out, by kind ("SQL", "server"): counted, never refused. */
  skipped?: Partial<Record<string, number>>;
}

export interface ConnectorContext {
  azure: AzureSettings;
  signal?: AbortSignal;
  /** Progress lines for the CLI and logs ("page 3: 100 assessments"). */
  progress?: (message: string) => void;
  /** The run's clock, for checks that depend on age (node images); defaults to the wall clock. */
  now?: Date;
}

export interface Connector {
  id: SourceId;
  /**
   * Yields normalised batches as pages arrive. Throws when it cannot finish (after the SDK's own retries):
   * the run is then marked failed and nothing it staged is swept, so a failure never reads as "0 findings".
   */
  run(ctx: ConnectorContext): AsyncIterable<SourceBatch>;
  /**
   * For people (the admin sync page): what the records of other kinds a run left out (`SourceBatch.skipped`, summed
   * into the run's counts) were. Null when there were none. Sources that never skip anything leave it out.
   */
  describeSkipped?(skipped: Readonly<Record<string, number | undefined>>): string | null;
}
