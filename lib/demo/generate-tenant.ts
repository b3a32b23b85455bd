// The demo tenant: a deterministic, realistic Azure estate (subscriptions, AKS clusters, registries, images, the
// workloads that run them) plus a year of Defender, Policy and Sentinel findings (the story: finding-history.ts), rendered on demand in the exact
// JSON shapes ARM returns. Entities are kept as small records; findings are never materialised as a whole — each one
// is a pure function of (seed, unit, index), so a million-finding tenant costs a few megabytes until a page is read.
import { incidentAlertsOf, pickAlertType } from './generate-alerts';
import { ALERT_TYPES, DEFENDER_RECOMMENDATIONS, POLICY_DEFINITIONS } from '../catalog/defender-recommendations';
import { CVE_POOL_SIZE, poolCve, type PoolCve } from './cve-pool';
import { createRng, guidFrom, hashInts, hashString, type Rng } from './prng';
import { extendWithPolicy } from './generate-policy';
import { alertStatusFor, DEMO_HISTORY_DAYS, imageFindingResolvedAt, incidentCloseHours } from './finding-history';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [key: string]: JsonValue;
}

export interface GenerateTenantOptions {
  seed: number;
  clusters: number;
  now: Date;
  /** History window in days; every first-seen/resolved date falls inside it or before it. Default a year. */
  days?: number;
}

export const TEAMS = ['payments', 'storefront', 'platform'] as const;
export type Team = (typeof TEAMS)[number];
export const ENVIRONMENTS = ['prod', 'staging', 'dev'] as const;
export type Environment = (typeof ENVIRONMENTS)[number];
export const WORKLOAD_KINDS = ['Deployment', 'StatefulSet', 'DaemonSet'] as const;
export type WorkloadKind = (typeof WORKLOAD_KINDS)[number];

/** Assessment keys of the MDVM image-vulnerability recommendations (registry images / running images). */
export const REGISTRY_VULNERABILITY_ASSESSMENT_KEY = 'c0b7cfc6-3172-465a-b378-53c7ff2cc0d5';
export const RUNTIME_VULNERABILITY_ASSESSMENT_KEY = 'c609cf0f-71ab-41e9-a3c6-9a1f7fe1b8d5';

/** Every list the stand-in serves, by the name of the ARM collection. */
export const DEMO_RECORD_KINDS = [
  'managedClusters',
  'registries',
  'assessments',
  'assessmentMetadata',
  'subAssessments',
  'containerVulnerabilities',
  'registryContainerVulnerabilities',
  'runtimeContainerVulnerabilities',
  'alerts',
  'policyStates',
  'secureScores',
  'secureScoreControls',
  'incidents',
  'policyExemptions',
] as const;
export type DemoRecordKind = (typeof DEMO_RECORD_KINDS)[number];

export interface DemoSubscription {
  subscriptionId: string;
  displayName: string;
}

export interface DemoCluster {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  team: Team;
  env: Environment;
  kubernetesVersion: string;
  /** Epoch ms. */
  createdAt: number;
  nodeCount: number;
  vmSize: string;
  enableRBAC: boolean;
  networkPlugin: 'azure' | 'kubenet';
  /** Network policy engine; null where none is installed (a finding the catalog's network-policy control reports). */
  networkPolicy: 'azure' | 'calico' | 'cilium' | null;
  dnsPrefix: string;
}

export interface DemoRegistry {
  id: string;
  name: string;
  subscriptionId: string;
  resourceGroup: string;
  location: string;
  loginServer: string;
  sku: 'Basic' | 'Standard' | 'Premium';
  createdAt: number;
  publicNetworkAccess: 'Enabled' | 'Disabled';
  adminUserEnabled: boolean;
}

export interface DemoImage {
  registryIndex: number;
  repository: string;
  digest: string;
  tags: string[];
  /** Epoch ms. */
  pushedAt: number;
  team: Team;
  osVersion: string;
  /** How many CVE findings Defender reports for this digest (0–80, skewed towards few). */
  cveCount: number;
}

export interface DemoWorkload {
  clusterIndex: number;
  namespace: string;
  kind: WorkloadKind;
  name: string;
  imageIndex: number;
  replicas: number;
}

export interface DemoWorkspace {
  id: string;
  subscriptionId: string;
  resourceGroup: string;
  name: string;
  customerId: string;
}

export interface DemoTenant {
  seed: number;
  /** UTC midnight of the `now` it was generated for: every timestamp is at or before it. */
  asOf: Date;
  days: number;
  tenantId: string;
  subscriptions: DemoSubscription[];
  clusters: DemoCluster[];
  registries: DemoRegistry[];
  images: DemoImage[];
  workloads: DemoWorkload[];
  sentinelWorkspace: DemoWorkspace;
  /** Records of `kind` visible in one subscription (metadata: the tenant catalog; incidents: the workspace's). */
  count(kind: DemoRecordKind, subscriptionId: string): number;
  /** Renders records [offset, offset+limit) of `kind` in `subscriptionId`, in a stable order. */
  page(kind: DemoRecordKind, subscriptionId: string, offset: number, limit: number): JsonObject[];
  /** The alerts of one Sentinel incident (Incidents_ListAlerts), by incident name; [] for an unknown incident. */
  incidentAlerts(incidentName: string): JsonObject[];
}

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const RETENTION_DAYS = 450;

const SUBSCRIPTION_NAMES = ['Contoso Production', 'Contoso Non-Production', 'Contoso Shared Services', 'Contoso Sandbox'];
const LOCATIONS = ['westeurope', 'northeurope', 'swedencentral', 'eastus2'] as const;
const LOCATION_SHORT: Record<(typeof LOCATIONS)[number], string> = {
  westeurope: 'weu',
  northeurope: 'neu',
  swedencentral: 'sec',
  eastus2: 'eus2',
};
/** Newest three minors are supported by AKS; the last two are the "outdated" ones the dashboard should flag. */
const KUBERNETES_VERSIONS = ['1.33.2', '1.32.6', '1.31.10', '1.30.14', '1.29.15'] as const;
const VM_SIZES = ['Standard_D4ds_v5', 'Standard_D8ds_v5', 'Standard_D4as_v5', 'Standard_E8ds_v5'] as const;
const OS_VERSIONS = ['debian_12', 'ubuntu_linux_22.04', 'alpine_3.19', 'cbl_mariner_2.0', 'azurelinux_3.0'] as const;

interface ServiceSpec {
  name: string;
  kind: WorkloadKind;
  namespace: string;
}

const SERVICES: Record<Team, readonly ServiceSpec[]> = {
  payments: [
    { name: 'payments-api', kind: 'Deployment', namespace: 'payments' },
    { name: 'ledger', kind: 'StatefulSet', namespace: 'payments' },
    { name: 'fraud-scoring', kind: 'Deployment', namespace: 'payments' },
    { name: 'payout-worker', kind: 'Deployment', namespace: 'payments' },
    { name: 'card-vault', kind: 'StatefulSet', namespace: 'payments-pci' },
    { name: 'invoice-service', kind: 'Deployment', namespace: 'payments' },
    { name: 'refunds', kind: 'Deployment', namespace: 'payments' },
    { name: 'settlement-batch', kind: 'Deployment', namespace: 'payments-batch' },
  ],
  storefront: [
    { name: 'web-frontend', kind: 'Deployment', namespace: 'storefront' },
    { name: 'catalog-api', kind: 'Deployment', namespace: 'storefront' },
    { name: 'cart-service', kind: 'Deployment', namespace: 'storefront' },
    { name: 'checkout', kind: 'Deployment', namespace: 'storefront' },
    { name: 'search-indexer', kind: 'StatefulSet', namespace: 'search' },
    { name: 'recommendations', kind: 'Deployment', namespace: 'storefront' },
    { name: 'reviews-api', kind: 'Deployment', namespace: 'storefront' },
    { name: 'media-resizer', kind: 'Deployment', namespace: 'media' },
  ],
  platform: [
    { name: 'ingress-nginx', kind: 'Deployment', namespace: 'ingress-nginx' },
    { name: 'cert-manager', kind: 'Deployment', namespace: 'cert-manager' },
    { name: 'external-dns', kind: 'Deployment', namespace: 'external-dns' },
    { name: 'fluent-bit', kind: 'DaemonSet', namespace: 'logging' },
    { name: 'otel-collector', kind: 'DaemonSet', namespace: 'monitoring' },
    { name: 'keda', kind: 'Deployment', namespace: 'keda' },
    { name: 'argocd-repo-server', kind: 'Deployment', namespace: 'argocd' },
    { name: 'kured', kind: 'DaemonSet', namespace: 'kube-system' },
  ],
};

