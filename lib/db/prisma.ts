import 'server-only';
// The Prisma client of the web app, created on first use (never at import time) and kept on globalThis so
// Next's module reloading in development does not open a new pool per reload.
import type { PrismaClient } from '../generated/prisma/client';
import { getEnv } from '../env';
import { createPrisma } from './prisma-factory';

const holder = globalThis as unknown as { __posturePrisma?: PrismaClient };

export function getPrisma(): PrismaClient {
  if (!holder.__posturePrisma) {
    const url = getEnv().DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: start the app with `npm start`, which provides the embedded database.');
    holder.__posturePrisma = createPrisma(url);
  }
  return holder.__posturePrisma;
}
