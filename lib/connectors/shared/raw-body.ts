// Getting the REST JSON of each page out of the official SDK clients, parsed once. The transforms take the REST shape
// (the same as `az rest` output and the saved import files), not the SDKs' camelCase models.
//
// Two SDK generations, two ways (verified by reading the installed SDK sources):
// - AutoRest core-client clients (arm-security 5.0.0, arm-resourcegraph 5.0.0-beta.4, arm-policyinsights 6.0.0,
//   arm-policy 5.1.0): core-client's deserializationPolicy JSON-parses every body into `parsedBody` and then, unless the
//   request's `shouldDeserialize` says no, replaces it with the mapper-deserialized model (flattened `properties`, Date
//   objects). `createRestBodyCapture` says no for 2xx answers, so the SDK's one JSON.parse is the only one: the pager's
//   pages are the REST `value` arrays and the captured body is that same object. The pager passes the caller's options
//   to every `_listNext` call, so the capture sees every page.
// - TypeSpec "modular" clients (arm-containerservice 25.3.0, arm-containerregistry 12.0.0) parse every body in
//   core-client-rest and offer no way to keep it; their nextLink pages are fetched without the caller's options. Those
//   listings go through the client's own pipeline as raw ARM requests instead (`modularPipelineClient` in raw-arm.ts),
//   parsed once there.
import { isRestError, type PipelineResponse } from '@azure/core-rest-pipeline';
import { z } from 'zod';

/** Parses a response body as JSON; a page that is not JSON means the listing cannot finish. */
export function parseJsonBody(bodyAsText: string | null | undefined, what: string): unknown {
  if (bodyAsText === undefined || bodyAsText === null || bodyAsText === '') {
    throw new Error(`${what}: the response had no body`);
  }
  try {
    return JSON.parse(bodyAsText) as unknown;
  } catch (error) {
    throw new Error(`${what}: the response body is not JSON`, { cause: error });
  }
}

/** The body core-client already parsed (`parsedBody`), which a PipelineResponse type does not declare. */
export function parsedBodyOf(response: PipelineResponse): { parsed: true; body: unknown } | { parsed: false } {
  return 'parsedBody' in response ? { parsed: true, body: response.parsedBody } : { parsed: false };
}

/** A core-client call kept in the REST shape, whose bodies are read once per page (see the header). */
export interface RestBodyCapture {
  /** Pass as the operation's `requestOptions`. */
  requestOptions: { shouldDeserialize: (response: PipelineResponse) => boolean };
  /** The body of the page the SDK just produced; throws when none was captured (the SDK changed how it pages). */
  take(what: string): unknown;
}

export function createRestBodyCapture(): RestBodyCapture {
  let pending: PipelineResponse | undefined;
  return {
    requestOptions: {
      shouldDeserialize(response) {
        // Failed answers keep the SDK's error mapping (a RestError with ARM's code and message).
        if (response.status < 200 || response.status >= 300) return true;
        pending = response;
        const body = parsedBodyOf(response);
        if (body.parsed) aliasODataNextLink(body.body);
        return false;
      },
    },
    take(what) {
      const response = pending;
      pending = undefined;
      if (!response) throw new Error(`${what}: no response body was captured for this page`);
      const body = parsedBodyOf(response);
      // core-client leaves `parsedBody` unset only for a body that is empty or not declared as JSON.
      if (!body.parsed || body.body === undefined) return parseJsonBody(response.bodyAsText, what);
      return body.body;
    },
  };
}

/**
 * Policy Insights pages with `@odata.nextLink`, which its SDK pager reads from the model name `odataNextLink`; with
 * the model mapping skipped the envelope gets that one name too, or paging would stop after the first page.
 */
function aliasODataNextLink(body: unknown): void {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return;
  const envelope = body as Record<string, unknown>;
  if (envelope['@odata.nextLink'] !== undefined && envelope.odataNextLink === undefined) envelope.odataNextLink = envelope['@odata.nextLink'];
}

/** The ARM list envelope `{ value: [...], nextLink? }`. */
export const armListPageSchema = z.object({
  value: z.array(z.unknown()),
  nextLink: z.string().nullish(),
});

export function armListItems(body: unknown, what: string, sdkPageLength: number): unknown[] {
  const parsed = armListPageSchema.safeParse(body);
  if (!parsed.success) throw new Error(`${what}: the page is not an ARM list ({ value: [...] })`);
  // The SDK's own count is a cheap check that the recorded body belongs to the page the pager just produced.
  if (parsed.data.value.length !== sdkPageLength) {
    throw new Error(`${what}: raw page has ${parsed.data.value.length} items but the SDK page has ${sdkPageLength}`);
  }
  return parsed.data.value;
}

/**
 * A failure a person can act on: what was being read, the HTTP status and ARM's own error code and message
 * ("assessments of subscription x, page 2 failed: HTTP 403 AuthorizationFailed: …"). The SDK error stays the cause.
 */
export function describeAzureFailure(what: string, error: unknown): Error {
  if (!isRestError(error)) return error instanceof Error ? error : new Error(`${what} failed: ${String(error)}`);
  const status = error.statusCode ? `HTTP ${error.statusCode}` : 'no response';
  return new Error(`${what} failed: ${status}${error.code ? ` ${error.code}` : ''}: ${error.message}`, { cause: error });
}

/**
 * Walks an SDK pager page by page and yields each page's raw `value` items, taken from `raw` (a REST body capture).
 * A failing page becomes a `describeAzureFailure` error naming the page.
 */
export async function* rawListPages(
  what: string,
  pager: { byPage(): AsyncIterableIterator<unknown[]> },
  raw: { take(what: string): unknown },
): AsyncGenerator<unknown[]> {
  const pages = pager.byPage();
  for (let page = 1; ; page += 1) {
    const label = `${what}, page ${page}`;
    let next: IteratorResult<unknown[]>;
    try {
      next = await pages.next();
    } catch (error) {
      throw describeAzureFailure(label, error);
    }
    if (next.done) return;
    yield armListItems(raw.take(label), label, next.value.length);
  }
}
