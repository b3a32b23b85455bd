// Turns a saved Azure response (`az rest` output, an x-ms-examples file, a Resource Graph result) into one SourceBatch,
// reusing the connectors' transforms. All-or-nothing: any record that fails refuses the whole file, so the store never
// sees part of one. Every refusal is an ImportError whose message tells a person what was wrong and where.
//
// Decisions:
// - An empty list (`{ "value": [] }`, `[]`, a Resource Graph result with no rows) is valid data — zero rows, no error —
//   but nothing in it says which source it belongs to, so it needs `source`; the kind is then 'empty'.
// - One kind of record per file: clusters and registries together, or assessments with their metadata, are refused
//   as mixed (the CLI imports them as separate files).
// - Records without a `type` take the kind of the typed records beside them; a file where no record has a type is
//   only accepted with `source: 'defender-vulnerability'` (Resource Graph projections sometimes drop `type`).
// - A list with a nextLink / a Resource Graph page with a $skipToken imports fine with a warning: it is one page.
// - Sub-assessments of other kinds (SQL, server vulnerabilities) beside container image ones are left out and counted
//   in a warning ("kept N container image findings; skipped M other records (SQL: x, server: y)"), never refused.
import type { SourceId } from '../domain/model';
import { toAssessmentFinding, toMetadataRow } from '../connectors/defender-assessment/transform';
import {
  describeKeptAndSkipped,
  splitOutcomes,
  toSubAssessmentOutcome,
  toVulnerabilityBatch,
} from '../connectors/defender-vulnerability/transform';
import { clusterCheckFindings, registryCheckFindings } from '../connectors/inventory/checks';
import { toClusterRow, toRegistryRow } from '../connectors/inventory/transform';
import { toAlertRows } from '../connectors/defender-alert/transform';
import { toIncidentRows } from '../connectors/sentinel-incident/transform';
import { MalformedRecordError, RecordError, transformEach } from '../connectors/shared/record';
import type { SourceBatch } from '../connectors/types';
import { toSecureScoreControlRow, toSecureScoreRow } from '../connectors/secure-score/transform';
import { subscriptionIdOf } from '../connectors/shared/arm-id';
import { parsePolicyImport, PolicyImportError, type PolicyImportKind } from '../connectors/policy-state/import';

export class ImportError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ImportError';
  }
}

/** What each importable record kind is, which source owns it, and the ARM `type` values (lower-cased) that name it. */
export const IMPORT_KINDS = {
  'managed-clusters': { source: 'inventory', label: 'managed cluster', type: 'Microsoft.ContainerService/managedClusters' },
  registries: { source: 'inventory', label: 'container registry', type: 'Microsoft.ContainerRegistry/registries' },
  assessments: { source: 'defender-assessment', label: 'assessment', type: 'Microsoft.Security/assessments' },
  'assessment-metadata': { source: 'defender-assessment', label: 'assessment metadata', type: 'Microsoft.Security/assessmentMetadata' },
  'sub-assessments': {
    source: 'defender-vulnerability',
    label: 'sub-assessment',
    type: 'Microsoft.Security/assessments/subAssessments',
  },
  alerts: { source: 'defender-alert', label: 'security alert', type: 'Microsoft.Security/Locations/alerts' },
  incidents: { source: 'sentinel-incident', label: 'Sentinel incident', type: 'Microsoft.SecurityInsights/incidents' },
  'secure-scores': { source: 'defender-assessment', label: 'secure score', type: 'Microsoft.Security/secureScores' },
  'secure-score-controls': { source: 'defender-assessment', label: 'secure score control', type: 'Microsoft.Security/secureScores/secureScoreControls' },
} as const satisfies Record<string, { source: SourceId; label: string; type: string }>;

export type ImportKind = keyof typeof IMPORT_KINDS;

/** How the records were wrapped in the file. */
export type ImportFormat = 'list' | 'single' | 'array' | 'x-ms-example' | 'resource-graph';

export interface ParsedImport {
  source: SourceId;
  kind: ImportKind | PolicyImportKind | 'empty';
  format: ImportFormat;
  batch: SourceBatch;
  warnings: string[];
}

const SUPPORTED = Object.values(IMPORT_KINDS)
  .map((k) => k.type)
  .join(', ');

const SUPPORTED_HINT = `Supported: ${SUPPORTED} (as a REST list, a single resource, an array, an x-ms-examples file or a Resource Graph result).`;

/** Types we recognise but do not import yet, so the refusal can say "not supported yet" rather than "unrecognised". */
const NOT_YET: { prefix: string; what: string }[] = [
  { prefix: 'microsoft.security/regulatorycompliance', what: 'Defender regulatory compliance results' },
  { prefix: 'microsoft.security/governancerules', what: 'Defender governance rules' },
  { prefix: 'microsoft.security/assessments/governanceassignments', what: 'Defender governance assignments' },
  { prefix: 'microsoft.securityinsights/', what: 'Microsoft Sentinel incident alerts, entities or comments (import the incident list instead)' },
];

