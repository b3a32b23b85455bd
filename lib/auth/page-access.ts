// Early access decisions for pages, taken in proxy.ts before rendering starts. Pages still check for
// themselves (requireViewer/requirePermission, and the data layer's scope); this exists because a page that
// refuses from inside a streamed Suspense boundary (every dashboard segment has loading.tsx) can no longer
// change the HTTP status: the visitor sees "not found", but the response says 200. Deciding here gives the
// real 307 to sign-in and the real 404 for a page the role may not use or a cluster outside the scope.
import { getToken } from 'next-auth/jwt';
import type { NextRequest } from 'next/server';
import { getEnv } from '../env';
import { getPrisma } from '../db/prisma';
import { clusterScope, findingScopeWithImages } from '../data/scope';
import { recordAuditSafely } from '../audit/record-audit';
import { requestInfo } from '../security/request-info';
import { clusterIdSchema, findingIdSchema } from '../validation/findings';
import { claimsOf } from './claims';
import { armIdOfAddress, clusterPath, parseClusterAddress } from '../clusters/cluster-address';
import { can, type Permission } from './permissions';
import { MFA_REQUIRED_PATH, NO_ACCESS_PATH, resolveSessionState, SIGN_IN_PATH } from './session';
import type { AppRole, Viewer } from './viewer';

export interface PageAccessRule {
  pattern: RegExp;
  /** Any one of these permissions lets the viewer in. */
  anyOf: readonly Permission[];
  /**
   * The first capture group is the id of a resource that must be inside the viewer's scope. 'cluster' (the old
   * hashed address) then redirects to the readable 'cluster-address' (`<subscription>/<resource group>/<name>`).
   */
  resource?: 'cluster' | 'cluster-address' | 'finding';
}

/** Pages with a permission or a scoped resource; keep in line with the pages' own checks (role matrix test). */
export const PAGE_ACCESS_RULES: readonly PageAccessRule[] = [
  { pattern: /^\/admin\/?$/, anyOf: ['audit.view', 'scopes.manage', 'settings.manage', 'sync.run'] },
  { pattern: /^\/admin\/audit\/?$/, anyOf: ['audit.view'] },
  { pattern: /^\/admin\/scopes\/?$/, anyOf: ['scopes.manage'] },
  { pattern: /^\/admin\/settings\/?$/, anyOf: ['settings.manage'] },
  { pattern: /^\/admin\/sync\/?$/, anyOf: ['sync.run'] },
  // Any single segment: a malformed or out-of-range id is a 404 here too, not a "not found" body under 200.
  { pattern: /^\/clusters\/([^/]+)\/?$/, anyOf: ['posture.view'], resource: 'cluster' },
  { pattern: /^\/clusters\/([^/]+\/[^/]+\/[^/]+)\/?$/, anyOf: ['posture.view'], resource: 'cluster-address' },
  { pattern: /^\/compliance\/?$/, anyOf: ['posture.view'] },
  { pattern: /^\/findings\/([^/]+)\/?$/, anyOf: ['findings.view'], resource: 'finding' },
  // A triage item's id is its finding's id: the finding's scope decides.
  { pattern: /^\/triage\/([^/]+)\/?$/, anyOf: ['findings.view'], resource: 'finding' },
  // Trends (issue 12): every role with posture.view, each reading its own scope; `/` sends a role to its landing.
  { pattern: /^\/$/, anyOf: ['posture.view'] },
  { pattern: /^\/trends(\/changes)?\/?$/, anyOf: ['posture.view'] },
];

/**
 * Where a role lands when it opens `/` with no view chosen. Managers come to follow trends; `/?role=…` (the overview's
 * own links) still opens the overview. A viewer with several roles lands on trends only when all of them do.
 */
export const ROLE_LANDING: Partial<Record<AppRole, string>> = { manager: '/trends' };

export function landingFor(viewer: Pick<Viewer, 'roles'>): string | null {
  const targets = viewer.roles.map((r) => ROLE_LANDING[r] ?? null);
  const first = targets[0] ?? null;
  return first && targets.every((t) => t === first) ? first : null;
}

