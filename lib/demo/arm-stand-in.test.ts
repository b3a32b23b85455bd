// The stand-in is only useful if the official SDK clients can talk to it exactly as to Azure: these tests drive the
// real clients over HTTPS to the end of every list and check the error paths the connectors depend on.
import { request } from 'node:https';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { ContainerRegistryManagementClient } from '@azure/arm-containerregistry';
import { ContainerServiceClient } from '@azure/arm-containerservice';
import { PolicyInsightsClient } from '@azure/arm-policyinsights';
import { ResourceGraphClient } from '@azure/arm-resourcegraph';
import { SecurityCenter } from '@azure/arm-security';
import { SecurityInsights } from '@azure/arm-securityinsight';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startArmStandIn, type ArmStandIn } from './arm-stand-in';
import { generateTenant } from './generate-tenant';
import { createDemoCredential, StaticTokenCredential } from './static-credential';

const tenant = generateTenant({ seed: 11, clusters: 8, now: new Date('2025-11-20T00:00:00Z') });
const credential = createDemoCredential();
const noRetry = { retryOptions: { maxRetries: 0 } };
let standIn: ArmStandIn;

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

async function rawGet(url: string, headers: Record<string, string>): Promise<{ status: number; body: unknown; headers: Record<string, string | string[] | undefined> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'GET', headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')), headers: res.headers }));
    });
    req.on('error', reject);
    req.end();
  });
}

beforeAll(async () => {
  // The certificate must be the one NODE_EXTRA_CA_CERTS points at (created by the global setup or by hand).
  const dir = path.resolve('.data/tls');
  const [key, cert] = await Promise.all([readFile(path.join(dir, 'key.pem'), 'utf8'), readFile(path.join(dir, 'cert.pem'), 'utf8')]);
  standIn = await startArmStandIn({ tenant, tls: { key, cert }, pageSize: 37 });
});

afterAll(async () => {
  await standIn.stop();
});