const KIND_BY_TYPE = new Map<string, ImportKind>(
  (Object.keys(IMPORT_KINDS) as ImportKind[]).map((kind) => [IMPORT_KINDS[kind].type.toLowerCase(), kind]),
);

interface Located {
  records: unknown[];
  /** Where the records sit, for messages: 'value', 'responses.200.body.value', 'data', ''. */
  path: string;
  format: ImportFormat;
  single: boolean;
  warnings: string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

function join(prefix: string, key: string): string {
  return prefix ? `${prefix}.${key}` : key;
}

/** Resource Graph `table` results: positional rows aligned with `columns`. */
function rowsFromTable(table: Record<string, unknown>, path: string): unknown[] {
  const { columns, rows } = table;
  if (!Array.isArray(columns) || !Array.isArray(rows)) {
    throw new ImportError(`Malformed Resource Graph result at ${path}: expected data to be an array or { columns, rows }.`);
  }
  const names = columns.map((c, i) => {
    if (!isObject(c) || typeof c.name !== 'string') throw new ImportError(`Malformed Resource Graph result at ${path}.columns[${i}]: missing name.`);
    return c.name;
  });
  return rows.map((row, r) => {
    if (!Array.isArray(row)) throw new ImportError(`Malformed Resource Graph result at ${path}.rows[${r}]: expected an array.`);
    return Object.fromEntries(names.map((name, i) => [name, row[i]]));
  });
}

function looksLikeResourceGraphRows(records: unknown[]): boolean {
  return records.length > 0 && records.every((r) => isObject(r) && ('tenantId' in r || 'subscriptionId' in r));
}

function locate(json: unknown, path: string, format?: ImportFormat): Located {
  if (Array.isArray(json)) {
    return { records: json, path, format: format ?? (looksLikeResourceGraphRows(json) ? 'resource-graph' : 'array'), single: false, warnings: [] };
  }
  if (!isObject(json)) {
    throw new ImportError(`Unrecognised file: ${path ? `${path} is` : 'the file holds'} ${describe(json)}, not an Azure response. ${SUPPORTED_HINT}`);
  }

  if (isObject(json.responses) && ('parameters' in json || 'operationId' in json)) {
    const ok = json.responses['200'];
    if (isObject(ok) && 'body' in ok) return locate(ok.body, join(path, 'responses.200.body'), 'x-ms-example');
    const statuses = Object.keys(json.responses).join(', ') || 'none';
    throw new ImportError(
      `Nothing to import: this x-ms-examples file has no 200 response body (responses: ${statuses}); the operation returns no data.`,
    );
  }

  if ('data' in json && ('totalRecords' in json || 'count' in json || '$skipToken' in json || 'resultTruncated' in json)) {
    const dataPath = join(path, 'data');
    const records = Array.isArray(json.data) ? json.data : isObject(json.data) ? rowsFromTable(json.data, dataPath) : null;
    if (!records) throw new ImportError(`Malformed Resource Graph result: ${dataPath} is ${describe(json.data)}, expected rows.`);
    const warnings: string[] = [];
    if (typeof json.$skipToken === 'string' && json.$skipToken) {
      warnings.push('The Resource Graph result has a $skipToken: this file is one page; later pages are not in it.');
    }
    if (json.resultTruncated === 'true' || json.resultTruncated === true) warnings.push('Resource Graph reports the result as truncated.');
    return { records, path: dataPath, format: format ?? 'resource-graph', single: false, warnings };
  }

  if ('value' in json) {
    const valuePath = join(path, 'value');
    if (!Array.isArray(json.value)) throw new ImportError(`Malformed list: ${valuePath} is ${describe(json.value)}, expected an array.`);
    const warnings: string[] = [];
    const next = json.nextLink ?? json['@odata.nextLink'];
    if (typeof next === 'string' && next) warnings.push('The list has a nextLink: this file is one page; later pages are not in it.');
    if (typeof json['@odata.context'] === 'string' && /policyinsights/i.test(json['@odata.context'])) {
      // Policy states and summaries were taken above; this is another Policy Insights result (events, tracked resources).
      throw new ImportError(`Not supported yet: this file holds Azure Policy results other than policy states or summaries (Microsoft.PolicyInsights). ${SUPPORTED_HINT}`);
    }
    return { records: json.value, path: valuePath, format: format ?? 'list', single: false, warnings };
  }

  if (Array.isArray(json.tables)) {
    throw new ImportError(`Not supported yet: this file holds Log Analytics query results (tables). ${SUPPORTED_HINT}`);
  }

  if (typeof json.type === 'string' || typeof json.id === 'string') {
    return { records: [json], path, format: format ?? 'single', single: true, warnings: [] };
  }

  const keys = Object.keys(json).slice(0, 8).join(', ') || 'none';
  throw new ImportError(
    `Unrecognised file: no Azure resource list, resource or Resource Graph result (top-level keys: ${keys}). ${SUPPORTED_HINT}`,
  );
}

function recordAt(located: Located, index: number): string {
  if (located.single) return located.path ? `${located.path} (the single resource)` : 'the single resource in the file';
  return `${located.path}[${index}]`;
}

function typeOf(record: unknown): string | null {
  return isObject(record) && typeof record.type === 'string' && record.type.trim() ? record.type : null;
}

function detectKind(located: Located, source: SourceId | undefined): ImportKind {
  const types = new Map<string, string>(); // lower-cased → as written, first seen
  located.records.forEach((record, index) => {
    if (!isObject(record)) {
      throw new ImportError(`Malformed record at ${recordAt(located, index)}: expected a JSON object, got ${describe(record)}.`);
    }
    const type = typeOf(record);
    if (type && !types.has(type.toLowerCase())) types.set(type.toLowerCase(), type);
  });

  if (types.size === 0) {
    if (source === 'defender-vulnerability') return 'sub-assessments';
    throw new ImportError(
      `Unrecognised file: no record has a "type" field, so what they are cannot be told. ${SUPPORTED_HINT}`,
    );
  }

  const kinds = new Set<ImportKind>();
  const unsupported: string[] = [];
  for (const [lower, written] of types) {
    const kind = KIND_BY_TYPE.get(lower);
    if (kind) kinds.add(kind);
    else unsupported.push(written);
  }

  if (kinds.size === 0) {
    const known = NOT_YET.filter((n) => unsupported.some((t) => t.toLowerCase().startsWith(n.prefix))).map((n) => n.what);
    if (known.length > 0) {
      throw new ImportError(`Not supported yet: this file holds ${known.join(' and ')} (types: ${unsupported.join(', ')}). ${SUPPORTED_HINT}`);
    }
    throw new ImportError(
      `Unrecognised file: no Azure resource of a supported type (found types: ${unsupported.join(', ')}). ${SUPPORTED_HINT}`,
    );
  }
  if (kinds.size > 1 || unsupported.length > 0) {
    const found = [...types.values()].join(', ');
    throw new ImportError(`Mixed file: it holds records of several types (${found}). Import one kind of record per file.`);
  }
  const [kind] = [...kinds] as [ImportKind];
  return kind;
}

function assertSource(kind: ImportKind, source: SourceId | undefined): void {
  const owner = IMPORT_KINDS[kind].source;
  if (source && source !== owner) {
    throw new ImportError(
      `The file holds ${IMPORT_KINDS[kind].label} records, which belong to source "${owner}", but source "${source}" was asked for.`,
    );
  }
}

function transformAll<T>(located: Located, kind: ImportKind, transform: (raw: unknown) => T): T[] {
  try {
    return transformEach(located.records, IMPORT_KINDS[kind].label, transform);
  } catch (error) {
    if (error instanceof MalformedRecordError) {
      throw new ImportError(`Malformed ${error.label} at ${recordAt(located, error.index)}: ${error.reason}`, { cause: error });
    }
    throw error;
  }
}

function assertUnique(located: Located, kind: ImportKind, keys: readonly string[]): void {
  const firstIndex = new Map<string, number>();
  keys.forEach((key, index) => {
    const first = firstIndex.get(key);
    if (first !== undefined) {
      throw new ImportError(
        `Duplicate ${IMPORT_KINDS[kind].label} at ${recordAt(located, index)}: same id as ${recordAt(located, first)}.`,
      );
    }
    firstIndex.set(key, index);
  });
}

function subscriptionsOf(ids: readonly string[]): { id: string; displayName: null }[] {
  return [...new Set(ids)].map((id) => ({ id, displayName: null }));
}

function buildBatch(located: Located, kind: ImportKind, warnings: string[]): SourceBatch {
  switch (kind) {
    case 'managed-clusters': {
      const clusters = transformAll(located, kind, toClusterRow);
      assertUnique(located, kind, clusters.map((c) => c.armId.toLowerCase()));
      // No region version list in a saved cluster file: the version check is left out, the others apply.
      const findings = clusters.flatMap((c) => clusterCheckFindings(c, undefined, new Date()));
      return { subscriptions: subscriptionsOf(clusters.map((c) => c.subscriptionId)), clusters, findings };
    }
    case 'registries': {
      const registries = transformAll(located, kind, toRegistryRow);
      assertUnique(located, kind, registries.map((r) => r.armId.toLowerCase()));
      return { subscriptions: subscriptionsOf(registries.map((r) => r.subscriptionId)), registries, findings: registries.flatMap(registryCheckFindings) };
    }
    case 'assessment-metadata': {
      const metadata = transformAll(located, kind, toMetadataRow);
      assertUnique(located, kind, metadata.map((m) => m.key));
      return { metadata };
    }
    case 'assessments': {
      const findings = transformAll(located, kind, toAssessmentFinding);
      assertUnique(located, kind, findings.map((f) => f.sourceKey));
      const withoutSeverity = findings.filter((f) => f.severity === null).length;
      if (withoutSeverity > 0) {
        warnings.push(
          `${withoutSeverity} of ${findings.length} assessments carry no severity (not fetched with $expand=metadata): it comes from stored assessment metadata.`,
        );
      }
      return { findings };
    }
    case 'alerts': {
      const rows = transformAll(located, kind, toAlertRows);
      assertUnique(located, kind, rows.map((r) => r.finding.sourceKey));
      return { findings: rows.map((r) => r.finding), securityEvents: rows.map((r) => r.event) };
    }
    case 'incidents': {
      const rows = transformAll(located, kind, (raw) => toIncidentRows(raw, []));
      assertUnique(located, kind, rows.map((r) => r.finding.sourceKey));
      if (rows.length > 0) {
        warnings.push('A saved incident list does not carry the alerts inside each incident: they are linked to Defender alerts at the next sync.');
      }
      return { findings: rows.map((r) => r.finding), securityEvents: rows.map((r) => r.event) };
    }
    case 'secure-scores':
    case 'secure-score-controls': {
      // A saved read is today's score: it becomes today's row (past days are never written by an import).
      const day = new Date().toISOString().slice(0, 10);
      const toRow = kind === 'secure-scores' ? toSecureScoreRow : toSecureScoreControlRow;
      const secureScores = transformAll(located, kind, (raw) => {
        const id = isObject(raw) && typeof raw.id === 'string' ? raw.id : '';
        const subscriptionId = subscriptionIdOf(id);
        if (!subscriptionId) throw new RecordError(`id is not a subscription-scoped secure score id ("${id}")`);
        return toRow(raw, subscriptionId, day);
      });
      assertUnique(located, kind, secureScores.map((r) => `${r.subscriptionId}/${r.controlId}`));
      return { subscriptions: subscriptionsOf(secureScores.map((r) => r.subscriptionId)), secureScores };
    }
    case 'sub-assessments': {
      // A subscription-wide list mixes SQL and server vulnerabilities in: kept out and counted, never refused.
      const { records, skipped } = splitOutcomes(transformAll(located, kind, toSubAssessmentOutcome));
      assertUnique(located, kind, records.map((r) => r.finding.sourceKey));
      if (Object.keys(skipped).length > 0) warnings.push(`${describeKeptAndSkipped(records.length, skipped)}.`);
      return { ...toVulnerabilityBatch(records), ...(Object.keys(skipped).length > 0 ? { skipped } : {}) };
    }
  }
}

export function parseImportFile(json: unknown, options: { source?: SourceId } = {}): ParsedImport {
  // Azure Policy query and summarize results have no `type`: their connector recognises them (lib/connectors/policy-state/import.ts).
  let policy;
  try {
    policy = parsePolicyImport(json);
  } catch (error) {
    if (error instanceof PolicyImportError) throw new ImportError(error.message, { cause: error });
    throw error;
  }
  if (policy) {
    if (options.source && options.source !== 'policy-state') {
      throw new ImportError(`The file holds Azure Policy results, which belong to source "policy-state", but source "${options.source}" was asked for.`);
    }
    return { source: 'policy-state', kind: policy.kind, format: policy.format, batch: policy.batch, warnings: policy.warnings };
  }
  const located = locate(json, '');
  const warnings = [...located.warnings];

  if (located.records.length === 0) {
    if (!options.source) {
      throw new ImportError(
        'The file holds an empty list. An empty list is valid (no records), but nothing in it says which source it is for: pass --source.',
      );
    }
    warnings.push(`The file holds an empty list: ${options.source} gets no records from it.`);
    return { source: options.source, kind: 'empty', format: located.format, batch: {}, warnings };
  }

  const kind = detectKind(located, options.source);
  assertSource(kind, options.source);
  const batch = buildBatch(located, kind, warnings);
  return { source: IMPORT_KINDS[kind].source, kind, format: located.format, batch, warnings };
}

/** For callers holding text: JSON errors become ImportErrors too. */
export function parseImportText(text: string, options: { source?: SourceId } = {}): ParsedImport {
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch (error) {
    throw new ImportError(`The file is not valid JSON (${error instanceof Error ? error.message : String(error)}). Nothing was imported.`, {
      cause: error,
    });
  }
  return parseImportFile(json, options);
}
