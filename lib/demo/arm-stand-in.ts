// A local HTTPS stand-in for Azure Resource Manager that serves the demo tenant. Demo mode points the official SDK
// clients at it (endpoint + static token are the only differences from production), so paging, retries, error
// bodies and deserialisation run through the same code paths as against Azure.
import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DemoRecordKind, DemoTenant, JsonObject, JsonValue } from './generate-tenant';
import { DEMO_BEARER_TOKEN } from './static-credential';
import { ArmError } from './arm-error';
import { createLogAnalyticsStandIn, LOG_ANALYTICS_QUERY } from './log-analytics-stand-in';
import { createTriageStandIn, type TriageStandIn } from './triage-stand-in';
import { demoKubernetesVersions, summarizePolicyStates } from './generate-policy';
import { faultFor, malformPage, truncatePayload, type FaultKind, type FaultMix } from './stand-in-faults';

export interface ArmStandInFaults {
  /** Requests whose path matches answer 500 (a source outage). */
  failPaths?: RegExp[];
  /** Requests whose path matches are answered after `slowMs` (default 1.5 s): a demo sync slow enough to watch. */
  slowPaths?: RegExp[];
  slowMs?: number;
  /** The first request to each distinct matching path answers 429 with Retry-After: 1; later ones succeed. */
  throttleOncePaths?: RegExp[];
  /** Requests whose path matches answer 403 AuthorizationFailed (an identity without the role, e.g. for write-back). */
  forbidPaths?: RegExp[];
  /** A seeded mix of 429s, 5xx, slow, truncated and malformed answers to read requests (stand-in-faults.ts). */
  mix?: FaultMix;
}

export interface ArmStandInOptions {
  tenant: DemoTenant;
  host?: '127.0.0.1';
  /** 0 (default) picks a free port. */
  port?: number;
  tls: { key: string; cert: string };
  /** Items per page for ARM `value`/`nextLink` lists. Default 100. */
  pageSize?: number;
  /**
   * Most rows a Resource Graph page holds, whatever `$top` asks for. Default: `pageSize` when that is given (tests page
   * small everywhere), else 1000 — Resource Graph's own maximum, which the connector asks for.
   */
  resourceGraphPageSize?: number;
  faults?: ArmStandInFaults;
}

export interface ArmStandIn {
  /** Base URL to pass as the SDK client `endpoint`, e.g. https://127.0.0.1:53211 (no trailing slash). */
  url: string;
  stop(): Promise<void>;
  requestCount(): number;
  /** Replace the injected faults (tests: an outage that recovers). */
  setFaults(faults: ArmStandInFaults): void;
  /** Triage write-backs the stand-in accepted (alert states, incident updates, comments). */
  triageWrites: TriageStandIn['writes'];
  /** How many of each fault the mix injected so far. */
  injectedFaults(): Partial<Record<FaultKind, number>>;
}


type Paging = 'arm' | 'odata';

const GUID = '([0-9a-fA-F-]{36})';
const SUB = `/subscriptions/${GUID}`;
// Route patterns are this file's constants, never request input.
// eslint-disable-next-line security/detect-non-literal-regexp
const route = (pattern: string): RegExp => new RegExp(`^${pattern}/?$`, 'i');

/** Path → collection, mirroring the operation specs of the SDK versions in package.json. */
/** Subscriptions_Get (api-version 2022-12-01). */
const SUBSCRIPTION = route(SUB);

