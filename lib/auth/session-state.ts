// The session decision as a pure function, so it is tested without Next or Auth.js.
import { hasMfa, type SessionClaims } from './claims';

export type SessionDecision =
  | { kind: 'anonymous' }
  | { kind: 'no-role'; claims: SessionClaims }
  | { kind: 'mfa-required'; claims: SessionClaims }
  /** Has a role (and MFA when required); the scope is resolved next. */
  | { kind: 'ok-pending'; claims: SessionClaims };

export function classifySession(claims: SessionClaims | null, requireMfa: boolean): SessionDecision {
  if (!claims) return { kind: 'anonymous' };
  if (claims.roles.length === 0) return { kind: 'no-role', claims };
  if (requireMfa && !hasMfa(claims)) return { kind: 'mfa-required', claims };
  return { kind: 'ok-pending', claims };
}
