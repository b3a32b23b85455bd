import 'server-only';
import type { PrismaClient } from '../generated/prisma/client';
import { getPrisma } from '../db/prisma';

/** Round-trips a trivial query with a short timeout; the message is generic so no connection detail leaks. */
export async function checkDatabase(db?: PrismaClient): Promise<{ ok: boolean; latencyMs: number | null; message?: string }> {
  const started = Date.now();
  try {
    const client = db ?? getPrisma();
    await Promise.race([
      client.$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error('timeout')), 3000).unref()),
    ]);
    return { ok: true, latencyMs: Date.now() - started };
  } catch {
    return { ok: false, latencyMs: null, message: 'The database is not reachable.' };
  }
}
