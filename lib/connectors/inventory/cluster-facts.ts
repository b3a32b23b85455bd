// The security-relevant settings of a managed cluster, read from the ManagedCluster REST JSON the inventory already
// stores (`clusters.raw`). Pure, and lenient: a setting absent from the payload is "unknown" (null), never "off".
import { z } from 'zod';

const enabled = z.object({ enabled: z.boolean().nullish() }).nullish();

const factsSchema = z.object({
  properties: z
    .object({
      kubernetesVersion: z.string().nullish(),
      currentKubernetesVersion: z.string().nullish(),
      agentPoolProfiles: z.array(z.object({ name: z.string().nullish(), nodeImageVersion: z.string().nullish() })).nullish(),
      autoUpgradeProfile: z.object({ upgradeChannel: z.string().nullish(), nodeOSUpgradeChannel: z.string().nullish() }).nullish(),
      addonProfiles: z.record(z.string(), z.object({ enabled: z.boolean().nullish() }).nullish()).nullish(),
      securityProfile: z
        .object({
          defender: z.object({ securityMonitoring: enabled }).nullish(),
          workloadIdentity: enabled,
        })
        .nullish(),
      disableLocalAccounts: z.boolean().nullish(),
      aadProfile: z.object({ managed: z.boolean().nullish(), enableAzureRBAC: z.boolean().nullish() }).nullish(),
      apiServerAccessProfile: z.object({ enablePrivateCluster: z.boolean().nullish(), authorizedIPRanges: z.array(z.string()).nullish() }).nullish(),
      networkProfile: z.object({ networkPlugin: z.string().nullish(), networkPolicy: z.string().nullish() }).nullish(),
      oidcIssuerProfile: enabled,
      enableRBAC: z.boolean().nullish(),
    })
    .nullish(),
});

export interface ClusterFacts {
  kubernetesVersion: string | null;
  upgradeChannel: string | null;
  nodeOsUpgradeChannel: string | null;
  /** Node image versions of the agent pools (distinct). */
  nodeImageVersions: string[];
  /** Build date of the oldest node image, from its YYYYMM.DD stamp. */
  oldestNodeImageAt: Date | null;
  azurePolicyAddon: boolean | null;
  defenderProfile: boolean | null;
  localAccountsDisabled: boolean | null;
  entraIntegration: boolean | null;
  azureRbac: boolean | null;
  privateApiServer: boolean | null;
  authorizedIpRanges: string[] | null;
  networkPlugin: string | null;
  networkPolicy: string | null;
  workloadIdentity: boolean | null;
  oidcIssuer: boolean | null;
  keyVaultSecretsProvider: boolean | null;
}

/** "AKSUbuntu-2204gen2containerd-202405.03.0" → 2024-05-03 (UTC); null when the version carries no date stamp. */
export function nodeImageDateOf(version: string): Date | null {
  const m = /-(\d{4})(\d{2})\.(\d{2})\.\d+$/.exec(version);
  if (!m) return null;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

const addon = (addons: Record<string, { enabled?: boolean | null } | null | undefined> | null | undefined, ...names: string[]): boolean | null => {
  if (!addons) return null;
  const key = Object.keys(addons).find((k) => names.includes(k.toLowerCase()));
  return key ? (addons[key]?.enabled ?? null) : false;
};

export function clusterFactsOf(raw: unknown): ClusterFacts {
  const parsed = factsSchema.safeParse(raw);
  const p = parsed.success ? parsed.data.properties : null;
  const images = [...new Set((p?.agentPoolProfiles ?? []).flatMap((a) => (a.nodeImageVersion ? [a.nodeImageVersion] : [])))];
  const dates = images.map(nodeImageDateOf).filter((d): d is Date => d !== null);
  const api = p?.apiServerAccessProfile;
  return {
    kubernetesVersion: p?.currentKubernetesVersion ?? p?.kubernetesVersion ?? null,
    upgradeChannel: p?.autoUpgradeProfile?.upgradeChannel ?? null,
    nodeOsUpgradeChannel: p?.autoUpgradeProfile?.nodeOSUpgradeChannel ?? null,
    nodeImageVersions: images,
    oldestNodeImageAt: dates.length ? new Date(Math.min(...dates.map((d) => d.getTime()))) : null,
    azurePolicyAddon: addon(p?.addonProfiles, 'azurepolicy'),
    defenderProfile: p?.securityProfile ? (p.securityProfile.defender?.securityMonitoring?.enabled ?? false) : null,
    localAccountsDisabled: p?.disableLocalAccounts ?? null,
    entraIntegration: p ? Boolean(p.aadProfile?.managed) : null,
    azureRbac: p?.aadProfile ? (p.aadProfile.enableAzureRBAC ?? false) : null,
    privateApiServer: api ? (api.enablePrivateCluster ?? false) : null,
    authorizedIpRanges: api ? (api.authorizedIPRanges ?? []) : null,
    networkPlugin: p?.networkProfile?.networkPlugin ?? null,
    networkPolicy: p?.networkProfile?.networkPolicy ?? null,
    workloadIdentity: p?.securityProfile ? (p.securityProfile.workloadIdentity?.enabled ?? false) : null,
    oidcIssuer: p?.oidcIssuerProfile ? (p.oidcIssuerProfile.enabled ?? false) : null,
    keyVaultSecretsProvider: addon(p?.addonProfiles, 'azurekeyvaultsecretsprovider'),
  };
}
