// Reference data shared by many findings, stored once (issue 13, item 2). A container-image vulnerability is
// reported once per image and cluster, and each copy of its payload repeats the CVE's own record (CVSS, CPE,
// references, weaknesses), the package's details, the vendor's description, and the image's and its workloads'
// details with the Resource Graph envelope; a policy state repeats its assignment's and definition's fields and its
// resource's. Each such group of fields is taken out of the stored payload and kept once, addressed by a digest of
// its content; the payload lists the digests under one key `"$rawMerge": [<digest>, …]`, and the finding page
// merges the groups back in (joinRaw), so it still shows the source's own fields exactly (jsonb keeps no key order).
//
// Payloads stored before groups existed hold one marker object `{ "$rawPart": "<digest>" }` per sub-document in
// place of that sub-document; joinRaw still puts those back.

export const RAW_PART_KEY = '$rawPart';
export const RAW_MERGE_KEY = '$rawMerge';
/**
 * In a part: what else the split did, in order — `["parent", path, text]` (text cut from the front of the string at
 * path) and `["same", path, from]` (the field at path dropped as equal to the one at from); the join undoes them
 * in reverse order, after merging the parts' fields back.
 */
const OPS_KEY = '$ops';
type Op = ['parent', string[], string] | ['same', string[], string[]];

/** Fields of the object at `at` (the payload itself when empty) that a group takes out, when present. */
export interface SharedFields {
  readonly at: readonly string[];
  readonly keys: readonly string[];
  /**
   * Path-like string fields (ARM ids) of that object whose parent — up to and including the last '/' — the group
   * takes, the last segment staying in the payload: a sub-assessment's id repeats its resource's and assessment's.
   */
  readonly parentOf?: readonly string[];
  /**
   * Fields of that object that repeat another field of the payload (path from its top), e.g. a timestamp given twice:
   * dropped when equal, the part saying where to copy them from (so a payload where they differ keeps both).
   */
  readonly sameAs?: Readonly<Record<string, readonly string[]>>;
}

/** Fields that vary together (all name the same CVE, image or policy assignment): taken out and stored as one part. */
export type SharedGroup = readonly SharedFields[];

// Smaller than this, a digest in the list and a lookup cost more than the copy they save.
const MIN_SHARED_LENGTH = 64;

export interface RawPart {
  hash: string;
  json: string;
}

type JsonObject = Record<string, unknown>;
const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The payload with each group's fields taken out and their digests listed under RAW_MERGE_KEY, and the groups as
 * parts (sparse documents holding those fields at their paths). Never mutates `raw`. A payload that is not an
 * object, or already has a RAW_MERGE_KEY of its own, is left as it is (the join could not tell it from ours).
 */
export function splitRaw(raw: unknown, groups: readonly SharedGroup[], digest: (json: string) => string): { raw: unknown; parts: RawPart[] } {
  if (!isObject(raw) || Object.hasOwn(raw, RAW_MERGE_KEY)) return { raw, parts: [] };
  const parts: RawPart[] = [];
  let out: JsonObject = raw;
  for (const group of groups) {
    let part: JsonObject = {};
    const ops: Op[] = [];
    let rest = out;
    for (const { at, keys, parentOf = [], sameAs = {} } of group) {
      for (const k of parentOf) {
        const value = valueAt(rest, [...at, k]);
        const cut = typeof value === 'string' ? value.lastIndexOf('/') + 1 : 0;
        if (typeof value !== 'string' || cut <= 1 || keys.includes(k)) continue;
        ops.push(['parent', [...at, k], value.slice(0, cut)]);
        rest = setAt(rest, [...at, k], value.slice(cut));
      }
      for (const [k, from] of Object.entries(sameAs)) {
        const value = valueAt(rest, [...at, k]);
        const source = valueAt(rest, from);
        if (value === undefined || keys.includes(k) || JSON.stringify(value) !== JSON.stringify(source)) continue;
        ops.push(['same', [...at, k], [...from]]);
        rest = removeAt(rest, at, [k]);
      }
      const holder = valueAt(rest, at);
      if (!isObject(holder)) continue;
      const taken = keys.filter((k) => Object.hasOwn(holder, k));
      if (taken.length === 0) continue;
      for (const k of taken) part = setAt(part, [...at, k], holder[k]);
      rest = removeAt(rest, at, taken);
    }
    if (ops.length > 0) part = { ...part, [OPS_KEY]: ops };
    const json = JSON.stringify(part);
    if (json.length < MIN_SHARED_LENGTH) continue;
    const hash = digest(json);
    parts.push({ hash, json });
    out = rest;
  }
  if (parts.length === 0) return { raw, parts };
  return { raw: { ...out, [RAW_MERGE_KEY]: parts.map((p) => p.hash) }, parts };
}