describe('ARM stand-in with the official SDK clients', () => {
  it('lists every subscription-scoped collection to completion, page by page', async () => {
    for (const { subscriptionId } of tenant.subscriptions) {
      const endpoint = { endpoint: standIn.url };
      const scope = `subscriptions/${subscriptionId}`;
      const security = new SecurityCenter(credential, subscriptionId, endpoint);
      const counts = {
        managedClusters: (await collect(new ContainerServiceClient(credential, subscriptionId, endpoint).managedClusters.list())).length,
        registries: (await collect(new ContainerRegistryManagementClient(credential, subscriptionId, endpoint).registries.list())).length,
        assessments: (await collect(security.assessments.list(scope))).length,
        subAssessments: (await collect(security.subAssessments.listAll(scope))).length,
        alerts: (await collect(security.alerts.list())).length,
        secureScores: (await collect(security.secureScores.list())).length,
        secureScoreControls: (await collect(security.secureScoreControls.list())).length,
        assessmentMetadata: (await collect(security.assessmentsMetadata.listBySubscription())).length,
        policyStates: (await collect(new PolicyInsightsClient(credential, subscriptionId, endpoint).policyStates.listQueryResultsForSubscription('latest', subscriptionId))).length,
      };
      for (const [kind, count] of Object.entries(counts)) {
        expect({ kind, count }).toEqual({ kind, count: tenant.count(kind as keyof typeof counts, subscriptionId) });
      }
      expect(counts.subAssessments).toBeGreaterThan(37);
    }
    const anySubscription = tenant.subscriptions[0]?.subscriptionId ?? '';
    const metadata = await collect(new SecurityCenter(credential, anySubscription, { endpoint: standIn.url }).assessmentsMetadata.list());
    expect(metadata).toHaveLength(tenant.count('assessmentMetadata', anySubscription));
  });

  it('keeps the fields the connectors read after SDK deserialisation', async () => {
    const subscriptionId = tenant.clusters[0]?.subscriptionId ?? '';
    const clusters = await collect(new ContainerServiceClient(credential, subscriptionId, { endpoint: standIn.url }).managedClusters.list());
    expect(clusters[0]?.kubernetesVersion).toMatch(/^1\.\d+\.\d+$/);
    expect(clusters[0]?.tags?.team).toBeDefined();
    const assessments = await collect(new SecurityCenter(credential, subscriptionId, { endpoint: standIn.url }).assessments.list(`subscriptions/${subscriptionId}`));
    expect(assessments.some((a) => a.status?.code === 'Unhealthy' && a.status.firstEvaluationDate instanceof Date)).toBe(true);
  });

  it('lists Sentinel incidents of the workspace', async () => {
    const ws = tenant.sentinelWorkspace;
    const incidents = await collect(new SecurityInsights(credential, ws.subscriptionId, { endpoint: standIn.url }).incidents.list(ws.resourceGroup, ws.name));
    expect(incidents.length).toBe(tenant.count('incidents', ws.subscriptionId));
    expect(incidents.length).toBeGreaterThan(0);
  });

  it('pages Resource Graph with $skipToken in the body, per assessment key', async () => {
    const client = new ResourceGraphClient(credential, { endpoint: standIn.url });
    const subscriptions = tenant.subscriptions.map((s) => s.subscriptionId);
    const run = async (query: string): Promise<number> => {
      let skipToken: string | undefined;
      let rows = 0;
      let pages = 0;
      do {
        const response = await client.resources({ query, subscriptions, options: { skipToken } }); // wire name $skipToken
        // The SDK's mapper types `data` as a Dictionary, so the row array arrives as an object keyed "0", "1", ….
        const data = Object.values(response.data);
        expect(data).toHaveLength(response.count);
        rows += data.length;
        skipToken = response.skipToken;
        pages += 1;
      } while (skipToken && pages < 1000);
      expect(pages).toBeGreaterThan(1);
      return rows;
    };
    const sum = (kind: 'registryContainerVulnerabilities' | 'runtimeContainerVulnerabilities'): number => subscriptions.reduce((n, s) => n + tenant.count(kind, s), 0);
    const base = "securityresources | where type =~ 'microsoft.security/assessments/subassessments'";
    expect(await run(`${base} | where assessmentKey == 'c0b7cfc6-3172-465a-b378-53c7ff2cc0d5'`)).toBe(sum('registryContainerVulnerabilities'));
    expect(await run(`${base} | where assessmentKey == 'c609cf0f-71ab-41e9-a3c6-9a1f7fe1b8d5'`)).toBe(sum('runtimeContainerVulnerabilities'));
  });

  it('answers an unknown subscription with 404 and an ARM error body', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    const error = await collect(new SecurityCenter(credential, unknown, { endpoint: standIn.url, ...noRetry }).alerts.list()).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 404, code: 'SubscriptionNotFound' });
  });

  it('rejects a wrong token through the SDK and a missing Authorization header with 401', async () => {
    const subscriptionId = tenant.subscriptions[0]?.subscriptionId ?? '';
    const wrong = new StaticTokenCredential('not-the-demo-token');
    const error = await collect(new SecurityCenter(wrong, subscriptionId, { endpoint: standIn.url, ...noRetry }).alerts.list()).catch((e: unknown) => e);
    expect(error).toMatchObject({ statusCode: 401, code: 'InvalidAuthenticationToken' });
    const raw = await rawGet(`${standIn.url}/subscriptions/${subscriptionId}/providers/Microsoft.Security/alerts?api-version=2022-01-01`, {});
    expect(raw.status).toBe(401);
    expect(raw.body).toMatchObject({ error: { code: 'AuthenticationFailed' } });
  });

  it('requires api-version (400) and answers unknown paths with 404, both as ARM errors', async () => {
    const subscriptionId = tenant.subscriptions[0]?.subscriptionId ?? '';
    const auth = { authorization: 'Bearer aks-posture-demo-token' };
    const missing = await rawGet(`${standIn.url}/subscriptions/${subscriptionId}/providers/Microsoft.Security/alerts`, auth);
    expect(missing.status).toBe(400);
    expect(missing.body).toMatchObject({ error: { code: 'MissingApiVersionParameter' } });
    const unknown = await rawGet(`${standIn.url}/subscriptions/${subscriptionId}/providers/Microsoft.Nope/things?api-version=1`, auth);
    expect(unknown.status).toBe(404);
    expect(unknown.body).toMatchObject({ error: { code: 'NotFound' } });
    expect(unknown.headers['x-ms-request-id']).toBeDefined();
    const ok = await rawGet(`${standIn.url}/subscriptions/${subscriptionId}/providers/Microsoft.Security/alerts?api-version=2022-01-01`, auth);
    expect(Number(ok.headers['x-ms-ratelimit-remaining-subscription-reads'])).toBeGreaterThan(0);
  });

  it('injects a source outage (500) and lets it recover', async () => {
    const subscriptionId = tenant.subscriptions[0]?.subscriptionId ?? '';
    standIn.setFaults({ failPaths: [/Microsoft\.Security\/alerts$/i] });
    try {
      const error = await collect(new SecurityCenter(credential, subscriptionId, { endpoint: standIn.url, ...noRetry }).alerts.list()).catch((e: unknown) => e);
      expect(error).toMatchObject({ statusCode: 500, code: 'InternalServerError' });
    } finally {
      standIn.setFaults({});
    }
    const alerts = await collect(new SecurityCenter(credential, subscriptionId, { endpoint: standIn.url }).alerts.list());
    expect(alerts).toHaveLength(tenant.count('alerts', subscriptionId));
  });

  it('throttles once per path with 429 + Retry-After and the SDK retries to success', async () => {
    const subscriptionId = tenant.subscriptions[0]?.subscriptionId ?? '';
    standIn.setFaults({ throttleOncePaths: [/managedClusters$/i] });
    try {
      const before = standIn.requestCount();
      const clusters = await collect(new ContainerServiceClient(credential, subscriptionId, { endpoint: standIn.url }).managedClusters.list());
      expect(clusters).toHaveLength(tenant.count('managedClusters', subscriptionId));
      expect(standIn.requestCount() - before).toBeGreaterThanOrEqual(2);
    } finally {
      standIn.setFaults({});
    }
  });
});
