import { NextRequest } from 'next/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, type TestDatabase } from '@/lib/testing/db';

// The handler reads DATABASE_URL through lib/env and keeps one Prisma client per process; each case loads a
// fresh module graph with its own URL.
async function callHealth(databaseUrl: string): Promise<Response> {
  vi.resetModules();
  process.env.DATABASE_URL = databaseUrl;
  delete (globalThis as { __posturePrisma?: unknown }).__posturePrisma;
  const { GET } = await import('./route');
  return GET(new NextRequest('http://localhost/api/health'), { params: Promise.resolve({}) });
}

describe('GET /api/health', () => {
  let db: TestDatabase;
  const saved = process.env.DATABASE_URL;
  beforeAll(async () => {
    db = await createTestDatabase();
  });
  afterAll(async () => {
    process.env.DATABASE_URL = saved;
    await db.drop();
  });
  beforeEach(() => {
    delete (globalThis as { __posturePrisma?: unknown }).__posturePrisma;
  });

  it('answers 200 with the database state and every source\'s last sync', async () => {
    await db.pool.query(`INSERT INTO sync_runs (source, trigger, started_at, finished_at, outcome) VALUES ('inventory', 'cli', now(), now(), 'succeeded')`);
    await db.pool.query(`INSERT INTO sync_runs (source, trigger, started_at, finished_at, outcome, error) VALUES ('defender-assessment', 'cli', now(), now(), 'failed', 'HTTP 403')`);
    const res = await callHealth(db.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    const body = await res.json();
    expect(body.status).toBe('ok');
    expect(body.database.ok).toBe(true);
    const bySource = Object.fromEntries(body.sources.map((s: { source: string }) => [s.source, s]));
    expect(bySource.inventory.lastSuccessAt).toEqual(expect.any(String));
    expect(bySource['defender-assessment']).toMatchObject({ lastSuccessAt: null, lastFailureAt: expect.any(String) });
    // The error text of a failed source is for signed-in people, not for an unauthenticated probe.
    expect(JSON.stringify(body)).not.toContain('403');
  });

  it('answers 503 when the database cannot be reached, without connection details', async () => {
    const res = await callHealth('postgresql://posture:secret-password@127.0.0.1:1/posture');
    expect(res.status).toBe(503);
    const text = await res.text();
    expect(JSON.parse(text)).toMatchObject({ status: 'unavailable', database: { ok: false } });
    expect(text).not.toMatch(/secret-password|127\.0\.0\.1|ECONNREFUSED/);
  });
});