/** The controls of the Defender secure score, as listed by the 2020-01-01 API (ids and names are Microsoft's). */
const SECURE_SCORE_CONTROLS = [
  { id: '1a3c5bca-0ff4-4ca7-9891-8e3b8ddc4a7b', name: 'Remediate vulnerabilities', max: 6 },
  { id: '76763537-9feb-42d3-b4f4-78c01117be80', name: 'Implement security best practices', max: 0 },
  { id: '4db8d6cf-075b-4149-a813-da09ca2ae120', name: 'Enable Advanced Threat Protection', max: 3 },
  { id: '27b24961-75ba-4fe4-8909-97286d5dd5ee', name: 'Enable auditing and logging', max: 1 },
  { id: '2d85f639-0bea-4a4a-b6c6-608952a1414a', name: 'Manage access and permissions', max: 4 },
  { id: '99fc8df2-e0f5-40f8-9415-a7f7ca948b5a', name: 'Remediate security configurations', max: 4 },
  { id: '61702b76-1fab-41f2-bcbc-50b7870dcf38', name: 'Apply system updates', max: 6 },
  { id: '0e55495e-034f-4abc-8293-767229250176', name: 'Encrypt data in transit', max: 4 },
  { id: 'f9d5432b-8f7b-45e9-b90c-e214a30f6a02', name: 'Restrict unauthorized network access', max: 4 },
  { id: '8fd574ec-43cf-426e-a439-a67cbaf2d564', name: 'Enable encryption at rest', max: 4 },
] as const;

/** Microsoft cloud security benchmark, the initiative Defender for Cloud assigns by default. */
const MCSB_SET_ID = '1f3afdf9-d0c9-4c3d-847f-89da613e70a8';

// ---------------------------------------------------------------------------------------------------------------
// Catalog adapters: which Azure resource each catalog entry is evaluated on in this tenant.

type Target = 'cluster' | 'registry' | 'subscription' | 'keyVault';
type CatalogRecommendation = (typeof DEFENDER_RECOMMENDATIONS)[number];
type CatalogPolicy = (typeof POLICY_DEFINITIONS)[number];
type CatalogAlert = (typeof ALERT_TYPES)[number];

function recommendationTarget(rec: CatalogRecommendation): Target | null {
  const name = rec.displayName;
  const categories: readonly string[] = rec.categories;
  // DevOps findings live on repositories and Arc ones on Arc clusters: neither exists in this Azure-only tenant.
  if (categories.includes('DevOps') || /Arc-enabled/i.test(name)) return null;
  if (/registr/i.test(name) && !/trusted registries/i.test(name)) return 'registry';
  if (/Defender for (Key Vault|Containers) should be enabled|subscriptions|accounts/i.test(name)) return 'subscription';
  if (/Key Vault/i.test(name)) return 'keyVault';
  return 'cluster';
}

function policyTarget(policy: CatalogPolicy): Target {
  if (/registr/i.test(policy.displayName)) return 'registry';
  if (/should be enabled$/i.test(policy.displayName) && /Defender for/i.test(policy.displayName)) return 'subscription';
  return 'cluster';
}

const RECOMMENDATIONS_BY_TARGET: Record<Target, CatalogRecommendation[]> = { cluster: [], registry: [], subscription: [], keyVault: [] };
for (const rec of DEFENDER_RECOMMENDATIONS) {
  const target = recommendationTarget(rec);
  if (target) RECOMMENDATIONS_BY_TARGET[target].push(rec);
}
const POLICIES_BY_TARGET: Record<Target, CatalogPolicy[]> = { cluster: [], registry: [], subscription: [], keyVault: [] };
for (const policy of POLICY_DEFINITIONS) POLICIES_BY_TARGET[policyTarget(policy)].push(policy);
const CLUSTER_ALERTS: CatalogAlert[] = ALERT_TYPES.filter((a) => a.alertType.startsWith('K8S'));
const KEY_VAULT_ALERTS: CatalogAlert[] = ALERT_TYPES.filter((a) => a.alertType.startsWith('KV_'));

function titleSeverity(severity: string): 'High' | 'Medium' | 'Low' {
  if (severity === 'critical' || severity === 'high') return 'High';
  if (severity === 'medium') return 'Medium';
  return 'Low';
}

function alertSeverity(severity: string): 'High' | 'Medium' | 'Low' | 'Informational' {
  if (severity === 'informational') return 'Informational';
  return titleSeverity(severity);
}

// ---------------------------------------------------------------------------------------------------------------
// Lazy sequences: units (a cluster, an image, …) each own `counts[u]` records; prefix sums locate record i.

interface Sequence {
  total: number;
  at(index: number): JsonObject;
}

function unitSequence(counts: ArrayLike<number>, render: (unit: number, index: number, global: number) => JsonObject): Sequence {
  const starts = new Float64Array(counts.length + 1);
  for (let u = 0; u < counts.length; u += 1) starts[u + 1] = (starts[u] ?? 0) + (counts[u] ?? 0);
  const total = starts[counts.length] ?? 0;
  return {
    total,
    at(index) {
      let lo = 0;
      let hi = counts.length - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if ((starts[mid] ?? 0) <= index) lo = mid;
        else hi = mid - 1;
      }
      return render(lo, index - (starts[lo] ?? 0), index);
    },
  };
}

function concatSequences(parts: Sequence[]): Sequence {
  return unitSequence(
    parts.map((p) => p.total),
    (unit, index) => {
      const part = parts[unit];
      if (!part) throw new Error('sequence part out of range');
      return part.at(index);
    },
  );
}

const EMPTY: Sequence = { total: 0, at: () => ({}) };

// ---------------------------------------------------------------------------------------------------------------

const iso = (ms: number): string => new Date(ms).toISOString();
/** ARM often prints 7 fractional digits; keep that texture so parsers that assume 3 get exercised. */
const iso7 = (ms: number, rng: Rng): string => `${new Date(ms).toISOString().slice(0, 19)}.${String(rng.int(0, 9_999_999)).padStart(7, '0')}Z`;

function weighted<T>(rng: Rng, entries: readonly (readonly [T, number])[]): T {
  const total = entries.reduce((sum, [, w]) => sum + w, 0);
  let roll = rng.next() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error('weighted pick from an empty list');
  return last[0];
}

