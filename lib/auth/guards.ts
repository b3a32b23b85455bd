import 'server-only';
// Guard wrappers. Every route handler is `withPermission(permission, handler)` or, for the few deliberate public
// routes, `withPublic(handler)`; every server action is `withActionPermission(permission, schema, fn)`.
// Each wrapper tags the function it returns (guardOf) so the route inventory test can tell a deliberate public
// route from a forgotten guard, and the role matrix test can read which permission a route asks for.
import { headers } from 'next/headers';
import { unstable_rethrow } from 'next/navigation';
import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { getEnv } from '../env';
import { AppError, errorBody } from '../errors';
import { getPrisma } from '../db/prisma';
import { recordAuditSafely } from '../audit/record-audit';
import { checkCsrf, expectedActionOrigin } from '../security/csrf';
import { logger } from '../security/logger';
import { requestInfo, type HeaderSource } from '../security/request-info';
import { can, type Permission } from './permissions';
import { getSessionState } from './session';
import { anonymousAuditThrottle } from './anonymous-audit';
import type { Viewer } from './viewer';

export type GuardInfo = { kind: 'permission'; permission: Permission } | { kind: 'public'; reason: string };
const GUARD = Symbol.for('aks-posture.guard');

function tag<F extends object>(fn: F, info: GuardInfo): F {
  Object.defineProperty(fn, GUARD, { value: info, enumerable: false });
  return fn;
}

/** How a route handler or server action is guarded; undefined means it was not wrapped at all. */
export function guardOf(fn: unknown): GuardInfo | undefined {
  if (typeof fn !== 'function') return undefined;
  return (fn as unknown as Record<symbol, GuardInfo | undefined>)[GUARD];
}

/** Turns a zod error into the 400 AppError that says which field is wrong. */
export function validationError(error: z.ZodError): AppError {
  const details = error.issues.slice(0, 20).map((i) => ({ path: i.path.join('.') || '(body)', message: i.message }));
  return new AppError('BAD_REQUEST', `Invalid request: ${details.map((d) => `${d.path} ${d.message}`).join('; ')}`, { details });
}

function toAppError(error: unknown): unknown {
  return error instanceof z.ZodError ? validationError(error) : error;
}

function errorResponse(error: unknown, context: Record<string, unknown>): NextResponse {
  const e = toAppError(error);
  const { status, body } = errorBody(e);
  if (status >= 500) logger.error('request.failed', { ...context, error: e });
  return NextResponse.json(body, { status, headers: { 'Cache-Control': 'no-store' } });
}

function expectedOrigin(request: NextRequest): string {
  const configured = getEnv().AUTH_URL;
  return configured ? new URL(configured).origin : request.nextUrl.origin;
}

export interface GuardedContext<P> {
  params: Promise<P>;
  viewer: Viewer;
}

