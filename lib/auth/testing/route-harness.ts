// Test harness for the route inventory, role matrix and cross-scope tests: finds every page, route handler and
// server action under the source tree by walking the file system (so a new file is tested without anyone
// registering it), builds requests and sessions, and classifies what a page or handler did.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { NextRequest } from 'next/server';
import { isAppError } from '../../errors';
import type { SessionClaims } from '../claims';
import type { AppRole } from '../viewer';

export const APP_ORIGIN = 'http://localhost:3000';
export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;

export interface AppFile {
  /** Path from the repository root, e.g. `app/api/audit/export/route.ts`. */
  file: string;
  /** URL pattern, e.g. `/clusters/[id]` (route groups removed). */
  pattern: string;
  /** Dynamic segment names in order, with catch-all marked. */
  segments: { name: string; catchAll: boolean }[];
}

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function toAppFile(root: string, full: string): AppFile {
  const rel = path.relative(root, full).split(path.sep);
  const dirs = rel.slice(1, -1); // drop `app` and the file name
  const segments: AppFile['segments'] = [];
  const parts = dirs
    .filter((d) => !(d.startsWith('(') && d.endsWith(')')) && !d.startsWith('@'))
    .map((d) => {
      const m = /^\[(\[)?(\.\.\.)?([^\]]+)\]?\]$/.exec(d);
      if (m) segments.push({ name: m[3] ?? d, catchAll: Boolean(m[2]) });
      return d;
    });
  return { file: rel.join('/'), pattern: `/${parts.join('/')}`, segments };
}

/** Every page and route handler under app/. */
export function discoverAppFiles(root = process.cwd()): { pages: AppFile[]; routes: AppFile[] } {
  const files = walk(path.join(root, 'app'));
  const pages = files.filter((f) => /[/\\]page\.(tsx|ts|jsx|js)$/.test(f)).map((f) => toAppFile(root, f));
  const routes = files.filter((f) => /[/\\]route\.(ts|js)$/.test(f)).map((f) => toAppFile(root, f));
  return { pages: pages.sort((a, b) => a.file.localeCompare(b.file)), routes: routes.sort((a, b) => a.file.localeCompare(b.file)) };
}

// Run over the repository's own source files in tests, never over request input.
// eslint-disable-next-line security/detect-unsafe-regex
const USE_SERVER = /^(?:\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*['"]use server['"]/;

/** Every module whose first statement is 'use server' under app/, lib/ and components/: each export is an endpoint. */
export function discoverActionModules(root = process.cwd()): string[] {
  return ['app', 'lib', 'components']
    .flatMap((d) => {
      try {
        return walk(path.join(root, d));
      } catch {
        return [];
      }
    })
    .filter((f) => /\.(ts|tsx)$/.test(f) && !/\.test\.tsx?$/.test(f) && USE_SERVER.test(readFileSync(f, 'utf8')))
    .map((f) => path.relative(root, f).split(path.sep).join('/'))
    .sort();
}

/** Fills the dynamic segments with the given values (or a placeholder). */
export function paramsFor(file: AppFile, values: Record<string, string> = {}): { url: string; params: Record<string, string | string[]> } {
  const params: Record<string, string | string[]> = {};
  for (const s of file.segments) params[s.name] = s.catchAll ? [values[s.name] ?? 'x'] : (values[s.name] ?? 'x');
  const url = file.pattern
    .split('/')
    .map((part) => {
      const m = /^\[(\[)?(\.\.\.)?([^\]]+)\]?\]$/.exec(part);
      if (!m) return part;
      const v = params[m[3] ?? ''];
      return Array.isArray(v) ? v.join('/') : (v ?? 'x');
    })
    .join('/');
  return { url: url || '/', params };
}

/** A same-origin browser request (passes the CSRF check, so only the session decides). */
export function browserRequest(url: string, method: string, body?: unknown): NextRequest {
  const hasBody = body !== undefined && method !== 'GET' && method !== 'HEAD';
  return new NextRequest(new URL(url, APP_ORIGIN), {
    method,
    headers: { origin: APP_ORIGIN, 'sec-fetch-site': 'same-origin', ...(hasBody ? { 'content-type': 'application/json' } : {}) },
    ...(hasBody ? { body: JSON.stringify(body) } : {}),
  });
}

export function sameOriginHeaders(): Headers {
  return new Headers({ origin: APP_ORIGIN, 'sec-fetch-site': 'same-origin', host: 'localhost:3000' });
}

/** An Auth.js session object as our session callback produces it. */
export function sessionFor(role: AppRole | null, options: { groups?: string[]; amr?: string[]; oid?: string; sid?: string } = {}): { expires: string; claims: SessionClaims } {
  return {
    expires: new Date(Date.now() + 3_600_000).toISOString(),
    claims: {
      oid: options.oid ?? `test-${role ?? 'norole'}`,
      tid: 'tenant',
      name: `Test ${role ?? 'no role'}`,
      email: null,
      roles: role ? [role] : [],
      unknownRoles: [],
      groups: options.groups ?? [],
      groupsOverage: false,
      amr: options.amr ?? ['pwd', 'mfa'],
      sid: options.sid ?? `sid-${options.oid ?? role ?? 'norole'}`,
      endsAt: Math.floor(Date.now() / 1000) + 3600,
    },
  };
}

export type PageOutcome =
  | { kind: 'redirect'; to: string }
  | { kind: 'not-found' }
  | { kind: 'forbidden' }
  | { kind: 'rendered' }
  | { kind: 'error'; message: string };

function digestOf(e: unknown): string | null {
  return typeof e === 'object' && e !== null && 'digest' in e && typeof (e as { digest: unknown }).digest === 'string' ? (e as { digest: string }).digest : null;
}

/** Calls a page component as Next would (params and searchParams as promises) and says what happened. */
export async function renderPage(
  page: (props: { params: Promise<Record<string, string | string[]>>; searchParams: Promise<Record<string, string>> }) => unknown,
  params: Record<string, string | string[]>,
  searchParams: Record<string, string> = {},
): Promise<PageOutcome> {
  try {
    await page({ params: Promise.resolve(params), searchParams: Promise.resolve(searchParams) });
    return { kind: 'rendered' };
  } catch (e) {
    const digest = digestOf(e);
    if (digest?.startsWith('NEXT_REDIRECT;')) return { kind: 'redirect', to: digest.split(';')[2] ?? '' };
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;404') return { kind: 'not-found' };
    if (digest === 'NEXT_HTTP_ERROR_FALLBACK;403') return { kind: 'forbidden' };
    if (isAppError(e) && e.code === 'FORBIDDEN') return { kind: 'forbidden' };
    if (isAppError(e) && e.code === 'NOT_FOUND') return { kind: 'not-found' };
    return { kind: 'error', message: e instanceof Error ? `${e.name}: ${e.message}` : String(e) };
  }
}

export type RouteHandlerFn = (request: NextRequest, context: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

export function isRouteHandler(v: unknown): v is RouteHandlerFn {
  return typeof v === 'function';
}
