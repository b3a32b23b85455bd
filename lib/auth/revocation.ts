// Server-side sign-out for stateless sessions: the sign-in id (`sid` in the session claims) is listed here at
// sign-out and every request checks the list, so a copied cookie stops working at once, not at its expiry.
import type { PrismaClient } from '../generated/prisma/client';

export async function revokeSession(db: Pick<PrismaClient, 'revokedSession'>, sid: string, expiresAt: Date): Promise<void> {
  await db.revokedSession.upsert({ where: { sid }, create: { sid, expiresAt }, update: {} });
  // Housekeeping on the way: a row is useless once the token it names would have expired anyway.
  await db.revokedSession.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}

export async function isSessionRevoked(db: Pick<PrismaClient, 'revokedSession'>, sid: string): Promise<boolean> {
  return (await db.revokedSession.count({ where: { sid } })) > 0;
}
