// Is a cluster's Kubernetes version still supported in its region? Judged against the minor versions AKS lists for
// the region (ManagedClusters_ListKubernetesVersions). The API carries no end-of-support dates: AKS supports the
// newest three GA minors and retires the oldest when the next one reaches GA (a few months' cadence), so the oldest
// listed GA minor is the one whose support ends next — reported as "ending" — and a minor no longer listed (outside
// long-term support) is "unsupported".
export const VERSION_SUPPORT = ['supported', 'ending', 'unsupported', 'unknown'] as const;
export type VersionSupport = (typeof VERSION_SUPPORT)[number];

export interface RegionVersion {
  version: string;
  isPreview: boolean;
  supportPlans: readonly string[];
}

const minorOf = (version: string): string | null => /^(\d+)\.(\d+)/.exec(version)?.slice(1, 3).join('.') ?? null;
const order = (minor: string): number => {
  const [major, m] = minor.split('.').map(Number);
  return (major ?? 0) * 1000 + (m ?? 0);
};

export function versionSupportOf(version: string | null, region: readonly RegionVersion[]): { support: VersionSupport; oldestSupported: string | null; latest: string | null } {
  const ga = region.filter((v) => !v.isPreview).map((v) => v.version).sort((a, b) => order(a) - order(b));
  const oldestSupported = ga[0] ?? null;
  const latest = ga.at(-1) ?? null;
  const minor = version ? minorOf(version) : null;
  if (!minor || ga.length === 0) return { support: 'unknown', oldestSupported, latest };
  if (!ga.includes(minor)) return { support: 'unsupported', oldestSupported, latest };
  return { support: minor === oldestSupported && ga.length > 1 ? 'ending' : 'supported', oldestSupported, latest };
}
