// Writing a snapshot family's rows for some days as a difference (lib/sync/snapshots.ts and the remediation rollup):
// an unchanged re-sync leaves every row as it was.
import type pg from 'pg';

type Client = pg.PoolClient | pg.Client;

export interface SnapshotTable {
  table: string;
  keys: readonly string[];
  values: readonly string[];
}

export interface WriteDaysOptions {
  /**
   * The caller has checked that no row matches `stale` (a family's first write for a source, the back-fill): the rows
   * are plainly inserted, without the conflict check per row or the anti-join over the table's other rows.
   */
  noRowsYet?: boolean;
}

/**
 * Makes a family's rows for the days being written (`stale`, a condition on them) equal to `fresh` (a query of whole
 * rows, its columns named like the table's) while writing only the difference: rows new to `fresh` inserted, rows
 * whose numbers changed updated, rows `fresh` no longer has deleted. A delete-and-insert would rewrite every row of
 * today on each run (new row versions, index entries and WAL) even when nothing changed; an unchanged row is left as
 * it was. One statement: the DELETE reads the table as it was before the INSERT, so it cannot remove what was written.
 */
export async function writeDays(client: Client, t: SnapshotTable, stale: string, fresh: string, params: unknown[], options: WriteDaysOptions = {}): Promise<void> {
  const columns = [...t.keys, ...t.values].join(', ');
  if (options.noRowsYet) {
    // Unsorted: ordering by any one index's key did not make the three indexes' inserts measurably cheaper, and the
    // sort itself spilled to disk.
    await client.query(`INSERT INTO ${t.table} (${columns}) SELECT ${columns} FROM (${fresh}) fresh`, params);
    return;
  }
  await client.query(
    `WITH fresh AS (${fresh}),
     written AS (
       INSERT INTO ${t.table} (${columns}) SELECT ${columns} FROM fresh
       ON CONFLICT (${t.keys.join(', ')}) DO UPDATE SET ${t.values.map((v) => `${v} = EXCLUDED.${v}`).join(', ')}
       WHERE (${t.values.map((v) => `${t.table}.${v}`).join(', ')}) IS DISTINCT FROM (${t.values.map((v) => `EXCLUDED.${v}`).join(', ')})
     )
     DELETE FROM ${t.table} cur
      WHERE ${stale}
        AND NOT EXISTS (SELECT 1 FROM fresh WHERE ${t.keys.map((k) => `fresh.${k} = cur.${k}`).join(' AND ')})`,
    params,
  );
}

/** Whether any row of the family matches `stale` (its parameters, and only those, in `params`). */
export async function hasRows(client: Client, t: SnapshotTable, stale: string, params: unknown[]): Promise<boolean> {
  const r = await client.query<{ any: boolean }>(`SELECT EXISTS (SELECT 1 FROM ${t.table} cur WHERE ${stale}) AS any`, params);
  return r.rows[0]?.any === true;
}
