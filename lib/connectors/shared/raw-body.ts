// Getting the REST JSON of each page out of the official SDK clients. The transforms take the REST shape (the same as
// `az rest` output and the saved import files), not the SDKs' camelCase models, so fetch code needs the raw body.
//
// Two SDK generations, two ways (verified by reading the installed SDK sources):
// - AutoRest core-client clients (arm-security 5.0.0, arm-resourcegraph 5.0.0-beta.4): the pager passes the caller's
//   options to every `_listNext` call, so `onResponse` fires once per page including nextLink pages. Its
//   `rawResponse.parsedBody` is NOT the REST JSON there: core-client's deserializationPolicy replaces it with the
//   mapper-deserialized model (flattened `properties`, Date objects). `bodyAsText` is the untouched body, so we parse that.
// - TypeSpec "modular" clients (arm-containerservice 25.3.0, arm-containerregistry 12.0.0): `buildPagedAsyncIterator`
//   fetches nextLink pages with `client.pathUnchecked(link).get()` and no request options, so `onResponse` only fires
//   for the first page. The equivalent is a per-call pipeline policy on a client built for this one listing, which
//   records each response body; pages are requested strictly one after another, so the body recorded while a page was
//   fetched is that page's body.
import { isRestError, type PipelinePolicy, type PipelineResponse } from '@azure/core-rest-pipeline';
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

export interface RawBodyRecorder {
  policy: PipelinePolicy;
  /** The body of the response recorded since the last call; throws when none was (the SDK changed how it pages). */
  take(what: string): unknown;
  /** The body of the last failed response: the modular pager's error keeps only "Pagination failed … 403". */
  lastFailureBody(): string | undefined;
}

export function createRawBodyRecorder(): RawBodyRecorder {
  let pending: PipelineResponse | undefined;
  let failureBody: string | undefined;
  return {
    policy: {
      name: 'rawBodyRecorderPolicy',
      async sendRequest(request, next) {
        const response = await next(request);
        if (response.status >= 200 && response.status < 300) pending = response;
        else failureBody = response.bodyAsText ?? undefined;
        return response;
      },
    },
    lastFailureBody: () => failureBody,
    take(what) {
      const response = pending;
      pending = undefined;
      if (!response) throw new Error(`${what}: no raw response was recorded for this page`);
      return parseJsonBody(response.bodyAsText, what);
    },
  };
}

/** A body captured by the classic clients' `onResponse`, read once per page. */
export interface OnResponseCapture {
  onResponse(rawResponse: { bodyAsText?: string | null }): void;
  take(what: string): unknown;
}

export function createOnResponseCapture(): OnResponseCapture {
  let pending: string | null | undefined;
  let seen = false;
  return {
    onResponse(rawResponse) {
      pending = rawResponse.bodyAsText;
      seen = true;
    },
    take(what) {
      if (!seen) throw new Error(`${what}: onResponse did not fire for this page`);
      const body = pending;
      pending = undefined;
      seen = false;
      return parseJsonBody(body, what);
    },
  };
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

const armErrorSchema = z.object({ error: z.object({ code: z.string().nullish(), message: z.string().nullish() }) });

/**
 * A failure a person can act on: what was being read, the HTTP status and ARM's own error code and message
 * ("assessments of subscription x, page 2 failed: HTTP 403 AuthorizationFailed: …"). The SDK error stays the cause.
 */
export function describeAzureFailure(what: string, error: unknown, failureBody?: string): Error {
  if (!isRestError(error)) return error instanceof Error ? error : new Error(`${what} failed: ${String(error)}`);
  let code = error.code;
  let message = error.message;
  const parsed = failureBody ? armErrorSchema.safeParse(safeJson(failureBody)) : undefined;
  if (parsed?.success) {
    code = parsed.data.error.code ?? code;
    message = parsed.data.error.message ?? message;
  }
  const status = error.statusCode ? `HTTP ${error.statusCode}` : 'no response';
  return new Error(`${what} failed: ${status}${code ? ` ${code}` : ''}: ${message}`, { cause: error });
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/**
 * Walks an SDK pager page by page and yields each page's raw `value` items, taken from `raw` (a recorder or an
 * onResponse capture). A failing page becomes a `describeAzureFailure` error naming the page.
 */
export async function* rawListPages(
  what: string,
  pager: { byPage(): AsyncIterableIterator<unknown[]> },
  raw: { take(what: string): unknown; lastFailureBody?: () => string | undefined },
): AsyncGenerator<unknown[]> {
  const pages = pager.byPage();
  for (let page = 1; ; page += 1) {
    const label = `${what}, page ${page}`;
    let next: IteratorResult<unknown[]>;
    try {
      next = await pages.next();
    } catch (error) {
      throw describeAzureFailure(label, error, raw.lastFailureBody?.());
    }
    if (next.done) return;
    yield armListItems(raw.take(label), label, next.value.length);
  }
}
