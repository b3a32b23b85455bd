// `posture import` of saved Azure Policy results: a policy-state query result (`policyStates/latest/queryResults`,
// as `az rest` saves it or as an x-ms-examples file) or a `summarize` result. Query rows carry no `type` or `id`,
// so they are recognised by their columns. Returns null for anything else, so the general importer carries on.
import type { SourceBatch } from '../types';
import { MalformedRecordError, RecordError } from '../shared/record';
import { toPolicyStateBatch } from './index';
import { toPolicySummaryRow } from './transform';

export type PolicyImportKind = 'policy-states' | 'policy-summary';

export interface PolicyImport {
  kind: PolicyImportKind;
  format: 'list' | 'x-ms-example';
  batch: SourceBatch;
  warnings: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const looksLikeStateRow = (r: unknown): boolean => isObject(r) && 'policyAssignmentId' in r && 'resourceId' in r && ('complianceState' in r || 'isCompliant' in r);
const looksLikeSummary = (r: unknown): boolean => isObject(r) && isObject(r.results) && 'policyAssignments' in r;

/** The subscription a summarize result is about, from its OData context or its drill-down links. */
function summarySubscription(body: Record<string, unknown>, parameters: Record<string, unknown> | null): string | null {
  if (typeof parameters?.subscriptionId === 'string') return parameters.subscriptionId;
  const text = JSON.stringify([body['@odata.context'], (body.value as unknown[] | undefined)?.[0]]);
  return /\/subscriptions\/([0-9a-fA-F-]{36})\//.exec(text)?.[1] ?? null;
}

export class PolicyImportError extends Error {}

export function parsePolicyImport(json: unknown): PolicyImport | null {
  let body = json;
  let parameters: Record<string, unknown> | null = null;
  let format: PolicyImport['format'] = 'list';
  if (isObject(json) && isObject(json.responses) && isObject(json.responses['200']) && 'body' in json.responses['200']) {
    body = json.responses['200'].body;
    parameters = isObject(json.parameters) ? json.parameters : null;
    format = 'x-ms-example';
  }
  if (!isObject(body) || !Array.isArray(body.value) || body.value.length === 0) return null;
  // Policy events (the evaluation history) share the row columns but are not the latest state: not imported.
  if (typeof body['@odata.context'] === 'string' && /\/policyEvents\//i.test(body['@odata.context'])) return null;
  const rows: unknown[] = body.value;
  const warnings: string[] = [];
  if (typeof body['@odata.nextLink'] === 'string' && body['@odata.nextLink']) {
    warnings.push('The result has an @odata.nextLink: this file is one page; later pages are not in it.');
  }
  try {
    if (rows.every(looksLikeStateRow)) {
      const batch = toPolicyStateBatch(rows, 'policy state');
      return { kind: 'policy-states', format, batch, warnings };
    }
    if (rows.length === 1 && looksLikeSummary(rows[0])) {
      const subscriptionId = summarySubscription(body, parameters);
      if (!subscriptionId) throw new PolicyImportError('The summarize result names no subscription (no /subscriptions/<id>/ in its @odata.context or links).');
      return { kind: 'policy-summary', format, batch: { policy: { summaries: [toPolicySummaryRow(subscriptionId, body)] } }, warnings };
    }
  } catch (error) {
    if (error instanceof MalformedRecordError) throw new PolicyImportError(`Malformed ${error.label} at value[${error.index}]: ${error.reason}`, { cause: error });
    if (error instanceof RecordError) throw new PolicyImportError(error.reason, { cause: error });
    throw error;
  }
  return null;
}
