// Raw ARM requests through an official SDK client's own pipeline (its credential policy, retries, throttling and
// any test policies), for operations whose api-version the installed SDK does not speak: arm-security 5.0.0 reads
// alerts at 2021-11-01 and arm-securityinsight 1.0.0-beta.6 at 2022-09-01-preview, while this dashboard reads the
// stable 2022-01-01 alerts and 2025-09-01 incidents. The transforms take the REST shape either way. The modular
// clients' listings come this way too (see raw-body.ts). Each body is JSON-parsed once: by the core-client pipeline's
// deserializationPolicy when there is one (it parses every JSON answer, operation or not), else here.
import {
  createDefaultHttpClient,
  createPipelineRequest,
  type HttpMethods,
  type Pipeline,
  type PipelineRequest,
  type PipelineResponse,
} from '@azure/core-rest-pipeline';
import { armListPageSchema, describeAzureFailure, parseJsonBody, parsedBodyOf } from './raw-body';

/** What the SDK clients share for this: `ServiceClient.sendRequest`. */
export interface ArmPipelineClient {
  sendRequest(request: PipelineRequest): Promise<PipelineResponse>;
}

/**
 * A modular (TypeSpec) SDK client's own pipeline — its bearer-token, retry and rate-limit policies and any test
 * policies — as an ArmPipelineClient, with the same default transport the SDK itself uses.
 */
export function modularPipelineClient(client: { pipeline: Pipeline }): ArmPipelineClient {
  const httpClient = createDefaultHttpClient();
  return { sendRequest: (request) => client.pipeline.sendRequest(httpClient, request) };
}

/** A 2xx answer's JSON: the pipeline's own parse when it did one, else parsed here. */
export function armResponseJson(response: PipelineResponse, what: string): unknown {
  const body = parsedBodyOf(response);
  return body.parsed && body.body !== undefined ? body.body : parseJsonBody(response.bodyAsText, what);
}

export class ArmResponseError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ArmResponseError';
  }
}

export const armErrorMessage = (body: string | undefined): string => {
  if (!body) return 'no response body';
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === 'object' && 'error' in parsed && parsed.error && typeof parsed.error === 'object') {
      const e = parsed.error as { code?: unknown; message?: unknown };
      return `${typeof e.code === 'string' ? e.code : 'Error'}: ${typeof e.message === 'string' ? e.message : ''}`.trim();
    }
  } catch {
    // not JSON: fall through
  }
  return body.slice(0, 300);
};

export function armUrl(endpoint: string, path: string, apiVersion: string): string {
  const url = new URL(path, endpoint);
  url.searchParams.set('api-version', apiVersion);
  return url.toString();
}

/** Sends one request; a non-2xx answer throws with the HTTP status and ARM's own error code and message. */
export async function sendArm(
  client: ArmPipelineClient,
  method: HttpMethods,
  url: string,
  what: string,
  options: { body?: unknown; signal?: AbortSignal } = {},
): Promise<PipelineResponse> {
  const request = createPipelineRequest({ url, method, abortSignal: options.signal });
  if (options.body !== undefined) {
    request.body = JSON.stringify(options.body);
    request.headers.set('content-type', 'application/json');
  }
  let response: PipelineResponse;
  try {
    response = await client.sendRequest(request);
  } catch (error) {
    throw describeAzureFailure(what, error);
  }
  if (response.status < 200 || response.status >= 300) {
    throw new ArmResponseError(response.status, `${what} failed: HTTP ${response.status} ${armErrorMessage(response.bodyAsText ?? undefined)}`);
  }
  return response;
}

/** Pages of an ARM list (`{ value, nextLink }`), following nextLink as-is until it is absent. */
export async function* armListRaw(
  client: ArmPipelineClient,
  firstUrl: string,
  what: string,
  options: { method?: HttpMethods; signal?: AbortSignal } = {},
): AsyncGenerator<unknown[]> {
  let url: string | null = firstUrl;
  let method: HttpMethods = options.method ?? 'GET';
  for (let page = 1; url; page += 1) {
    const label = `${what}, page ${page}`;
    const response = await sendArm(client, method, url, label, { signal: options.signal });
    const parsed = armListPageSchema.safeParse(armResponseJson(response, label));
    if (!parsed.success) throw new Error(`${label}: the page is not an ARM list ({ value: [...] })`);
    yield parsed.data.value;
    url = parsed.data.nextLink ?? null;
    // ARM nextLinks are always followed with GET (the first request of a POST list included).
    method = 'GET';
  }
}