const LIST_ROUTES: readonly { pattern: RegExp; kind: DemoRecordKind; paging: Paging; methods: readonly string[] }[] = [
  { pattern: route(`${SUB}/providers/Microsoft.ContainerService/managedClusters`), kind: 'managedClusters', paging: 'arm', methods: ['GET'] },
  { pattern: route(`${SUB}/providers/Microsoft.ContainerRegistry/registries`), kind: 'registries', paging: 'arm', methods: ['GET'] },
  { pattern: route(`${SUB}/providers/Microsoft.Security/assessments`), kind: 'assessments', paging: 'arm', methods: ['GET'] },
  { pattern: route(`${SUB}/providers/Microsoft.Security/assessmentMetadata`), kind: 'assessmentMetadata', paging: 'arm', methods: ['GET'] },
  { pattern: route(`${SUB}/providers/Microsoft.Security/subAssessments`), kind: 'subAssessments', paging: 'arm', methods: ['GET'] },
  { pattern: route(`${SUB}/providers/Microsoft.Security/alerts`), kind: 'alerts', paging: 'arm', methods: ['GET'] },
  { pattern: route(`${SUB}/providers/Microsoft.Security/secureScores`), kind: 'secureScores', paging: 'arm', methods: ['GET'] },
  { pattern: route(`${SUB}/providers/Microsoft.Security/secureScoreControls`), kind: 'secureScoreControls', paging: 'arm', methods: ['GET'] },
  { pattern: route(`${SUB}/providers/Microsoft.Security/secureScores/ascScore/secureScoreControls`), kind: 'secureScoreControls', paging: 'arm', methods: ['GET'] },
  // Policy Insights queries are POSTs; its nextLink is followed with GET, which the real service also accepts.
  { pattern: route(`${SUB}/providers/Microsoft.PolicyInsights/policyStates/latest/queryResults`), kind: 'policyStates', paging: 'odata', methods: ['POST', 'GET'] },
  { pattern: route(`${SUB}/providers/Microsoft.Authorization/policyExemptions`), kind: 'policyExemptions', paging: 'arm', methods: ['GET'] },
];
const POLICY_SUMMARY = route(`${SUB}/providers/Microsoft.PolicyInsights/policyStates/latest/summarize`);
const KUBERNETES_VERSIONS = route(`${SUB}/providers/Microsoft.ContainerService/locations/([^/]+)/kubernetesVersions`);
const TENANT_METADATA = route('/providers/Microsoft.Security/assessmentMetadata');
const INCIDENTS = route(`${SUB}/resourceGroups/([^/]+)/providers/Microsoft.OperationalInsights/workspaces/([^/]+)/providers/Microsoft.SecurityInsights/incidents`);
const RESOURCE_GRAPH = route('/providers/Microsoft.ResourceGraph/resources');

const RESOURCE_GRAPH_QUOTA = { limit: 1000, windowMs: 5000 } as const;

const encodeToken = (offset: number): string => Buffer.from(JSON.stringify({ o: offset })).toString('base64url');

