// Test support: an in-process ARM for connector tests that need no network. It is a `perRetry` pipeline policy
// (innermost, after the bearer-token policy) that answers instead of calling the transport, so each SDK client still
// runs its whole pipeline: paging, retries, deserialization, onResponse.
import { createHttpHeaders, type PipelinePolicy, type PipelineRequest } from '@azure/core-rest-pipeline';
import type { AzureSettings } from '../types';

export const FAKE_ARM = 'https://fake-arm.test';

export interface FakeReply {
  status?: number;
  body: unknown;
  headers?: Record<string, string>;
}

export type FakeRoute = (request: { method: string; url: URL; body: unknown }) => FakeReply | undefined;

export function fakeArmSettings(routes: FakeRoute[], subscriptionIds: string[]): AzureSettings & { requests: string[] } {
  const requests: string[] = [];
  const policy: PipelinePolicy = {
    name: 'fakeArmPolicy',
    async sendRequest(request: PipelineRequest) {
      const url = new URL(request.url);
      const body: unknown = typeof request.body === 'string' ? JSON.parse(request.body) : undefined;
      requests.push(`${request.method} ${url.pathname}${url.search}`);
      const reply = routes.map((route) => route({ method: request.method, url, body })).find((r) => r !== undefined) ?? {
        status: 404,
        body: { error: { code: 'NotFound', message: `no fake route for ${request.method} ${url.pathname}` } },
      };
      return {
        request,
        status: reply.status ?? 200,
        headers: createHttpHeaders({ 'content-type': 'application/json; charset=utf-8', ...reply.headers }),
        bodyAsText: JSON.stringify(reply.body),
      };
    },
  };
  return {
    armEndpoint: FAKE_ARM,
    subscriptionIds,
    sentinelWorkspaceIds: [],
    credential: { getToken: async () => ({ token: 'fake-token', expiresOnTimestamp: Date.now() + 3_600_000 }) },
    additionalPolicies: [{ policy, position: 'perRetry' }],
    requests,
  };
}

/**
 * Serves `items` as an ARM list at `path` in pages of `pageSize`, linking them with absolute nextLink URLs the way ARM
 * does (carrying api-version and a $skiptoken).
 */
export function pagedList(path: string, items: unknown[], pageSize: number): FakeRoute {
  return ({ method, url }) => {
    if (method !== 'GET' || url.pathname.toLowerCase() !== path.toLowerCase()) return undefined;
    const start = Number(url.searchParams.get('$skiptoken') ?? '0');
    const end = start + pageSize;
    const nextLink = end < items.length ? `${FAKE_ARM}${path}?api-version=${url.searchParams.get('api-version')}&$skiptoken=${end}` : undefined;
    return { body: { value: items.slice(start, end), ...(nextLink ? { nextLink } : {}) } };
  };
}

/** Collects everything an async iterable yields. */
export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
