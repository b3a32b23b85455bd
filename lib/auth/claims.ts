// What we keep from an ID token: the Entra claims that decide access. Pure functions, so the same code reads
// tokens from Entra and from the local demo provider, and unit tests cover both.
import { z } from 'zod';
import { APP_ROLES, type AppRole } from './viewer';

/** Entra sends at most 200 groups in a token; above that it sends `_claim_names` instead ("overage"). */
export const MAX_GROUPS = 200;

const stringList = z.array(z.string().min(1).max(256)).max(1000);

export const idTokenClaimsSchema = z.object({
  oid: z.string().min(1).max(64),
  tid: z.string().min(1).max(64),
  sub: z.string().min(1).max(256).optional(),
  name: z.string().max(256).optional(),
  preferred_username: z.string().max(256).optional(),
  email: z.string().max(256).optional(),
  roles: stringList.optional(),
  groups: stringList.optional(),
  amr: stringList.optional(),
  _claim_names: z.record(z.string(), z.unknown()).optional(),
});
export type IdTokenClaims = z.infer<typeof idTokenClaimsSchema>;

/** The claims stored in the encrypted session cookie. Never tokens: nothing here lets anyone call an API. */
export interface SessionClaims {
  oid: string;
  tid: string;
  name: string;
  email: string | null;
  roles: AppRole[];
  /** App role values the token carried that this app does not know; shown on the no-access page. */
  unknownRoles: string[];
  groups: string[];
  /** True when Entra left groups out of the token (too many); the user then gets no group scope. */
  groupsOverage: boolean;
  amr: string[];
  /** This app's id for the sign-in, so sign-out can revoke the session server-side; null before it is issued. */
  sid: string | null;
  /**
   * When this sign-in ends for good, in epoch seconds, fixed at sign-in. Auth.js re-issues the cookie with a later
   * expiry while it is in use; this does not move, so a revocation kept until then outlives every copy of the cookie.
   */
  endsAt: number | null;
}

export const sessionClaimsSchema = z.object({
  oid: z.string().min(1),
  tid: z.string().min(1),
  name: z.string(),
  email: z.string().nullable(),
  roles: z.array(z.enum(APP_ROLES)),
  unknownRoles: z.array(z.string()),
  groups: z.array(z.string()),
  groupsOverage: z.boolean(),
  amr: z.array(z.string()),
  sid: z.string().nullable().default(null),
  endsAt: z.number().int().positive().nullable().default(null),
});

const KNOWN_ROLES = new Set<string>(APP_ROLES);
const isAppRole = (r: string): r is AppRole => KNOWN_ROLES.has(r);

/**
 * Turns validated ID-token claims into session claims. Throws (zod) when `oid`/`tid` are missing: such a token
 * cannot be tied to a person and must not sign anyone in.
 */
export function toSessionClaims(raw: unknown): SessionClaims {
  const c = idTokenClaimsSchema.parse(raw);
  const roles = [...new Set((c.roles ?? []).filter(isAppRole))];
  const unknownRoles = (c.roles ?? []).filter((r) => !isAppRole(r)).slice(0, 20);
  const overage = c.groups === undefined && c._claim_names !== undefined && 'groups' in c._claim_names;
  return {
    oid: c.oid,
    tid: c.tid,
    name: c.name ?? c.preferred_username ?? c.email ?? c.oid,
    email: c.email ?? (c.preferred_username?.includes('@') ? c.preferred_username : null),
    roles,
    unknownRoles,
    groups: [...new Set(c.groups ?? [])].slice(0, MAX_GROUPS),
    groupsOverage: overage,
    amr: [...new Set(c.amr ?? [])],
    sid: null,
    endsAt: null,
  };
}

/** Entra writes `mfa` into `amr` whenever a second factor was used (phone, authenticator, FIDO2, WHfB). */
export function hasMfa(claims: Pick<SessionClaims, 'amr'>): boolean {
  return claims.amr.includes('mfa');
}

/** Reads our claims from an Auth.js session object; null when absent or malformed (a cookie from an older build). */
export function claimsOf(session: { claims?: unknown } | null): SessionClaims | null {
  if (!session) return null;
  const parsed = sessionClaimsSchema.safeParse(session.claims);
  return parsed.success ? parsed.data : null;
}
