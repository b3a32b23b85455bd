// Reference data shared by many findings, stored once (issue 13, item 2). A container-image vulnerability is
// reported once per image and cluster, and each copy of its payload repeats the CVE's own record (CVSS, CPE,
// references, weaknesses), the package's details and the vendor's description; each CVE of an image repeats the
// image's and its workloads' details. Those sub-documents are taken out
// of the stored payload and kept once each, addressed by a digest of their content; the payload keeps a marker
// `{ "$rawPart": "<digest>" }` where they were, and the finding page puts them back (joinRaw), so it still shows
// the source's own fields exactly.

export const RAW_PART_KEY = '$rawPart';

/**
 * Where the shared sub-documents of a vulnerability payload sit (registry and runtime MDVM shapes alike): per CVE
 * (vulnerabilityDetails, description), per package version (softwareDetails), and per image or image-in-cluster
 * (artifactDetails, resourceDetails, clusterDetails, kubernetesContext), each repeated by every CVE of the image.
 */
export const SHARED_VULNERABILITY_PATHS: readonly (readonly string[])[] = [
  ['properties', 'additionalData', 'vulnerabilityDetails'],
  ['properties', 'additionalData', 'softwareDetails'],
  ['properties', 'additionalData', 'artifactDetails'],
  ['properties', 'additionalData', 'clusterDetails'],
  ['properties', 'additionalData', 'kubernetesContext'],
  ['properties', 'resourceDetails'],
  ['properties', 'description'],
];

// Smaller than this, a marker and a lookup cost more than the copy they save.
const MIN_SHARED_LENGTH = 64;

export interface RawPart {
  hash: string;
  json: string;
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The payload with its shared sub-documents replaced by markers, and those sub-documents. Never mutates `raw`. */
export function splitRaw(raw: unknown, paths: readonly (readonly string[])[], digest: (json: string) => string): { raw: unknown; parts: RawPart[] } {
  const parts: RawPart[] = [];
  let out = raw;
  for (const path of paths) {
    const value = valueAt(out, path);
    if (value === undefined || value === null) continue;
    const json = JSON.stringify(value);
    if (json.length < MIN_SHARED_LENGTH) continue;
    const hash = digest(json);
    parts.push({ hash, json });
    out = replaceAt(out, path, { [RAW_PART_KEY]: hash });
  }
  return { raw: out, parts };
}

/** The digests a stored payload refers to. */
export function partRefsOf(raw: unknown): string[] {
  const refs: string[] = [];
  const walk = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (isObject(v)) {
      const ref = markerOf(v);
      if (ref) refs.push(ref);
      else Object.values(v).forEach(walk);
    }
  };
  walk(raw);
  return refs;
}

/** The payload as the source sent it: each marker replaced by its part (a missing part stays a visible marker). */
export function joinRaw(raw: unknown, parts: ReadonlyMap<string, unknown>): unknown {
  if (Array.isArray(raw)) return raw.map((v) => joinRaw(v, parts));
  if (!isObject(raw)) return raw;
  const ref = markerOf(raw);
  if (ref) return parts.has(ref) ? parts.get(ref) : raw;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, joinRaw(v, parts)]));
}

function markerOf(v: JsonObject): string | null {
  const keys = Object.keys(v);
  const ref = v[RAW_PART_KEY];
  return keys.length === 1 && typeof ref === 'string' ? ref : null;
}

function valueAt(v: unknown, path: readonly string[]): unknown {
  let at = v;
  for (const key of path) {
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

function replaceAt(v: unknown, path: readonly string[], value: unknown): unknown {
  const [key, ...rest] = path;
  if (key === undefined) return value;
  if (!isObject(v)) return v;
  return { ...v, [key]: replaceAt(v[key], rest, value) };
}
