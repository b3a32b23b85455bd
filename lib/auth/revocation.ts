// Server-side sign-out for stateless sessions: the sign-in id (`sid` in the session claims) is listed here at
// sign-out and every request checks the list — Auth.js's own session endpoint included — so a copied cookie
// stops working at once, not at its expiry. A row is kept until the sign-in's fixed end (`endsAt`), after which
// no cookie carrying that sid is accepted anyway, however often Auth.js re-issued it.
import type { PrismaClient } from '../generated/prisma/client';
import type { SessionClaims } from './claims';

type RevocationStore = Pick<PrismaClient, 'revokedSession'>;

/** Slack for clocks that disagree between app replicas: a revocation outlives the session by this much. */
const CLOCK_SKEW_MS = 5 * 60_000;

export async function revokeSession(db: RevocationStore, sid: string, sessionEndsAt: Date): Promise<void> {
  const expiresAt = new Date(sessionEndsAt.getTime() + CLOCK_SKEW_MS);
  // Every copy of a cookie carries the same endsAt, so a second sign-out with another copy writes the same row.
  await db.revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: { expiresAt } });
  // Housekeeping on the way: a row is useless once every cookie it names is refused for its age anyway.
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

export async function isSessionRevoked(db: RevocationStore, sid: string): Promise<boolean> {
  return (await db.revokedSession.count({ where: { sid } })) > 0;
}

/** Why a presented session is refused, or null when it stands. Order: the cheap checks before the database. */
export async function sessionRefusal(
  db: RevocationStore,
  claims: Pick<SessionClaims, 'sid' | 'endsAt'>,
  now: Date = new Date(),
): Promise<'unrevocable' | 'ended' | 'revoked' | null> {
  // A session without an id or a fixed end could be neither revoked nor bounded: it predates both, refuse it.
  if (!claims.sid || !claims.endsAt) return 'unrevocable';
  if (claims.endsAt * 1000 <= now.getTime()) return 'ended';
  if (await isSessionRevoked(db, claims.sid)) return 'revoked';
  return null;
}