/** The digests a stored payload refers to (group parts and older per-field markers alike). */
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
  const merged = isObject(raw) ? mergeRefsOf(raw) : null;
  if (merged) refs.push(...merged);
  return refs;
}

/**
 * The payload as the source sent it: each group part merged back in and each older marker replaced by its part.
 * A missing part stays visible: its digest is left under RAW_MERGE_KEY, or its marker where it was.
 */
export function joinRaw(raw: unknown, parts: ReadonlyMap<string, unknown>): unknown {
  const merged = isObject(raw) ? mergeRefsOf(raw) : null;
  if (!merged || !isObject(raw)) return replaceMarkers(raw, parts);
  const rest: JsonObject = { ...raw };
  delete rest[RAW_MERGE_KEY];
  let out = replaceMarkers(rest, parts) as JsonObject;
  const missing: string[] = [];
  const ops: unknown[] = [];
  for (const ref of merged) {
    const part = parts.get(ref);
    if (!isObject(part)) {
      missing.push(ref);
      continue;
    }
    const { [OPS_KEY]: ofPart, ...fields } = part;
    out = deepMerge(out, fields);
    if (Array.isArray(ofPart)) ops.push(...(ofPart as unknown[]));
  }
  // Undone last and backwards: a field an op reads or completes may sit in a part merged after its own.
  for (const op of ops.reverse()) out = undoOp(out, op);
  return missing.length ? { ...out, [RAW_MERGE_KEY]: missing } : out;
}

const isPath = (v: unknown): v is string[] => Array.isArray(v) && v.every((k) => typeof k === 'string');

function undoOp(raw: JsonObject, op: unknown): JsonObject {
  if (!Array.isArray(op)) return raw;
  const [kind, path, arg] = op as unknown[];
  if (!isPath(path)) return raw;
  if (kind === 'parent') {
    const child = valueAt(raw, path);
    return typeof arg === 'string' && typeof child === 'string' ? setAt(raw, path, arg + child) : raw;
  }
  if (kind === 'same' && isPath(arg)) {
    const source = valueAt(raw, arg);
    return source === undefined ? raw : setAt(raw, path, source);
  }
  return raw;
}

function replaceMarkers(raw: unknown, parts: ReadonlyMap<string, unknown>): unknown {
  if (Array.isArray(raw)) return raw.map((v) => replaceMarkers(v, parts));
  if (!isObject(raw)) return raw;
  const ref = markerOf(raw);
  if (ref) return parts.has(ref) ? parts.get(ref) : raw;
  return Object.fromEntries(Object.entries(raw).map(([k, v]) => [k, replaceMarkers(v, parts)]));
}

function mergeRefsOf(raw: JsonObject): string[] | null {
  const refs = raw[RAW_MERGE_KEY];
  return Array.isArray(refs) && refs.every((r) => typeof r === 'string') ? (refs as string[]) : null;
}

function markerOf(v: JsonObject): string | null {
  const keys = Object.keys(v);
  const ref = v[RAW_PART_KEY];
  return keys.length === 1 && typeof ref === 'string' ? ref : null;
}

// A part's fields were taken from where the payload now lacks them, so no two fields meet except along shared paths.
// Built with fromEntries, never by assignment: a key named __proto__ in a part stays a plain field.
function deepMerge(into: JsonObject, from: JsonObject): JsonObject {
  const out = new Map(Object.entries(into));
  for (const [k, v] of Object.entries(from)) {
    const have = out.get(k);
    out.set(k, isObject(have) && isObject(v) ? deepMerge(have, v) : v);
  }
  return Object.fromEntries(out) as JsonObject;
}

function valueAt(v: unknown, path: readonly string[]): unknown {
  let at = v;
  for (const key of path) {
    if (!isObject(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

function setAt(v: JsonObject, path: readonly string[], value: unknown): JsonObject {
  const [key, ...rest] = path;
  if (key === undefined) return v;
  if (rest.length === 0) return { ...v, [key]: value };
  const child = v[key];
  return { ...v, [key]: setAt(isObject(child) ? child : {}, rest, value) };
}

/**
 * `v` without `keys` of the object at `path`. An object left empty by that goes too (the part recreates it on the
 * way to its fields), except the payload itself.
 */
function removeAt(v: JsonObject, path: readonly string[], keys: readonly string[]): JsonObject {
  const [key, ...rest] = path;
  if (key === undefined) {
    const out = { ...v };
    for (const k of keys) delete out[k];
    return out;
  }
  const child = v[key];
  if (!isObject(child)) return v;
  const next = removeAt(child, rest, keys);
  const out = { ...v };
  if (Object.keys(next).length === 0) delete out[key];
  else out[key] = next;
  return out;
}