function decodeToken(token: string | null | undefined): number {
  if (!token) return 0;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(token, 'base64url').toString('utf8'));
    if (parsed && typeof parsed === 'object' && 'o' in parsed && typeof parsed.o === 'number' && Number.isInteger(parsed.o) && parsed.o >= 0) return parsed.o;
  } catch {
    // fall through to the ARM error below
  }
  throw new ArmError(400, 'InvalidSkipToken', 'The provided $skipToken is not valid.');
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function startArmStandIn(options: ArmStandInOptions): Promise<ArmStandIn> {
  const { tenant } = options;
  const host = options.host ?? '127.0.0.1';
  const pageSize = options.pageSize ?? 100;
  const resourceGraphPageSize = Math.min(1000, options.resourceGraphPageSize ?? options.pageSize ?? 1000);
  let faults: ArmStandInFaults = options.faults ?? {};
  const throttled = new Set<string>();
  const remainingReads = new Map<string, number>();
  let requests = 0;
  let reads = 0;
  const injected: Partial<Record<FaultKind, number>> = {};
  // A truncated or malformed fault is applied when the page is sent, after the route has built it.
  const pageFaults = new WeakMap<ServerResponse, FaultKind>();
  let baseUrl = '';
  const triage = createTriageStandIn(tenant);
  const logAnalytics = createLogAnalyticsStandIn(tenant);
  const knownSubscriptions = new Set(tenant.subscriptions.map((s) => s.subscriptionId.toLowerCase()));
  const canonicalSubscription = (id: string): string => {
    const found = tenant.subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase());
    if (!found) throw new ArmError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
    return found.subscriptionId;
  };

  const send = (res: ServerResponse, status: number, body: JsonValue, headers: Record<string, string> = {}): void => {
    const pageFault = status === 200 ? pageFaults.get(res) : undefined;
    let payload = JSON.stringify(pageFault === 'malformed' ? malformPage(body) : body);
    if (pageFault === 'truncated') payload = truncatePayload(payload);
    res.writeHead(status, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': String(Buffer.byteLength(payload)),
      'x-ms-request-id': randomUUID(),
      'x-ms-correlation-request-id': randomUUID(),
      ...headers,
    });
    res.end(payload);
  };

  // Resource Graph's per-user quota: a fixed window of queries (Azure's default is 15 per 5 s and can be raised; the
  // stand-in's is raised so a large demo tenant does not spend most of its sync in pauses the connector honours).
  let quotaWindowStart = Date.now();
  let quotaUsed = 0;
  const resourceGraphQuotaHeaders = (): Record<string, string> => {
    const now = Date.now();
    if (now - quotaWindowStart >= RESOURCE_GRAPH_QUOTA.windowMs) {
      quotaWindowStart = now;
      quotaUsed = 0;
    }
    quotaUsed += 1;
    const resetsAfter = Math.max(0, RESOURCE_GRAPH_QUOTA.windowMs - (now - quotaWindowStart));
    return {
      'x-ms-user-quota-remaining': String(Math.max(0, RESOURCE_GRAPH_QUOTA.limit - quotaUsed)),
      'x-ms-user-quota-resets-after': `00:00:${(resetsAfter / 1000).toFixed(3).padStart(6, '0')}`,
    };
  };

  const readHeaders = (subscriptionId: string | null): Record<string, string> => {
    const key = subscriptionId ?? 'tenant';
    const remaining = Math.max(1, (remainingReads.get(key) ?? 12000) - 1);
    remainingReads.set(key, remaining);
    return subscriptionId
      ? { 'x-ms-ratelimit-remaining-subscription-reads': String(remaining) }
      : { 'x-ms-ratelimit-remaining-tenant-reads': String(remaining) };
  };

  const listPage = (kind: DemoRecordKind, subscriptionId: string, url: URL, paging: Paging, apiVersion: string): JsonObject => {
    const offset = decodeToken(url.searchParams.get('$skipToken') ?? url.searchParams.get('$skiptoken'));
    let total = tenant.count(kind, subscriptionId);
    const top = Number(url.searchParams.get('$top'));
    // Policy Insights treats $top as a cap on the whole result, not a page size.
    if (paging === 'odata' && Number.isInteger(top) && top > 0) total = Math.min(total, top);
    const value = triage.overlay(kind, tenant.page(kind, subscriptionId, offset, Math.min(pageSize, Math.max(0, total - offset))));
    const nextOffset = offset + value.length;
    const next = nextOffset < total ? `${baseUrl}${url.pathname}?api-version=${encodeURIComponent(apiVersion)}&${paging === 'odata' ? '$skiptoken' : '$skipToken'}=${encodeToken(nextOffset)}${paging === 'odata' && top > 0 ? `&$top=${top}` : ''}` : null;
    if (paging === 'odata') {
      const body: JsonObject = {
        '@odata.context': `https://management.azure.com/subscriptions/${subscriptionId}/providers/Microsoft.PolicyInsights/policyStates/$metadata#latest`,
        '@odata.count': value.length,
        value,
      };
      if (next) body['@odata.nextLink'] = next;
      return body;
    }
    const body: JsonObject = { value };
    if (next) body.nextLink = next;
    return body;
  };

  const resourceGraph = async (req: IncomingMessage): Promise<JsonObject> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await readBody(req));
    } catch {
      throw new ArmError(400, 'InvalidRequestContent', 'The request content was invalid and could not be deserialized.');
    }
    if (!isRecord(parsed) || typeof parsed.query !== 'string') throw new ArmError(400, 'BadRequest', "The request body must contain a 'query' string.");
    const query = parsed.query;
    if (!/securityresources/i.test(query) || !/assessments\/subassessments/i.test(query)) {
      // Loud on purpose: the stand-in does not run KQL, and silently answering other queries would fake coverage.
      throw new ArmError(400, 'BadRequest', 'The demo ARM stand-in only answers securityresources sub-assessment queries.');
    }
    const wantsRegistry = /c0b7cfc6-3172-465a-b378-53c7ff2cc0d5|AzureContainerRegistryVulnerability/i.test(query);
    const wantsRuntime = /c609cf0f-71ab-41e9-a3c6-9a1f7fe1b8d5|AzureContainerVulnerability\b/i.test(query);
    const kind: DemoRecordKind = wantsRegistry && !wantsRuntime ? 'registryContainerVulnerabilities' : wantsRuntime && !wantsRegistry ? 'runtimeContainerVulnerabilities' : 'containerVulnerabilities';
    const requested = Array.isArray(parsed.subscriptions) ? parsed.subscriptions.filter((s): s is string => typeof s === 'string') : tenant.subscriptions.map((s) => s.subscriptionId);
    const subscriptionIds = requested.map(canonicalSubscription);
    const queryOptions = isRecord(parsed.options) ? parsed.options : {};
    if (queryOptions.resultFormat === 'table') throw new ArmError(400, 'BadRequest', "The demo ARM stand-in answers resultFormat 'objectArray' only.");
    const top = typeof queryOptions.$top === 'number' && queryOptions.$top > 0 ? Math.min(resourceGraphPageSize, queryOptions.$top) : resourceGraphPageSize;
    const skip = typeof queryOptions.$skip === 'number' && queryOptions.$skip > 0 ? queryOptions.$skip : 0;
    const offset = typeof queryOptions.$skipToken === 'string' ? decodeToken(queryOptions.$skipToken) : skip;

    const totals = subscriptionIds.map((id) => tenant.count(kind, id));
    const totalRecords = totals.reduce((sum, t) => sum + t, 0);
    const data: JsonObject[] = [];
    let cursor = offset;
    let base = 0;
    subscriptionIds.forEach((id, i) => {
      const t = totals[i] ?? 0;
      if (data.length < top && cursor < base + t) {
        const rows = tenant.page(kind, id, cursor - base, top - data.length);
        data.push(...rows);
        cursor += rows.length;
      }
      base += t;
    });
    const body: JsonObject = { totalRecords, count: data.length, resultTruncated: 'false', facets: [], data };
    if (cursor < totalRecords) body.$skipToken = encodeToken(cursor);
    return body;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    requests += 1;
    const url = new URL(req.url ?? '/', baseUrl);
    // The classic SDKs expand `/{scope}` verbatim, so a scope with a leading slash produces `//subscriptions/...`.
    const path = decodeURIComponent(url.pathname).replace(/\/{2,}/g, '/');
    const method = (req.method ?? 'GET').toUpperCase();

    const authorization = req.headers.authorization ?? '';
    if (!authorization.startsWith('Bearer ')) {
      throw new ArmError(401, 'AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing.", {
        'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The authentication failed because of missing \'Authorization\' header."',
      });
    }
    if (authorization.slice('Bearer '.length) !== DEMO_BEARER_TOKEN) {
      throw new ArmError(401, 'InvalidAuthenticationToken', 'The access token is invalid.', {
        'www-authenticate': 'Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="The access token is invalid."',
      });
    }
    // Log Analytics queries (api.loganalytics.io/v1) carry no api-version: answered before the ARM checks.
    if (LOG_ANALYTICS_QUERY.test(path)) {
      if (faults.failPaths?.some((p) => p.test(path))) throw new ArmError(500, 'InternalServerError', 'Encountered internal server error. (injected outage)');
      const reply = await logAnalytics.handle(method, path, () => readBody(req));
      send(res, reply.status, reply.body);
      return;
    }
    const apiVersion = url.searchParams.get('api-version');
    if (!apiVersion) throw new ArmError(400, 'MissingApiVersionParameter', "The api-version query parameter (?api-version=) is required for all requests.");
    if (faults.forbidPaths?.some((p) => p.test(path))) throw new ArmError(403, 'AuthorizationFailed', `The client does not have authorization to perform action over scope '${path}'. (injected)`);
    if (faults.failPaths?.some((p) => p.test(path))) throw new ArmError(500, 'InternalServerError', 'Encountered internal server error. (injected outage)');
    if (faults.slowPaths?.some((p) => p.test(path))) await new Promise((r) => setTimeout(r, faults.slowMs ?? 1500));
    if (faults.throttleOncePaths?.some((p) => p.test(path)) && !throttled.has(path.toLowerCase())) {
      throttled.add(path.toLowerCase());
      throw new ArmError(429, 'TooManyRequests', 'The request is being throttled. (injected)', { 'retry-after': '1' });
    }
    if (faults.mix && (method === 'GET' || RESOURCE_GRAPH.test(path) || /\/policyStates\//i.test(path))) {
      const mix = faults.mix;
      const fault = faultFor(mix, reads);
      reads += 1;
      if (fault) injected[fault] = (injected[fault] ?? 0) + 1;
      const retryAfter = { 'retry-after': String(mix.retryAfterSeconds) };
      if (fault === '429') throw new ArmError(429, 'TooManyRequests', 'The request is being throttled. (injected)', retryAfter);
      if (fault === '503') throw new ArmError(503, 'ServiceUnavailable', 'The service is temporarily unavailable. (injected)', retryAfter);
      if (fault === '500') throw new ArmError(500, 'InternalServerError', 'Encountered internal server error. (injected)');
      if (fault === 'slow') await new Promise((resolve) => setTimeout(resolve, mix.slowMs));
      if (fault === 'truncated' || fault === 'malformed') pageFaults.set(res, fault);
    }

    if (RESOURCE_GRAPH.test(path)) {
      if (method !== 'POST') throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
      const body = await resourceGraph(req);
      send(res, 200, body, resourceGraphQuotaHeaders());
      return;
    }
    if (TENANT_METADATA.test(path)) {
      if (method !== 'GET') throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
      const first = tenant.subscriptions[0];
      if (!first) throw new ArmError(500, 'InternalServerError', 'The demo tenant has no subscriptions.');
      send(res, 200, listPage('assessmentMetadata', first.subscriptionId, url, 'arm', apiVersion), readHeaders(null));
      return;
    }
    const triageReply = await triage.handle(method, path, () => readBody(req));
    if (triageReply) {
      if (triageReply.body === null) {
        res.writeHead(triageReply.status, { 'x-ms-request-id': randomUUID() });
        res.end();
      } else send(res, triageReply.status, triageReply.body);
      return;
    }
    const incidents = INCIDENTS.exec(path);
    if (incidents) {
      if (method !== 'GET') throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
      const subscriptionId = canonicalSubscription(incidents[1] ?? '');
      const ws = tenant.sentinelWorkspace;
      if (subscriptionId !== ws.subscriptionId || (incidents[2] ?? '').toLowerCase() !== ws.resourceGroup.toLowerCase() || (incidents[3] ?? '').toLowerCase() !== ws.name.toLowerCase()) {
        throw new ArmError(404, 'ResourceNotFound', `The Resource 'Microsoft.OperationalInsights/workspaces/${incidents[3] ?? ''}' under resource group '${incidents[2] ?? ''}' was not found.`);
      }
      send(res, 200, listPage('incidents', subscriptionId, url, 'arm', apiVersion), readHeaders(subscriptionId));
      return;
    }
    const summary = POLICY_SUMMARY.exec(path);
    if (summary) {
      if (method !== 'POST') throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
      await readBody(req);
      const subscriptionId = canonicalSubscription(summary[1] ?? '');
      const states = tenant.page('policyStates', subscriptionId, 0, tenant.count('policyStates', subscriptionId));
      send(res, 200, summarizePolicyStates(subscriptionId, states), readHeaders(subscriptionId));
      return;
    }
    const subscription = SUBSCRIPTION.exec(path);
    if (subscription) {
      // Subscriptions_Get: the display name the dashboard shows instead of the GUID.
      if (method !== 'GET') throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
      const id = canonicalSubscription(subscription[1] ?? '');
      const found = tenant.subscriptions.find((s) => s.subscriptionId === id);
      send(res, 200, {
        id: `/subscriptions/${id}`,
        authorizationSource: 'RoleBased',
        subscriptionId: id,
        tenantId: tenant.tenantId,
        displayName: found?.displayName ?? id,
        state: 'Enabled',
        subscriptionPolicies: { locationPlacementId: 'Public_2014-09-01', quotaId: 'EnterpriseAgreement_2014-09-01', spendingLimit: 'Off' },
      }, readHeaders(id));
      return;
    }
    const versions = KUBERNETES_VERSIONS.exec(path);
    if (versions) {
      if (method !== 'GET') throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
      const subscriptionId = canonicalSubscription(versions[1] ?? '');
      send(res, 200, demoKubernetesVersions(versions[2] ?? ''), readHeaders(subscriptionId));
      return;
    }
    for (const candidate of LIST_ROUTES) {
      const match = candidate.pattern.exec(path);
      if (!match) continue;
      if (!candidate.methods.includes(method)) throw new ArmError(405, 'MethodNotAllowed', `The HTTP method '${method}' is not supported.`);
      if (method === 'POST') await readBody(req);
      const subscriptionId = canonicalSubscription(match[1] ?? '');
      send(res, 200, listPage(candidate.kind, subscriptionId, url, candidate.paging, apiVersion), readHeaders(subscriptionId));
      return;
    }
    const subscriptionInPath = /^\/subscriptions\/([^/]+)/i.exec(path)?.[1];
    if (subscriptionInPath && !knownSubscriptions.has(subscriptionInPath.toLowerCase())) canonicalSubscription(subscriptionInPath);
    throw new ArmError(404, 'NotFound', `No HTTP resource was found that matches the request URI '${baseUrl}${url.pathname}'.`);
  };

  const server: Server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (error instanceof ArmError) {
        send(res, error.status, { error: { code: error.code, message: error.message } }, error.headers);
        return;
      }
      send(res, 500, { error: { code: 'InternalServerError', message: error instanceof Error ? error.message : String(error) } });
    });
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  baseUrl = `https://${host}:${address.port}`;

  return {
    url: baseUrl,
    requestCount: () => requests,
    triageWrites: () => triage.writes(),
    injectedFaults: () => ({ ...injected }),
    setFaults(next) {
      faults = next;
      throttled.clear();
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets from the SDK's agent would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