type RouteHandler<P> = (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>;

async function deny(
  viewer: Pick<Viewer, 'id' | 'name'> | null,
  h: HeaderSource,
  detail: Record<string, unknown>,
): Promise<void> {
  await recordAuditSafely(getPrisma(), { actor: viewer, action: 'access.denied', outcome: 'denied', detail, request: requestInfo(h) });
}

export function withPermission<P = Record<string, string | string[]>>(
  permission: Permission,
  handler: (request: NextRequest, context: GuardedContext<P>) => Promise<Response>,
): RouteHandler<P> {
  const guarded: RouteHandler<P> = async (request, context) => {
    const where = { method: request.method, path: request.nextUrl.pathname, permission };
    try {
      const csrf = checkCsrf(request.method, request.headers, expectedOrigin(request));
      const state = await getSessionState();
      if (state.kind === 'anonymous') {
        throw new AppError('UNAUTHENTICATED', 'Sign in to use this.');
      }
      if (!csrf.ok) {
        await deny({ id: state.claims.oid, name: state.claims.name }, request.headers, { ...where, reason: csrf.reason });
        throw new AppError('FORBIDDEN', `Request refused: ${csrf.reason}.`);
      }
      if (state.kind !== 'ok') {
        await deny({ id: state.claims.oid, name: state.claims.name }, request.headers, { ...where, reason: state.kind });
        throw new AppError('FORBIDDEN', state.kind === 'no-role' ? 'Your account has no role in this app.' : 'This app requires a sign-in with multi-factor authentication.');
      }
      if (!can(state.viewer, permission)) {
        await deny(state.viewer, request.headers, { ...where, reason: 'role', roles: state.viewer.roles });
        throw new AppError('FORBIDDEN', 'Your role does not allow this.');
      }
      const response = await handler(request, { params: context.params, viewer: state.viewer });
      if (!response.headers.has('Cache-Control')) response.headers.set('Cache-Control', 'no-store');
      return response;
    } catch (error) {
      unstable_rethrow(error); // redirect()/notFound() are control flow, not failures
      return errorResponse(error, where);
    }
  };
  return tag(guarded, { kind: 'permission', permission });
}

/**
 * A route anyone may call (health, the Auth.js endpoints). `reason` says why it is public; the route inventory
 * test keeps its own list of the public routes, so marking a route public is a reviewed change in two places.
 */
export function withPublic<P = Record<string, string | string[]>>(
  handler: (request: NextRequest, context: { params: Promise<P> }) => Promise<Response>,
  reason = 'public',
): RouteHandler<P> {
  const wrapped: RouteHandler<P> = async (request, context) => {
    try {
      return await handler(request, context);
    } catch (error) {
      unstable_rethrow(error);
      return errorResponse(error, { method: request.method, path: request.nextUrl.pathname });
    }
  };
  return tag(wrapped, { kind: 'public', reason });
}

/** `action(input)`, or `(previousState, formData)` as `useActionState` calls it. */
export type ActionArgs<I> = [input: I | FormData] | [previousState: unknown, input: I | FormData];

const actionOrigin = (h: HeaderSource): string => expectedActionOrigin(h, getEnv());

/**
 * A server action anyone may call (sign-in, sign-out). Same-origin is still required, so another site cannot
 * sign a visitor in or out of this app.
 */
export function withPublicAction<A extends unknown[]>(fn: (...args: A) => Promise<void>, reason: string): (...args: A) => Promise<void> {
  const action = async (...args: A): Promise<void> => {
    const h = await headers();
    const csrf = checkCsrf('POST', h, actionOrigin(h));
    if (!csrf.ok) {
      // Refused quietly (no thrown error, so no stack in the server log): a cross-site post gets nothing done.
      logger.warn('action.refused', { reason: csrf.reason, public: reason });
      const request = requestInfo(h);
      const verdict = anonymousAuditThrottle.take(`access.denied|${request.ip ?? 'unknown'}`);
      if (verdict.record) {
        const detail = { action: reason, reason: csrf.reason, ...(verdict.suppressed > 0 ? { suppressedSinceLast: verdict.suppressed } : {}) };
        await recordAuditSafely(getPrisma(), { actor: null, action: 'access.denied', outcome: 'denied', detail, request });
      }
      return;
    }
    await fn(...args);
  };
  return tag(action, { kind: 'public', reason });
}

export type ActionResult<R> = { ok: true; data: R } | { ok: false; error: { code: string; message: string; details?: readonly { path: string; message: string }[] } };

function actionError(error: unknown): ActionResult<never> {
  const e = toAppError(error);
  const { status, body } = errorBody(e);
  if (status >= 500) logger.error('action.failed', { error: e });
  return { ok: false, error: body.error };
}

/**
 * Server actions: session, CSRF (Next already compares Origin and Host for actions; this repeats it with the
 * same rule as route handlers), permission, zod-parsed input, errors as a result instead of a thrown stack.
 * Works both as `action(input)` and as a `useActionState` action `(previousState, formData)`: the last
 * argument is the input.
 */
export function withActionPermission<S extends z.ZodType, R>(
  permission: Permission,
  schema: S,
  fn: (viewer: Viewer, input: z.output<S>, request: { headers: HeaderSource }) => Promise<R>,
): (...args: ActionArgs<z.input<S>>) => Promise<ActionResult<R>> {
  const action = async (...args: ActionArgs<z.input<S>>): Promise<ActionResult<R>> => {
    try {
      const h = await headers();
      const state = await getSessionState();
      if (state.kind === 'anonymous') throw new AppError('UNAUTHENTICATED', 'Sign in to use this.');
      const csrf = checkCsrf('POST', h, actionOrigin(h));
      const actor = { id: state.claims.oid, name: state.claims.name };
      if (!csrf.ok) {
        await deny(actor, h, { action: true, permission, reason: csrf.reason });
        throw new AppError('FORBIDDEN', `Request refused: ${csrf.reason}.`);
      }
      if (state.kind !== 'ok' || !can(state.viewer, permission)) {
        await deny(actor, h, { action: true, permission, reason: state.kind === 'ok' ? 'role' : state.kind });
        throw new AppError('FORBIDDEN', 'Your role does not allow this.');
      }
      const raw = args.at(-1);
      const input = schema.parse(raw instanceof FormData ? formDataToObject(raw) : raw);
      return { ok: true, data: await fn(state.viewer, input, { headers: h }) };
    } catch (error) {
      unstable_rethrow(error);
      return actionError(error);
    }
  };
  return tag(action, { kind: 'permission', permission });
}

/** FormData to a plain object: repeated keys become arrays; Next's internal `$ACTION_*` fields are dropped. */
export function formDataToObject(form: FormData): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of form.entries()) {
    if (key.startsWith('$ACTION') || typeof value !== 'string') continue;
    const prev = out[key];
    out[key] = prev === undefined ? value : Array.isArray(prev) ? [...prev, value] : [prev, value];
  }
  return out;
}
