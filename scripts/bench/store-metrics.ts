// Store measurements for the sync benchmark (issue 13): rows written (from pg_stat_user_tables), table, TOAST and
// index sizes, and the rate of a raw COPY of the findings table for comparison with the store's own rate.
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';

export interface WriteCounters {
  byTable: Map<string, { written: number; hot: number; live: number }>;
  written: number;
  live: number;
}

/**
 * Rows inserted + updated + deleted so far, per table. Statistics reach the shared view when a backend ends or
 * idles, so the caller ends the pool that did the writing before reading them (backend exit flushes them).
 */
export async function readWriteCounters(url: string): Promise<WriteCounters> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = (
      await client.query<{ relname: string; written: string; hot: string; live: string }>(
        `SELECT relname, (n_tup_ins + n_tup_upd + n_tup_del)::text AS written, n_tup_hot_upd::text AS hot, n_live_tup::text AS live
           FROM pg_stat_user_tables WHERE schemaname = 'public'`,
      )
    ).rows;
    const byTable = new Map(rows.map((r) => [r.relname, { written: Number(r.written), hot: Number(r.hot), live: Number(r.live) }]));
    const sum = (k: 'written' | 'live') => [...byTable.values()].reduce((n, t) => n + t[k], 0);
    return { byTable, written: sum('written'), live: sum('live') };
  } finally {
    await client.end();
  }
}

export function diffCounters(before: WriteCounters, after: WriteCounters): { table: string; written: number; hot: number }[] {
  return [...after.byTable]
    .map(([table, a]) => ({ table, written: a.written - (before.byTable.get(table)?.written ?? 0), hot: a.hot - (before.byTable.get(table)?.hot ?? 0) }))
    .filter((d) => d.written > 0)
    .sort((x, y) => y.written - x.written);
}

export interface TableSize {
  table: string;
  total: number;
  heap: number;
  toast: number;
  indexes: number;
}

export async function readTableSizes(pool: pg.Pool): Promise<TableSize[]> {
  const r = await pool.query<{ table: string; total: string; heap: string; toast: string; indexes: string }>(
    `SELECT c.relname AS table, pg_total_relation_size(c.oid)::text AS total, pg_relation_size(c.oid)::text AS heap,
            COALESCE(pg_total_relation_size(NULLIF(c.reltoastrelid, 0)), 0)::text AS toast, pg_indexes_size(c.oid)::text AS indexes
       FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r'
      ORDER BY pg_total_relation_size(c.oid) DESC`,
  );
  return r.rows.map((x) => ({ table: x.table, total: Number(x.total), heap: Number(x.heap), toast: Number(x.toast), indexes: Number(x.indexes) }));
}

/**
 * Rows per second of a raw COPY of the findings table, through Node, into an empty table of the same shape
 * (columns, defaults and indexes): the ceiling a store writing the same rows could approach.
 */
export async function measureRawCopy(pool: pg.Pool): Promise<{ rows: number; seconds: number; rate: number }> {
  const reader = await pool.connect();
  const writer = await pool.connect();
  try {
    await writer.query('DROP TABLE IF EXISTS bench_findings_copy');
    await writer.query('CREATE TABLE bench_findings_copy (LIKE findings INCLUDING ALL)');
    const rows = Number((await reader.query<{ n: string }>('SELECT count(*)::text AS n FROM findings')).rows[0]!.n);
    const started = performance.now();
    await pipeline(reader.query(copyTo('COPY findings TO STDOUT')), writer.query(copyFrom('COPY bench_findings_copy FROM STDIN')));
    const seconds = (performance.now() - started) / 1000;
    return { rows, seconds, rate: rows / seconds };
  } finally {
    await writer.query('DROP TABLE IF EXISTS bench_findings_copy').catch(() => undefined);
    reader.release();
    writer.release();
  }
}