export function generateTenant(options: GenerateTenantOptions): DemoTenant {
  const { seed } = options;
  if (!Number.isInteger(options.clusters) || options.clusters < 1) throw new Error('clusters must be a positive integer');
  const days = options.days ?? DEMO_HISTORY_DAYS;
  const n = options.now;
  const asOfMs = Date.UTC(n.getUTCFullYear(), n.getUTCMonth(), n.getUTCDate());
  const windowStart = asOfMs - days * DAY_MS;
  const root = createRng(hashInts(seed, hashString('tenant')));
  const orgTag = root.hex(4);

  const tenantId = guidFrom(seed, hashString('tenantId'));
  const subscriptionCount = 2 + (hashInts(seed, hashString('subs')) % 3);
  const subscriptions: DemoSubscription[] = Array.from({ length: subscriptionCount }, (_, i) => ({
    subscriptionId: guidFrom(seed, hashString('subscription'), i),
    displayName: SUBSCRIPTION_NAMES[i] ?? `Contoso ${i}`,
  }));
  const sub = (i: number): DemoSubscription => {
    const s = subscriptions[i];
    if (!s) throw new Error(`no subscription ${i}`);
    return s;
  };

  // --- Clusters: round-robin teams, then environments, so small tenants still cover every team × env pair.
  const perTeamEnv = new Map<string, number>();
  const clusters: DemoCluster[] = [];
  for (let c = 0; c < options.clusters; c += 1) {
    const rng = createRng(hashInts(seed, hashString('cluster'), c));
    const team = TEAMS[c % 3] ?? 'platform';
    const env = ENVIRONMENTS[Math.floor(c / 3) % 3] ?? 'dev';
    let subIndex = env === 'prod' ? 0 : 1;
    if (subscriptionCount >= 3 && team === 'platform') subIndex = 2;
    if (subscriptionCount >= 4 && env === 'dev') subIndex = 3;
    const location = rng.pick(LOCATIONS);
    const ordinal = (perTeamEnv.get(`${team}/${env}`) ?? 0) + 1;
    perTeamEnv.set(`${team}/${env}`, ordinal);
    const name = `aks-${team}-${env}-${LOCATION_SHORT[location]}-${String(ordinal).padStart(2, '0')}`;
    const subscriptionId = sub(subIndex).subscriptionId;
    const resourceGroup = `rg-${team}-${env}`;
    const outdated = rng.chance(env === 'prod' ? 0.3 : 0.45);
    clusters.push({
      id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerService/managedClusters/${name}`,
      name,
      subscriptionId,
      resourceGroup,
      location,
      team,
      env,
      kubernetesVersion: outdated ? rng.pick(KUBERNETES_VERSIONS.slice(3)) : rng.pick(KUBERNETES_VERSIONS.slice(0, 3)),
      createdAt: asOfMs - rng.int(20, 900) * DAY_MS - rng.int(0, 86_399) * 1000,
      nodeCount: env === 'prod' ? rng.int(3, 12) : rng.int(1, 4),
      vmSize: rng.pick(VM_SIZES),
      enableRBAC: rng.chance(0.9),
      networkPlugin: rng.chance(0.75) ? 'azure' : 'kubenet',
      networkPolicy: rng.chance(0.3) ? null : rng.pick(['azure', 'calico', 'cilium'] as const),
      dnsPrefix: `${name}-dns`,
    });
  }

  // --- Registries: one shared (platform + payments), one for storefront; each in its own subscription.
  const registries: DemoRegistry[] = [0, 1].map((r) => {
    const rng = createRng(hashInts(seed, hashString('registry'), r));
    const subscriptionId = sub(r).subscriptionId;
    const name = `crcontoso${orgTag}${r === 0 ? 'shared' : 'apps'}`;
    const resourceGroup = r === 0 ? 'rg-platform-shared' : 'rg-storefront-shared';
    return {
      id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.ContainerRegistry/registries/${name}`,
      name,
      subscriptionId,
      resourceGroup,
      location: 'westeurope',
      loginServer: `${name}.azurecr.io`,
      sku: r === 0 ? 'Premium' : 'Standard',
      createdAt: asOfMs - rng.int(400, 1200) * DAY_MS,
      publicNetworkAccess: r === 0 ? 'Disabled' : 'Enabled',
      adminUserEnabled: r === 1,
    };
  });

  // --- Repositories and their digests (~100 images for 8 clusters, linear in cluster count).
  const repoCount = Math.max(24, Math.round(options.clusters * 3));
  const images: DemoImage[] = [];
  const repoImages: number[][] = [];
  const repoSpecs: { team: Team; spec: ServiceSpec; service: string }[] = [];
  /** Image index → when the next digest of its repository was pushed (superseded digests stop being scanned). */
  const successorPushedAt = new Map<number, number>();
  for (let r = 0; r < repoCount; r += 1) {
    const rng = createRng(hashInts(seed, hashString('repo'), r));
    const team = TEAMS[r % 3] ?? 'platform';
    const list = SERVICES[team];
    const spec = list[Math.floor(r / 3) % list.length] ?? list[0];
    if (!spec) throw new Error('empty service list');
    const generation = Math.floor(r / (3 * list.length));
    const service = generation === 0 ? spec.name : `${spec.name}-${generation + 1}`;
    repoSpecs.push({ team, spec, service });
    const digestCount = rng.int(2, 6);
    const major = rng.int(1, 4);
    const minor = rng.int(0, 30);
    const osVersion = rng.pick(OS_VERSIONS);
    // One repository in four ships every fortnight, its last pushes spread so that every week has some (and "what
    // changed last week" has new findings); the rest last shipped weeks ago, or — a third of them — are legacy services
    // nobody has rebuilt for a year or so. Releases are one to four months apart, so older digests (which prod often
    // still runs) reach back well beyond the year the trends show: the year opens with a backlog.
    const lastPush = r % 4 === 0 ? (r * 7) % 15 : rng.chance(0.55) ? rng.int(15, 90) : rng.int(200, 400);
    let pushedAt = asOfMs - lastPush * DAY_MS - rng.int(0, 86_399) * 1000;
    const indices: number[] = [];
    for (let k = 0; k < digestCount; k += 1) {
      if (k > 0) pushedAt -= rng.int(30, 120) * DAY_MS + rng.int(0, 86_399) * 1000;
      // The registry's retention purged digests older than about fifteen months.
      if (k > 0 && pushedAt < asOfMs - RETENTION_DAYS * DAY_MS) break;
      const imageRng = createRng(hashInts(seed, hashString('image'), r, k));
      const patch = Math.max(0, 12 - k * 2 - rng.int(0, 1));
      const version = `${major}.${minor}.${patch}`;
      const tags = k === 0 ? ['latest', `v${version}`] : k >= 4 && imageRng.chance(0.5) ? [] : [`v${version}`];
      // Older digests carry more unpatched packages; about one image in eight is clean.
      const clean = imageRng.chance(0.12);
      const base = 1 + Math.floor(79 * Math.pow(imageRng.next(), 2.6));
      const cveCount = clean ? 0 : Math.min(80, Math.round(base * (1 + 0.25 * k)));
      const previous = indices[indices.length - 1];
      if (previous !== undefined) successorPushedAt.set(images.length, images[previous]?.pushedAt ?? asOfMs);
      indices.push(images.length);
      images.push({
        registryIndex: team === 'storefront' ? 1 : 0,
        repository: `${team}/${service}`,
        digest: `sha256:${imageRng.hex(64)}`,
        tags,
        pushedAt,
        team,
        osVersion,
        cveCount,
      });
    }
    repoImages.push(indices);
  }

  // --- Workloads: each cluster runs a sample of its team's services plus platform daemons, pinned to digests.
  const workloads: DemoWorkload[] = [];
  const reposByTeam: Record<Team, number[]> = { payments: [], storefront: [], platform: [] };
  repoSpecs.forEach((r, i) => reposByTeam[r.team].push(i));
  const platformBase = reposByTeam.platform.filter((i) => (repoSpecs[i]?.service ?? '') === repoSpecs[i]?.spec.name);
  clusters.forEach((cluster, c) => {
    const rng = createRng(hashInts(seed, hashString('workloads'), c));
    const own = reposByTeam[cluster.team];
    const wanted = Math.min(own.length, rng.int(6, 11));
    const chosen = new Set<number>();
    const offset = rng.int(0, own.length - 1);
    const stride = 1 + 3 * rng.int(0, 7);
    for (let k = 0; chosen.size < wanted && k < own.length * 4; k += 1) {
      const repo = own[(offset + k * stride) % own.length];
      if (repo !== undefined) chosen.add(repo);
    }
    if (cluster.team !== 'platform') for (const repo of platformBase.slice(0, rng.int(3, 5))) chosen.add(repo);
    for (const repo of [...chosen].sort((a, b) => a - b)) {
      const spec = repoSpecs[repo];
      const digests = repoImages[repo];
      if (!spec || !digests) continue;
      const rank = Math.min(
        digests.length - 1,
        cluster.env === 'dev' ? weighted(rng, [[0, 80], [1, 20]]) : weighted(rng, [[0, 55], [1, 25], [2, 12], [3, 8]]),
      );
      const imageIndex = digests[rank];
      if (imageIndex === undefined) continue;
      workloads.push({
        clusterIndex: c,
        namespace: spec.spec.namespace,
        kind: spec.spec.kind,
        name: spec.service,
        imageIndex,
        replicas: spec.spec.kind === 'DaemonSet' ? cluster.nodeCount : rng.int(1, cluster.env === 'prod' ? 6 : 2),
      });
    }
  });
  const workloadsByCluster: DemoWorkload[][] = clusters.map(() => []);
  for (const w of workloads) workloadsByCluster[w.clusterIndex]?.push(w);
  const runningImages = new Set(workloads.map((w) => w.imageIndex));

  const workspaceSub = sub(0).subscriptionId;
  const workspaceName = `law-sentinel-${orgTag}`;
  const sentinelWorkspace: DemoWorkspace = {
    id: `/subscriptions/${workspaceSub}/resourceGroups/rg-security-ops/providers/Microsoft.OperationalInsights/workspaces/${workspaceName}`,
    subscriptionId: workspaceSub,
    resourceGroup: 'rg-security-ops',
    name: workspaceName,
    customerId: guidFrom(seed, hashString('workspace')),
  };
  const keyVaultId = (s: DemoSubscription, i: number): string =>
    `/subscriptions/${s.subscriptionId}/resourceGroups/rg-security-ops/providers/Microsoft.KeyVault/vaults/kv-contoso-${orgTag}-${i}`;

  // ------------------------------------------------------------------------------------------------------------
  // Finding history. All dates derive from the record's own hash, clamped into [resource created, asOf].

  const cveCache = new Map<number, PoolCve>();
  const cveAt = (index: number): PoolCve => {
    let cve = cveCache.get(index);
    if (!cve) {
      cve = poolCve(seed, index, asOfMs);
      cveCache.set(index, cve);
    }
    return cve;
  };

  interface ImageFinding {
    cve: PoolCve;
    subId: string;
    firstSeenAt: number;
    resolvedAt: number | null;
  }
  const imageFinding = (imageIndex: number, j: number): ImageFinding => {
    const image = images[imageIndex];
    if (!image) throw new Error(`no image ${imageIndex}`);
    const h = hashInts(seed, hashString('image-cves'), imageIndex);
    const stride = 1 + (h % (CVE_POOL_SIZE - 1));
    const cve = cveAt((h + j * stride) % CVE_POOL_SIZE);
    const rng = createRng(hashInts(seed, hashString('finding'), imageIndex, j));
    // A registry scan sees a CVE when the image is pushed or, for CVEs published later, on the next daily rescan.
    const firstSeenAt = Math.min(asOfMs, Math.max(image.pushedAt, cve.publishedAt) + rng.int(1, 30) * HOUR_MS);
    const resolvedAt = imageFindingResolvedAt(
      rng,
      {
        firstSeenAt,
        severity: cve.severity,
        fixAvailable: cve.fixStatus === 'FixAvailable',
        wave: cve.wave,
        team: image.team,
        supersededAt: runningImages.has(imageIndex) ? null : (successorPushedAt.get(imageIndex) ?? null),
      },
      { startMs: windowStart, asOfMs },
    );
    return { cve, subId: guidFrom(seed, hashString('subassessment'), imageIndex, j), firstSeenAt, resolvedAt };
  };

  const vulnerabilityDetails = (cve: PoolCve): JsonObject => ({
    severity: cve.severity,
    exploitabilityAssessment: {
      exploitStepsPublished: cve.exploitable,
      exploitStepsVerified: false,
      isInExploitKit: cve.exploitable && cve.cvssBase >= 9,
      exploitUris: [],
      types: [cve.cvssVector.includes('AV:N') ? 'Remote' : 'Local'],
    },
    lastModifiedDate: iso(cve.lastModifiedAt),
    publishedDate: iso(cve.publishedAt),
    workarounds: [],
    references: [{ title: cve.cveId, link: `https://nvd.nist.gov/vuln/detail/${cve.cveId}` }],
    weaknesses: { cwe: [{ id: cve.cwe }] },
    cveId: cve.cveId,
    cvss: { '2.0': null, '3.0': { cvssVectorString: cve.cvssVector, base: cve.cvssBase } },
    cpe: {
      language: cve.language || '*',
      softwareEdition: '*',
      version: '*',
      targetHardware: '*',
      targetSoftware: cve.language || '*',
      vendor: cve.vendor,
      edition: '*',
      product: cve.packageName,
      update: '*',
      other: '*',
      part: cve.category === 'OS' ? 'OperatingSystem' : 'Applications',
      uri: `cpe:2.3:${cve.category === 'OS' ? 'o' : 'a'}:${cve.vendor}:${cve.packageName}:*:*:*:*:*:${cve.language || '*'}:*:*`,
    },
  });

  const artifactDetails = (image: DemoImage, registry: DemoRegistry): JsonObject => ({
    lastPushedToRegistryUTC: iso(image.pushedAt),
    repositoryName: image.repository,
    registryHost: registry.loginServer,
    artifactType: 'ContainerImage',
    mediaType: 'application/vnd.docker.distribution.manifest.v2+json',
    digest: image.digest,
    tags: image.tags,
  });

  const softwareDetails = (cve: PoolCve, image: DemoImage): JsonObject => ({
    category: cve.category,
    language: cve.language,
    fixedVersion: cve.fixedVersion,
    version: cve.version,
    vendor: cve.vendor,
    packageName: cve.packageName,
    osDetails: { osPlatform: 'linux', osVersion: image.osVersion },
    fixStatus: cve.fixStatus,
    evidence: [],
  });

  const vulnStatus = (finding: ImageFinding): JsonObject => {
    const severity = finding.cve.severity === 'Critical' ? 'High' : finding.cve.severity;
    // Fixed findings are reported Healthy (timeGenerated = when the rescan saw the fix) so one sync carries history.
    return finding.resolvedAt !== null
      ? { severity, code: 'Healthy', cause: 'Resolved', description: 'The vulnerable package is no longer present' }
      : { severity, code: 'Unhealthy' };
  };

  interface Rendered {
    id: string;
    name: string;
    subscriptionId: string;
    resourceGroup: string;
    assessmentKey: string;
    timeGenerated: string;
    properties: JsonObject;
  }

  const registryVulnerability = (imageIndex: number, j: number): Rendered => {
    const image = images[imageIndex];
    const registry = image ? registries[image.registryIndex] : undefined;
    if (!image || !registry) throw new Error(`no image ${imageIndex}`);
    const f = imageFinding(imageIndex, j);
    const rng = createRng(hashInts(seed, hashString('vuln-time'), imageIndex, j));
    const timeGenerated = iso7(f.resolvedAt ?? asOfMs - rng.int(1, 20) * HOUR_MS, rng);
    return {
      id: `${registry.id}/providers/Microsoft.Security/assessments/${REGISTRY_VULNERABILITY_ASSESSMENT_KEY}/subassessments/${f.subId}`,
      name: f.subId,
      subscriptionId: registry.subscriptionId,
      resourceGroup: registry.resourceGroup,
      assessmentKey: REGISTRY_VULNERABILITY_ASSESSMENT_KEY,
      timeGenerated,
      properties: {
        id: f.cve.cveId,
        additionalData: {
          assessedResourceType: 'AzureContainerRegistryVulnerability',
          vulnerabilityDetails: vulnerabilityDetails(f.cve),
          artifactDetails: artifactDetails(image, registry),
          softwareDetails: softwareDetails(f.cve, image),
          cvssV30Score: f.cve.cvssBase,
        },
        description: `This vulnerability affects the following vendors: ${f.cve.vendor}. To view more details about this vulnerability please visit the vendor website.`,
        displayName: f.cve.cveId,
        resourceDetails: { id: `/repositories/${image.repository}/images/${image.digest}`, source: 'Azure' },
        timeGenerated,
        remediation: f.cve.fixStatus === 'FixAvailable' ? `Upgrade ${f.cve.packageName} to ${f.cve.fixedVersion}` : 'No remediation exists',
        status: vulnStatus(f),
      },
    };
  };

  // Runtime shape. Documented (Microsoft Learn, "Transition to Microsoft Defender Vulnerability Management", ARG
  // query for c609cf0f…): properties.id (CVE), properties.status.code, properties.resourceDetails.id
  // ("<registry>/<repository>@sha256:<digest>"), additionalData.vulnerabilityDetails.severity,
  // additionalData.clusterDetails.clusterResourceId, additionalData.kubernetesContext.workloads[] with name, kind,
  // namespace, containers[].name and ownedResources[] (pods) with name and containers[].name. Inferred: the id's parent
  // is the cluster, assessedResourceType "AzureContainerVulnerability" (the name Learn's definitions table gives the
  // container type), and artifactDetails/softwareDetails/cvssV30Score mirroring the registry record of the digest.
  const runtimeVulnerability = (clusterIndex: number, imageIndex: number, j: number): Rendered => {
    const cluster = clusters[clusterIndex];
    const image = images[imageIndex];
    const registry = image ? registries[image.registryIndex] : undefined;
    if (!cluster || !image || !registry) throw new Error('runtime finding out of range');
    const f = imageFinding(imageIndex, j);
    const subId = guidFrom(seed, hashString('runtime-subassessment'), clusterIndex, imageIndex, j);
    const rng = createRng(hashInts(seed, hashString('runtime-time'), clusterIndex, imageIndex, j));
    const timeGenerated = iso7(f.resolvedAt ?? asOfMs - rng.int(1, 20) * HOUR_MS, rng);
    const running = (workloadsByCluster[clusterIndex] ?? []).filter((w) => w.imageIndex === imageIndex);
    return {
      id: `${cluster.id}/providers/Microsoft.Security/assessments/${RUNTIME_VULNERABILITY_ASSESSMENT_KEY}/subassessments/${subId}`,
      name: subId,
      subscriptionId: cluster.subscriptionId,
      resourceGroup: cluster.resourceGroup,
      assessmentKey: RUNTIME_VULNERABILITY_ASSESSMENT_KEY,
      timeGenerated,
      properties: {
        id: f.cve.cveId,
        additionalData: {
          assessedResourceType: 'AzureContainerVulnerability',
          vulnerabilityDetails: vulnerabilityDetails(f.cve),
          artifactDetails: artifactDetails(image, registry),
          softwareDetails: softwareDetails(f.cve, image),
          cvssV30Score: f.cve.cvssBase,
          clusterDetails: { clusterResourceId: cluster.id },
          kubernetesContext: {
            workloads: running.map((w, wi) => {
              const podRng = createRng(hashInts(seed, hashString('pods'), clusterIndex, w.imageIndex, wi));
              const podCount = Math.min(3, w.replicas);
              const template = podRng.hex(10);
              return {
                name: w.name,
                kind: w.kind,
                namespace: w.namespace,
                ownedResources: Array.from({ length: podCount }, () => ({
                  name: w.kind === 'Deployment' ? `${w.name}-${template}-${podRng.hex(5)}` : `${w.name}-${podRng.hex(5)}`,
                  containers: [{ name: w.name }],
                })),
              };
            }),
          },
        },
        description: `This vulnerability affects the following vendors: ${f.cve.vendor}. To view more details about this vulnerability please visit the vendor website.`,
        displayName: f.cve.cveId,
        resourceDetails: { id: `${registry.loginServer}/${image.repository}@${image.digest}`, source: 'Azure' },
        timeGenerated,
        remediation: f.cve.fixStatus === 'FixAvailable' ? `Upgrade ${f.cve.packageName} to ${f.cve.fixedVersion}` : 'No remediation exists',
        status: vulnStatus(f),
      },
    };
  };

  const asArgRow = (r: Rendered): JsonObject => ({
    id: r.id,
    name: r.name,
    type: 'microsoft.security/assessments/subassessments',
    tenantId,
    kind: '',
    location: 'global',
    resourceGroup: r.resourceGroup,
    subscriptionId: r.subscriptionId,
    managedBy: '',
    sku: null,
    plan: null,
    properties: r.properties,
    tags: null,
    identity: null,
    zones: null,
    extendedLocation: null,
    assessmentKey: r.assessmentKey,
    timeGenerated: r.timeGenerated,
  });

  const asRestSubAssessment = (r: Rendered): JsonObject => ({
    id: r.id,
    name: r.name,
    type: 'Microsoft.Security/assessments/subAssessments',
    properties: r.properties,
  });

  // --- Assessments -------------------------------------------------------------------------------------------

  interface AssessedResource {
    id: string;
    target: Target;
    createdAt: number;
    env: Environment | null;
    /** Salt for the per-resource hash. */
    key: number;
  }

  const assessment = (resource: AssessedResource, rec: CatalogRecommendation): JsonObject => {
    const rng = createRng(hashInts(seed, hashString('assessment'), resource.key, hashString(rec.key)));
    const created = Math.max(resource.createdAt, asOfMs - 2 * 365 * DAY_MS);
    const firstEvaluationDate = Math.min(asOfMs - HOUR_MS, created + rng.int(1, 20) * HOUR_MS);
    let status: JsonObject;
    const vulnerabilityRec = /vulnerabilit/i.test(rec.displayName);
    if (/Qualys/i.test(rec.displayName) || rng.chance(0.07)) {
      const exempt = !/Qualys/i.test(rec.displayName) && rng.chance(0.4);
      status = exempt
        ? { code: 'NotApplicable', cause: 'Exempt', description: 'This resource is exempt from this recommendation', firstEvaluationDate: iso(firstEvaluationDate), statusChangeDate: iso(firstEvaluationDate) }
        : {
            code: 'NotApplicable',
            cause: 'OffByPolicy',
            description: 'The effective policy for the assessment was evaluated to off - use Microsoft.Authorization/policyAssignments to turn this assessment on',
            firstEvaluationDate: iso(firstEvaluationDate),
            statusChangeDate: iso(firstEvaluationDate),
          };
    } else {
      const envBias = resource.env === 'prod' ? -0.12 : resource.env === 'dev' ? 0.15 : 0;
      const unhealthy = rng.chance(vulnerabilityRec ? 0.9 : 0.42 + envBias);
      const from = Math.max(firstEvaluationDate, windowStart);
      const inWindow = (): number => from + Math.floor(rng.next() * Math.max(1, asOfMs - from));
      if (unhealthy) {
        const since = rng.chance(0.5) ? inWindow() : firstEvaluationDate;
        status = { code: 'Unhealthy', firstEvaluationDate: iso(firstEvaluationDate), statusChangeDate: iso(since) };
      } else {
        const changed = rng.chance(0.45) ? inWindow() : firstEvaluationDate;
        status = { code: 'Healthy', firstEvaluationDate: iso(firstEvaluationDate), statusChangeDate: iso(changed) };
      }
    }
    const properties: JsonObject = {
      displayName: rec.displayName,
      resourceDetails: { id: resource.id, source: 'Azure' },
      status,
    };
    if (status.code === 'Unhealthy' && titleSeverity(rec.severity) === 'High' && resource.env === 'prod') {
      properties.risk = {
        attackPathsReferences: [],
        isContextualRisk: true,
        level: rng.chance(0.3) ? 'Critical' : 'High',
        paths: [],
        riskFactors: rng.chance(0.5) ? ['Exposure to the Internet', 'Critical Resource'] : ['Critical Resource'],
      };
    }
    return {
      name: rec.key,
      type: 'Microsoft.Security/assessments',
      id: `${resource.id}/providers/Microsoft.Security/assessments/${rec.key}`,
      properties,
    };
  };

  const threatsFor = (rec: CatalogRecommendation): string[] => {
    const categories: readonly string[] = rec.categories;
    if (categories.includes('IdentityAndAccess')) return ['accountBreach', 'elevationOfPrivilege', 'maliciousInsider'];
    if (categories.includes('Networking')) return ['dataExfiltration', 'denialOfService', 'threatResistance'];
    if (categories.includes('SoftwareUpdate')) return ['threatResistance', 'elevationOfPrivilege', 'dataExfiltration'];
    return ['elevationOfPrivilege', 'dataExfiltration', 'maliciousInsider'];
  };

  const metadataRecords: JsonObject[] = DEFENDER_RECOMMENDATIONS.map((rec) => {
    const properties: JsonObject = {
      description: `${rec.displayName}.`,
      assessmentType: 'BuiltIn',
      categories: [...rec.categories],
      displayName: rec.displayName,
      remediationDescription: rec.remediation,
      severity: titleSeverity(rec.severity),
      threats: threatsFor(rec),
    };
    if (rec.policyDefinitionId) properties.policyDefinitionId = `/providers/Microsoft.Authorization/policyDefinitions/${rec.policyDefinitionId}`;
    return {
      name: rec.key,
      type: 'Microsoft.Security/assessmentMetadata',
      id: `/providers/Microsoft.Security/assessmentMetadata/${rec.key}`,
      properties,
    };
  });

  // --- Policy states -------------------------------------------------------------------------------------------

  const policyState = (resource: AssessedResource & { resourceGroup: string; location: string; type: string; subscriptionId: string }, policy: CatalogPolicy, index: number): JsonObject => {
    const rng = createRng(hashInts(seed, hashString('policy'), resource.key, hashString(policy.id)));
    const envBias = resource.env === 'prod' ? -0.1 : resource.env === 'dev' ? 0.15 : 0;
    const compliant = !rng.chance(0.3 + envBias);
    const assignmentId = `/subscriptions/${resource.subscriptionId}/providers/Microsoft.Authorization/policyAssignments/SecurityCenterBuiltIn`;
    const context = `https://management.azure.com/subscriptions/${resource.subscriptionId}/providers/Microsoft.PolicyInsights/policyStates/$metadata#latest/$entity`;
    const providerPath = resource.id.split('/providers/')[1] ?? '';
    return {
      '@odata.id': null,
      '@odata.context': context,
      timestamp: iso7(asOfMs - rng.int(1, 23) * HOUR_MS, rng),
      // Policy Insights lower-cases the resourceGroups segment (as in the example); consumers must join ids case-insensitively.
      resourceId: `/subscriptions/${resource.subscriptionId}/resourcegroups/${resource.resourceGroup}/providers/${providerPath}`,
      policyAssignmentId: assignmentId,
      policyDefinitionId: `/providers/Microsoft.Authorization/policyDefinitions/${policy.id}`,
      effectiveParameters: null,
      isCompliant: compliant,
      subscriptionId: resource.subscriptionId,
      resourceType: resource.type,
      resourceLocation: resource.location,
      resourceGroup: resource.resourceGroup,
      resourceTags: 'tbd',
      policyAssignmentName: 'SecurityCenterBuiltIn',
      policyAssignmentOwner: 'tbd',
      policyAssignmentParameters: '{}',
      policyAssignmentScope: `/subscriptions/${resource.subscriptionId}`,
      policyDefinitionName: policy.id,
      policyDefinitionAction: policy.effect.toLowerCase(),
      policyDefinitionCategory: 'tbd',
      policySetDefinitionId: `/providers/Microsoft.Authorization/policySetDefinitions/${MCSB_SET_ID}`,
      policySetDefinitionName: MCSB_SET_ID,
      policySetDefinitionOwner: null,
      policySetDefinitionCategory: null,
      policySetDefinitionParameters: null,
      managementGroupIds: tenantId,
      policyDefinitionReferenceId: `${policy.id.replace(/-/g, '').slice(0, 18)}${index}`,
      complianceState: compliant ? 'Compliant' : 'NonCompliant',
      policyDefinitionGroupNames: ['Azure_Security_Benchmark_v3.0'],
    };
  };

  // --- Alerts and incidents ------------------------------------------------------------------------------------

  const MAX_TICKS = 3155378975999999999n;
  const EPOCH_TICKS = 621355968000000000n;

  interface AlertFacts {
    type: CatalogAlert;
    startMs: number;
    endMs: number;
    status: 'Active' | 'InProgress' | 'Resolved' | 'Dismissed';
    systemAlertId: string;
  }

  const alertFacts = (resourceKey: number, j: number, pool: readonly CatalogAlert[], createdAt: number, team: Team | null): AlertFacts => {
    const rng = createRng(hashInts(seed, hashString('alert'), resourceKey, j));
    const type = pickAlertType(rng, pool);
    const from = Math.max(windowStart, createdAt);
    // Skewed towards recent days (u³): a security queue holds mostly this fortnight's alerts and a tail of older ones.
    const u = rng.next();
    const startMs = Math.max(from, asOfMs - HOUR_MS - Math.floor(u * u * u * Math.max(HOUR_MS, asOfMs - from - HOUR_MS)));
    const endMs = Math.min(asOfMs, startMs + rng.int(0, 180) * 60_000);
    const ageDays = (asOfMs - startMs) / DAY_MS;
    const status = alertStatusFor(rng, ageDays, team);
    const reverseTicks = MAX_TICKS - (BigInt(startMs) * 10000n + EPOCH_TICKS);
    return { type, startMs, endMs, status, systemAlertId: `${reverseTicks}_${guidFrom(seed, hashString('alert-id'), resourceKey, j).toUpperCase()}` };
  };

  const INTENTS: Record<string, string> = {
    Exposed: 'InitialAccess',
    Mining: 'Impact',
    MaliciousContainerImage: 'Execution',
    ReverseShell: 'Execution',
    SuspectDownload: 'Execution',
    AttackTool: 'Execution',
    Imds: 'CredentialAccess',
    KubeConfig: 'CredentialAccess',
    Privileged: 'PrivilegeEscalation',
    ClusterAdmin: 'Persistence',
    HighPrivilegesRole: 'Persistence',
    AdmissionController: 'Persistence',
    DeleteEvents: 'DefenseEvasion',
    KeyVault: 'CredentialAccess',
  };
  const intentOf = (alertType: string): string => {
    for (const [needle, intent] of Object.entries(INTENTS)) if (alertType.includes(needle)) return intent;
    return alertType.startsWith('KV_') ? 'CredentialAccess' : 'Discovery';
  };

  // A year holds more alerts than a quarter, but most are recent (alertFacts skews them), so not four times as many.
  const alertScale = Math.max(1, Math.round(Math.sqrt(days / 90)));
  const alertCountFor = (env: Environment | null, key: number): number => {
    const rng = createRng(hashInts(seed, hashString('alert-count'), key));
    const roll = rng.next();
    const base = roll < 0.35 ? 0 : roll < 0.7 ? 1 : roll < 0.9 ? rng.int(2, 3) : rng.int(4, 7);
    return (env === 'prod' ? base + 2 : base + 1) * alertScale;
  };

  const renderAlert = (resourceId: string, subscriptionId: string, resourceGroup: string, compromisedEntity: string, facts: AlertFacts, salt: number): JsonObject => {
    const rng = createRng(hashInts(seed, hashString('alert-render'), salt));
    const ascLocation = 'westeurope';
    const ip = `${rng.int(20, 220)}.${rng.int(0, 255)}.${rng.int(0, 255)}.${rng.int(1, 254)}`;
    return {
      id: `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}/providers/Microsoft.Security/locations/${ascLocation}/alerts/${facts.systemAlertId}`,
      name: facts.systemAlertId,
      type: 'Microsoft.Security/Locations/alerts',
      properties: {
        version: '2022-01-01.0',
        alertType: facts.type.alertType,
        systemAlertId: facts.systemAlertId,
        productComponentName: facts.type.alertType.startsWith('KV_') ? 'KeyVaults' : 'Containers',
        alertDisplayName: facts.type.displayName,
        description: `${facts.type.displayName} on ${compromisedEntity}. Investigate the activity and the identity or workload that caused it.`,
        severity: alertSeverity(facts.type.severity),
        intent: intentOf(facts.type.alertType),
        startTimeUtc: iso7(facts.startMs, rng),
        endTimeUtc: iso7(facts.endMs, rng),
        resourceIdentifiers: [
          { azureResourceId: resourceId, type: 'AzureResource' },
          {
            workspaceId: sentinelWorkspace.customerId,
            workspaceSubscriptionId: sentinelWorkspace.subscriptionId,
            workspaceResourceGroup: sentinelWorkspace.resourceGroup,
            agentId: guidFrom(seed, hashString('agent'), salt),
            type: 'LogAnalytics',
          },
        ],
        remediationSteps: ['Review the activity in the cluster audit log.', 'Escalate to the owning team if it was not expected.'],
        vendorName: 'Microsoft',
        status: facts.status,
        extendedLinks: [],
        alertUri: `https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/${facts.systemAlertId}/subscriptionId/${subscriptionId}/resourceGroup/${resourceGroup}/referencedFrom/alertDeepLink/location/${ascLocation}`,
        timeGeneratedUtc: iso7(facts.endMs, rng),
        productName: 'Microsoft Defender for Cloud',
        processingEndTimeUtc: iso7(Math.min(asOfMs, facts.endMs + rng.int(1, 30) * 60_000), rng),
        entities: [
          {
            address: ip,
            location: { countryCode: 'nl', state: 'noord-holland', city: 'amsterdam', longitude: 4.8897, latitude: 52.374, asn: rng.int(1000, 65000) },
            type: 'ip',
          },
        ],
        isIncident: false,
        correlationKey: `${createRng(hashInts(seed, salt, 7)).hex(40)}=`,
        extendedProperties: { 'resourceType': 'Kubernetes Service', 'Source IP address': ip },
        compromisedEntity,
        techniques: ['T1610'],
        subTechniques: [],
        supportingEvidence: { type: 'tabularEvidences', title: 'Related activity', columns: ['Date', 'Activity'], rows: [[iso(facts.startMs), facts.type.displayName]] },
      },
    };
  };

  const clusterAlertCounts = clusters.map((cluster, c) => alertCountFor(cluster.env, c));
  const incidentCounts = clusters.map((cluster, c) => {
    const count = clusterAlertCounts[c] ?? 0;
    const rng = createRng(hashInts(seed, hashString('incident-count'), c));
    return Math.min(count, cluster.env === 'prod' ? rng.int(1, 2) : rng.int(0, 1));
  });

  const renderIncident = (c: number, j: number, global: number): JsonObject => {
    const cluster = clusters[c];
    if (!cluster) throw new Error('incident cluster out of range');
    const facts = alertFacts(c, j, CLUSTER_ALERTS, cluster.createdAt, cluster.team);
    const rng = createRng(hashInts(seed, hashString('incident'), c, j));
    const name = guidFrom(seed, hashString('incident-id'), c, j);
    const id = `${sentinelWorkspace.id}/providers/Microsoft.SecurityInsights/incidents/${name}`;
    const created = Math.min(asOfMs, facts.endMs + rng.int(5, 90) * 60_000);
    const closed = facts.status === 'Resolved' || facts.status === 'Dismissed';
    const closedAt = closed ? Math.min(asOfMs, created + incidentCloseHours(rng, cluster.team) * HOUR_MS) : null;
    const incidentNumber = 1000 + global;
    const owned = closed || rng.chance(0.6);
    const owner = owned
      ? { assignedTo: `${cluster.team} on-call`, email: `${cluster.team}-oncall@contoso.com`, objectId: guidFrom(seed, hashString('owner'), TEAMS.indexOf(cluster.team)), userPrincipalName: `${cluster.team}-oncall@contoso.com` }
      : { assignedTo: null, email: null, objectId: null, userPrincipalName: null };
    const properties: JsonObject = {
      description: `${facts.type.displayName} reported by Microsoft Defender for Cloud on ${cluster.name}.`,
      additionalData: {
        alertProductNames: ['Azure Security Center'],
        alertsCount: 1,
        bookmarksCount: 0,
        commentsCount: rng.int(0, 4),
        tactics: [intentOf(facts.type.alertType)],
      },
      createdTimeUtc: iso(created),
      firstActivityTimeUtc: iso(facts.startMs),
      incidentNumber,
      incidentUrl: `https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident${id}`,
      labels: [],
      lastActivityTimeUtc: iso(facts.endMs),
      lastModifiedTimeUtc: iso(closedAt ?? created),
      owner,
      providerIncidentId: String(incidentNumber),
      providerName: 'Azure Sentinel',
      relatedAnalyticRuleIds: [`${sentinelWorkspace.id}/providers/Microsoft.SecurityInsights/alertRules/${guidFrom(seed, hashString('rule'))}`],
      severity: alertSeverity(facts.type.severity),
      status: closed ? 'Closed' : facts.status === 'InProgress' ? 'Active' : 'New',
      title: `${facts.type.displayName} on ${cluster.name}`,
    };
    if (closed) {
      const truePositive = facts.status === 'Resolved' && rng.chance(0.6);
      properties.classification = truePositive ? 'TruePositive' : rng.chance(0.5) ? 'BenignPositive' : 'FalsePositive';
      properties.classificationReason = truePositive ? 'SuspiciousActivity' : properties.classification === 'FalsePositive' ? 'InaccurateData' : 'SuspiciousButExpected';
      properties.classificationComment = truePositive ? 'Contained and remediated by the owning team' : 'Expected activity from a maintenance job';
    }
    return {
      name,
      type: 'Microsoft.SecurityInsights/incidents',
      etag: `"${createRng(hashInts(seed, c, j, 99)).hex(8)}-0000-0000-0000-${createRng(hashInts(seed, c, j, 98)).hex(12)}"`,
      id,
      properties,
    };
  };

  // ------------------------------------------------------------------------------------------------------------
  // Per-subscription sequences.

  const clusterTags = (cluster: DemoCluster): JsonObject => ({ team: cluster.team, env: cluster.env, 'cost-center': `cc-${cluster.team}` });

  const renderCluster = (c: number): JsonObject => {
    const cluster = clusters[c];
    if (!cluster) throw new Error('cluster out of range');
    const rng = createRng(hashInts(seed, hashString('cluster-render'), c));
    const nodeResourceGroup = `MC_${cluster.resourceGroup}_${cluster.name}_${cluster.location}`;
    return {
      name: cluster.name,
      type: 'Microsoft.ContainerService/managedClusters',
      eTag: rng.hex(8),
      id: cluster.id,
      location: cluster.location,
      properties: {
        agentPoolProfiles: [
          {
            name: 'system',
            count: cluster.nodeCount,
            currentOrchestratorVersion: cluster.kubernetesVersion,
            eTag: rng.hex(8),
            maxPods: cluster.networkPlugin === 'azure' ? 30 : 110,
            orchestratorVersion: cluster.kubernetesVersion,
            osType: 'Linux',
            provisioningState: 'Succeeded',
            vmSize: cluster.vmSize,
          },
        ],
        currentKubernetesVersion: cluster.kubernetesVersion,
        diskEncryptionSetID: `/subscriptions/${cluster.subscriptionId}/resourceGroups/${cluster.resourceGroup}/providers/Microsoft.Compute/diskEncryptionSets/des-${cluster.team}`,
        dnsPrefix: cluster.dnsPrefix,
        enableRBAC: cluster.enableRBAC,
        fqdn: `${cluster.dnsPrefix}-${rng.hex(8)}.hcp.${cluster.location}.azmk8s.io`,
        kubernetesVersion: cluster.kubernetesVersion,
        linuxProfile: { adminUsername: 'azureuser', ssh: { publicKeys: [{ keyData: `ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI${rng.hex(43)} ${cluster.team}-ops` }] } },
        maxAgentPools: 100,
        networkProfile: {
          dnsServiceIP: '10.0.0.10',
          networkPlugin: cluster.networkPlugin,
          ...(cluster.networkPolicy ? { networkPolicy: cluster.networkPolicy } : {}),
          podCidr: cluster.networkPlugin === 'kubenet' ? '10.244.0.0/16' : null,
          serviceCidr: '10.0.0.0/16',
        },
        nodeResourceGroup,
        provisioningState: 'Succeeded',
        servicePrincipalProfile: { clientId: 'msi' },
      },
      tags: clusterTags(cluster),
    };
  };

  const renderRegistry = (r: number): JsonObject => {
    const registry = registries[r];
    if (!registry) throw new Error('registry out of range');
    return {
      id: registry.id,
      name: registry.name,
      type: 'Microsoft.ContainerRegistry/registries',
      location: registry.location,
      tags: { team: 'platform', env: 'prod' },
      sku: { name: registry.sku, tier: registry.sku },
      properties: {
        loginServer: registry.loginServer,
        creationDate: iso(registry.createdAt),
        provisioningState: 'Succeeded',
        adminUserEnabled: registry.adminUserEnabled,
        networkRuleSet: { defaultAction: registry.publicNetworkAccess === 'Disabled' ? 'Deny' : 'Allow', ipRules: [] },
        policies: {
          quarantinePolicy: { status: 'disabled' },
          trustPolicy: { type: 'Notary', status: 'disabled' },
          retentionPolicy: { days: 7, lastUpdatedTime: iso(registry.createdAt + DAY_MS), status: registry.sku === 'Premium' ? 'enabled' : 'disabled' },
          exportPolicy: { status: 'enabled' },
          azureADAuthenticationAsArmPolicy: { status: 'enabled' },
        },
        encryption: { status: 'disabled' },
        status: null,
        dataEndpointEnabled: false,
        dataEndpointHostNames: [],
        privateEndpointConnections: [],
        publicNetworkAccess: registry.publicNetworkAccess,
        networkRuleBypassOptions: 'AzureServices',
        networkRuleBypassAllowedForTasks: false,
        zoneRedundancy: registry.sku === 'Premium' ? 'Enabled' : 'Disabled',
        anonymousPullEnabled: false,
        roleAssignmentMode: 'LegacyRegistryPermissions',
      },
    };
  };

  const sequences = new Map<string, Map<DemoRecordKind, Sequence>>();
  subscriptions.forEach((s, subIndex) => {
    const kinds = new Map<DemoRecordKind, Sequence>();
    const clusterIdx = clusters.flatMap((c, i) => (c.subscriptionId === s.subscriptionId ? [i] : []));
    const registryIdx = registries.flatMap((r, i) => (r.subscriptionId === s.subscriptionId ? [i] : []));
    const imageIdx = images.flatMap((img, i) => (registryIdx.includes(img.registryIndex) ? [i] : []));
    const runtimePairs: [number, number][] = [];
    for (const c of clusterIdx) {
      const digests = [...new Set((workloadsByCluster[c] ?? []).map((w) => w.imageIndex))].sort((a, b) => a - b);
      for (const imageIndex of digests) runtimePairs.push([c, imageIndex]);
    }

    kinds.set('managedClusters', unitSequence(clusterIdx.map(() => 1), (u) => renderCluster(clusterIdx[u] ?? -1)));
    kinds.set('registries', unitSequence(registryIdx.map(() => 1), (u) => renderRegistry(registryIdx[u] ?? -1)));

    const subscriptionResource: AssessedResource = { id: `/subscriptions/${s.subscriptionId}`, target: 'subscription', createdAt: asOfMs - 1000 * DAY_MS, env: null, key: 1_000_000 + subIndex };
    const vaultResource: AssessedResource = { id: keyVaultId(s, subIndex), target: 'keyVault', createdAt: asOfMs - 700 * DAY_MS, env: subIndex === 0 ? 'prod' : 'staging', key: 2_000_000 + subIndex };
    const assessed: AssessedResource[] = [
      subscriptionResource,
      vaultResource,
      ...clusterIdx.map((c): AssessedResource => {
        const cluster = clusters[c];
        return { id: cluster?.id ?? '', target: 'cluster', createdAt: cluster?.createdAt ?? asOfMs, env: cluster?.env ?? null, key: c };
      }),
      ...registryIdx.map((r): AssessedResource => {
        const registry = registries[r];
        return { id: registry?.id ?? '', target: 'registry', createdAt: registry?.createdAt ?? asOfMs, env: 'prod', key: 3_000_000 + r };
      }),
    ];
    kinds.set(
      'assessments',
      unitSequence(
        assessed.map((a) => RECOMMENDATIONS_BY_TARGET[a.target].length),
        (u, j) => {
          const resource = assessed[u];
          const rec = resource ? RECOMMENDATIONS_BY_TARGET[resource.target][j] : undefined;
          if (!resource || !rec) throw new Error('assessment out of range');
          return assessment(resource, rec);
        },
      ),
    );
    kinds.set('assessmentMetadata', unitSequence(metadataRecords.map(() => 1), (u) => metadataRecords[u] ?? {}));

    const registryPart = (render: (r: Rendered) => JsonObject): Sequence =>
      unitSequence(imageIdx.map((i) => images[i]?.cveCount ?? 0), (u, j) => render(registryVulnerability(imageIdx[u] ?? -1, j)));
    const runtimePart = (render: (r: Rendered) => JsonObject): Sequence =>
      unitSequence(runtimePairs.map(([, i]) => images[i]?.cveCount ?? 0), (u, j) => {
        const pair = runtimePairs[u];
        if (!pair) throw new Error('runtime pair out of range');
        return render(runtimeVulnerability(pair[0], pair[1], j));
      });
    kinds.set('registryContainerVulnerabilities', registryPart(asArgRow));
    kinds.set('runtimeContainerVulnerabilities', runtimePart(asArgRow));
    kinds.set('containerVulnerabilities', concatSequences([registryPart(asArgRow), runtimePart(asArgRow)]));
    kinds.set('subAssessments', concatSequences([registryPart(asRestSubAssessment), runtimePart(asRestSubAssessment)]));

    const alertUnits: { resourceId: string; resourceGroup: string; entity: string; key: number; pool: readonly CatalogAlert[]; count: number; createdAt: number; team: Team | null }[] = [
      ...clusterIdx.map((c) => {
        const cluster = clusters[c];
        return { resourceId: cluster?.id ?? '', resourceGroup: cluster?.resourceGroup ?? '', entity: cluster?.name ?? '', key: c, pool: CLUSTER_ALERTS, count: clusterAlertCounts[c] ?? 0, createdAt: cluster?.createdAt ?? asOfMs, team: cluster?.team ?? null };
      }),
      { resourceId: vaultResource.id, resourceGroup: 'rg-security-ops', entity: vaultResource.id.split('/').pop() ?? '', key: vaultResource.key, pool: KEY_VAULT_ALERTS, count: KEY_VAULT_ALERTS.length > 0 ? alertCountFor(null, vaultResource.key) : 0, createdAt: vaultResource.createdAt, team: null },
    ];
    kinds.set(
      'alerts',
      unitSequence(
        alertUnits.map((a) => a.count),
        (u, j) => {
          const unit = alertUnits[u];
          if (!unit) throw new Error('alert out of range');
          const facts = alertFacts(unit.key, j, unit.pool, unit.createdAt, unit.team);
          return renderAlert(unit.resourceId, s.subscriptionId, unit.resourceGroup, unit.entity, facts, hashInts(unit.key, j));
        },
      ),
    );

    type PolicyResource = AssessedResource & { resourceGroup: string; location: string; type: string; subscriptionId: string };
    const policyResources: PolicyResource[] = [
      ...clusterIdx.map((c): PolicyResource => {
        const cl = clusters[c];
        return { id: cl?.id ?? '', target: 'cluster', createdAt: cl?.createdAt ?? 0, env: cl?.env ?? null, key: c, resourceGroup: cl?.resourceGroup ?? '', location: cl?.location ?? '', type: 'Microsoft.ContainerService/managedClusters', subscriptionId: s.subscriptionId };
      }),
      ...registryIdx.map((r): PolicyResource => {
        const rg = registries[r];
        return { id: rg?.id ?? '', target: 'registry', createdAt: rg?.createdAt ?? 0, env: 'prod', key: 3_000_000 + r, resourceGroup: rg?.resourceGroup ?? '', location: rg?.location ?? '', type: 'Microsoft.ContainerRegistry/registries', subscriptionId: s.subscriptionId };
      }),
    ];
    kinds.set(
      'policyStates',
      unitSequence(
        policyResources.map((p) => POLICIES_BY_TARGET[p.target].length),
        (u, j) => {
          const resource = policyResources[u];
          const policy = resource ? POLICIES_BY_TARGET[resource.target][j] : undefined;
          if (!resource || !policy) throw new Error('policy state out of range');
          return policyState(resource, policy, j);
        },
      ),
    );
    // Azure Policy in full (assignments, Gatekeeper results, exemptions) and cluster settings: lib/demo/generate-policy.ts.
    extendWithPolicy(kinds, { seed, asOfMs, tenantId, subscriptionId: s.subscriptionId, clusters, registries, workloads, clusterIdx, registryIdx });

    const controls = SECURE_SCORE_CONTROLS.map((control, k) => {
      const rng = createRng(hashInts(seed, hashString('control'), subIndex, k));
      const resources = Math.max(1, clusterIdx.length + registryIdx.length);
      const unhealthy = rng.int(0, resources);
      const healthy = resources - unhealthy;
      const current = Math.round(control.max * (healthy / resources) * 100) / 100;
      return { control, healthy, unhealthy, notApplicable: rng.int(0, 2), current };
    });
    kinds.set(
      'secureScoreControls',
      unitSequence(controls.map(() => 1), (u) => {
        const c = controls[u];
        if (!c) throw new Error('control out of range');
        return {
          id: `/subscriptions/${s.subscriptionId}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls/${c.control.id}`,
          name: c.control.id,
          type: 'Microsoft.Security/secureScores/secureScoreControls',
          properties: {
            displayName: c.control.name,
            healthyResourceCount: c.healthy,
            unhealthyResourceCount: c.unhealthy,
            notApplicableResourceCount: c.notApplicable,
            score: { max: c.control.max, current: c.current, percentage: c.control.max === 0 ? 0 : Math.round((c.current / c.control.max) * 10000) / 10000 },
            weight: c.healthy + c.unhealthy,
          },
        };
      }),
    );
    const max = controls.reduce((sum, c) => sum + c.control.max, 0);
    const current = Math.round(controls.reduce((sum, c) => sum + c.current, 0) * 100) / 100;
    kinds.set(
      'secureScores',
      unitSequence([1], () => ({
        id: `/subscriptions/${s.subscriptionId}/providers/Microsoft.Security/secureScores/ascScore`,
        name: 'ascScore',
        type: 'Microsoft.Security/secureScores',
        properties: { displayName: 'ASC score', score: { max, current, percentage: max === 0 ? 0 : Math.round((current / max) * 10000) / 10000 }, weight: controls.reduce((sum, c) => sum + c.healthy + c.unhealthy, 0) },
      })),
    );
    kinds.set('incidents', s.subscriptionId === sentinelWorkspace.subscriptionId ? unitSequence(incidentCounts, renderIncident) : EMPTY);
    sequences.set(s.subscriptionId, kinds);
  });

  const sequenceOf = (kind: DemoRecordKind, subscriptionId: string): Sequence => sequences.get(subscriptionId)?.get(kind) ?? EMPTY;

  return {
    seed,
    asOf: new Date(asOfMs),
    days,
    tenantId,
    subscriptions,
    clusters,
    registries,
    images,
    workloads,
    sentinelWorkspace,
    count: (kind, subscriptionId) => sequenceOf(kind, subscriptionId).total,
    incidentAlerts: (incidentName) =>
      incidentAlertsOf(incidentName, {
        clusters,
        incidentCounts,
        workspace: sentinelWorkspace,
        incidentName: (c, j) => guidFrom(seed, hashString('incident-id'), c, j),
        defenderAlert: (c, j) => {
          const cl = clusters[c];
          if (!cl) throw new Error('incident cluster out of range');
          return renderAlert(cl.id, cl.subscriptionId, cl.resourceGroup, cl.name, alertFacts(c, j, CLUSTER_ALERTS, cl.createdAt, cl.team), hashInts(c, j));
        },
      }),
    page(kind, subscriptionId, offset, limit) {
      const seq = sequenceOf(kind, subscriptionId);
      const end = Math.min(seq.total, offset + limit);
      const out: JsonObject[] = [];
      for (let i = Math.max(0, offset); i < end; i += 1) out.push(seq.at(i));
      return out;
    },
  };
}