export type PageAccess = { kind: 'allow' } | { kind: 'redirect'; to: string } | { kind: 'not-found' };

export function matchPageRule(pathname: string): { rule: PageAccessRule; id: string | null } | null {
  for (const rule of PAGE_ACCESS_RULES) {
    const m = rule.pattern.exec(pathname);
    if (m) return { rule, id: m[1] ?? null };
  }
  return null;
}

async function resourceVisible(viewer: Viewer, resource: 'cluster-address' | 'finding', id: string): Promise<boolean> {
  // Checked before the query: an id the database could not even compare (over 2^63 - 1) is simply not there.
  if (resource === 'finding' && !findingIdSchema.safeParse(id).success) return false;
  const prisma = getPrisma();
  if (resource === 'cluster-address') {
    const address = parseClusterAddress(id.split('/'));
    if (!address) return false;
    // The store keeps arm_id lower-cased; `insensitive` also accepts rows written with ARM's own casing.
    return (await prisma.cluster.count({ where: { AND: [{ armId: { equals: armIdOfAddress(address), mode: 'insensitive' } }, clusterScope(viewer)] } })) > 0;
  }
  return (await prisma.finding.count({ where: { AND: [{ id: BigInt(id) }, await findingScopeWithImages(viewer, prisma)] } })) > 0;
}

/** The decision for a page request; `allow` for paths without a rule (their pages decide alone). */
export async function decidePageAccess(request: NextRequest): Promise<PageAccess> {
  const match = matchPageRule(request.nextUrl.pathname);
  if (!match) return { kind: 'allow' };
  const env = getEnv();
  const secureCookie = request.cookies.has('__Secure-authjs.session-token');
  const token = env.AUTH_SECRET ? await getToken({ req: request, secret: env.AUTH_SECRET, secureCookie }) : null;
  const state = await resolveSessionState(claimsOf(token ? { claims: token.claims } : null));
  // A bookmark opened signed out comes back to the same view after sign-in (the sign-in page checks returnTo is local).
  if (state.kind === 'anonymous') {
    return { kind: 'redirect', to: `${SIGN_IN_PATH}?returnTo=${encodeURIComponent(`${request.nextUrl.pathname}${request.nextUrl.search}`)}` };
  }
  if (state.kind === 'no-role') return { kind: 'redirect', to: NO_ACCESS_PATH };
  if (state.kind === 'mfa-required') return { kind: 'redirect', to: MFA_REQUIRED_PATH };
  const { rule, id } = match;
  if (!rule.anyOf.some((p) => can(state.viewer, p))) {
    await recordAuditSafely(getPrisma(), {
      actor: state.viewer,
      action: 'access.denied',
      outcome: 'denied',
      detail: { path: request.nextUrl.pathname, permission: rule.anyOf, reason: 'role', roles: state.viewer.roles },
      request: requestInfo(request.headers),
    });
    return { kind: 'not-found' };
  }
  // Out of scope answers exactly like "does not exist", and is not an audited denial (it is indistinguishable).
  if (rule.resource === 'cluster' && id) {
    if (!clusterIdSchema.safeParse(id).success) return { kind: 'not-found' };
    // Old hashed addresses (and bookmarks of them) move to the readable address, filters kept.
    const cluster = await getPrisma().cluster.findFirst({ where: { AND: [{ id }, clusterScope(state.viewer)] }, select: { subscriptionId: true, resourceGroup: true, name: true } });
    return cluster ? { kind: 'redirect', to: `${clusterPath(cluster)}${request.nextUrl.search}` } : { kind: 'not-found' };
  }
  if ((rule.resource === 'cluster-address' || rule.resource === 'finding') && id && !(await resourceVisible(state.viewer, rule.resource, id))) {
    return { kind: 'not-found' };
  }
  const landing = request.nextUrl.pathname === '/' && request.nextUrl.search === '' ? landingFor(state.viewer) : null;
  if (landing) return { kind: 'redirect', to: landing };
  return { kind: 'allow' };
}
