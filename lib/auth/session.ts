import 'server-only';
// Who is signed in, for pages, route handlers, server actions and the data layer. The session cookie gives the
// Entra claims; the cluster scope is resolved from the groups claim through the group_scopes table on every
// request (cached per request), so an admin's change to a mapping applies at once.
import { notFound, redirect } from 'next/navigation';
import { cache } from 'react';
import { getEnv } from '../env';
import { AppError } from '../errors';
import { getPrisma } from '../db/prisma';
import { auth } from './auth';
import { claimsOf, type SessionClaims } from './claims';
import { classifySession } from './session-state';
import { resolveScope } from './group-scopes';
import { readSettings } from './settings';
import { sessionRefusal } from './revocation';
import { scopesSeedFile, seedGroupScopes } from './seed-group-scopes';
import { logger } from '../security/logger';
import type { Viewer } from './viewer';
import { can, type Permission } from './permissions';

export type SessionState =
  | { kind: 'anonymous' }
  /** Signed in, but the token carries none of the app roles. */
  | { kind: 'no-role'; claims: SessionClaims }
  /** Signed in without MFA while REQUIRE_MFA is on. */
  | { kind: 'mfa-required'; claims: SessionClaims }
  | { kind: 'ok'; claims: SessionClaims; viewer: Viewer };

export const SIGN_IN_PATH = '/sign-in';
export const NO_ACCESS_PATH = '/no-access';
export const MFA_REQUIRED_PATH = '/mfa-required';

// The seed file is applied once per process, before the first scope is resolved; a failure is logged and
// retried on the next request rather than letting people in with a half-seeded mapping unnoticed.
let seeding: Promise<void> | undefined;
function ensureScopesSeeded(): Promise<void> {
  seeding ??= (async () => {
    const file = await scopesSeedFile(getEnv());
    if (!file) return;
    const result = await seedGroupScopes(getPrisma(), file);
    if (result.inserted.length > 0) logger.info('scopes.seeded', { file, groups: result.inserted.length });
  })().catch((error: unknown) => {
    seeding = undefined;
    logger.error('scopes.seed_failed', { error });
  });
  return seeding;
}

/** The session state for given claims: role, MFA rule, then the cluster scope from the groups claim. */
export async function resolveSessionState(presented: SessionClaims | null): Promise<SessionState> {
  const env = getEnv();
  // A session ended by sign-out (or past its fixed end) is no session, even if a copy of its cookie is presented.
  const claims = presented && (await sessionRefusal(getPrisma(), presented)) === null ? presented : null;
  // The MFA rule is an admin setting (default from REQUIRE_MFA); read only when someone is signed in.
  const requireMfa = claims ? (await readSettings(getPrisma(), env)).requireMfa : false;
  const decided = classifySession(claims, requireMfa);
  if (decided.kind !== 'ok-pending') return decided;
  await ensureScopesSeeded();
  const scope = await resolveScope(getPrisma(), { roles: decided.claims.roles, groups: decided.claims.groups, unscopedRoles: env.UNSCOPED_ROLES });
  const c = decided.claims;
  return { kind: 'ok', claims: c, viewer: { id: c.oid, name: c.name, email: c.email, roles: c.roles, scope } };
}

/** The current request's session state (cached per request). */
export const getSessionState = cache(async (): Promise<SessionState> => {
  const session = (await auth()) as { claims?: unknown; unverified?: boolean } | null;
  // The session could not be checked against the revocation list (database down): an error state with retry,
  // not a bounce to sign-in, so a database restart does not look like being signed out.
  if (session?.unverified) throw new AppError('UNAVAILABLE', 'The database cannot be reached right now, so your session cannot be checked. Try again in a moment.');
  return resolveSessionState(claimsOf(session));
});

/** The signed-in viewer with a known role (and MFA when required), or null. */
export async function getViewer(): Promise<Viewer | null> {
  const state = await getSessionState();
  return state.kind === 'ok' ? state.viewer : null;
}

/** For pages: the viewer, or a redirect to sign-in, the no-access page or the MFA page. */
export async function requireViewer(): Promise<Viewer> {
  const state = await getSessionState();
  switch (state.kind) {
    case 'ok':
      return state.viewer;
    case 'anonymous':
      redirect(SIGN_IN_PATH);
    case 'no-role':
      redirect(NO_ACCESS_PATH);
    case 'mfa-required':
      redirect(MFA_REQUIRED_PATH);
  }
}

/** For the no-access and MFA pages: whoever is signed in, role or not; anonymous goes to sign-in. */
export async function requireSignedInClaims(): Promise<SessionClaims> {
  const state = await getSessionState();
  if (state.kind === 'anonymous') redirect(SIGN_IN_PATH);
  return state.claims;
}

/**
 * For pages behind one permission: the viewer, or a 404 when the role lacks it (the page's existence is not
 * confirmed to someone who may not use it). Anonymous and role-less visitors are redirected as by requireViewer.
 */
export async function requirePermission(permission: Permission): Promise<Viewer> {
  const viewer = await requireViewer();
  if (!can(viewer, permission)) notFound();
  return viewer;
}
