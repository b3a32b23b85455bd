// remediation_monthly: remediation_snapshots summed per calendar month over days and sources, so the trends page reads
// a year of time to remediate from ~11 months of rows instead of ~365 days of them (migration 20261202091000). Kept by
// the snapshot writer: after it rewrites a source's days, the months those days fall in are summed again from the
// daily rows — the daily rows stay the record, a month row is only ever their sum (so mean and median stay exact).
// A month is re-summed whole (every scope and source): at a million findings that is ~12 k daily rows for the current
// month, once per source run; only month rows whose sum changed are written, so an unchanged re-sync writes none.
import type pg from 'pg';
import { writeDays, type SnapshotTable } from './snapshot-write';

type Client = pg.PoolClient | pg.Client;

const MONTHLY: SnapshotTable = { table: 'remediation_monthly', keys: ['month', 'scope', 'severity', 'ttr_days'], values: ['fixed'] };

/** Re-sums the months holding [from, to] (YYYY-MM-DD) from the daily rows, writing only the month rows that changed. */
export async function rollUpRemediation(client: Client, from: string, to: string): Promise<void> {
  await writeDays(
    client,
    MONTHLY,
    `cur.month BETWEEN date_trunc('month', $1::date)::date AND date_trunc('month', $2::date)::date`,
    `SELECT date_trunc('month', day)::date AS month, scope, severity, ttr_days, sum(fixed)::int AS fixed
       FROM remediation_snapshots
      WHERE day >= date_trunc('month', $1::date) AND day < date_trunc('month', $2::date) + interval '1 month'
      GROUP BY 1, 2, 3, 4`,
    [from, to],
  );
}

/**
 * After a source's days [from, to] were written where it had no daily rows before (its back-fill, `noRowsYet`): every
 * month changes by exactly the sum of the new rows, so they are added to the month rows instead of re-summing the
 * months of every source (the whole window on a back-fill). Keeps "a month row is the sum of its days" as it was.
 */
export async function addSourceToRemediationRollup(client: Client, source: string, from: string, to: string): Promise<void> {
  await client.query(
    `INSERT INTO remediation_monthly (month, scope, severity, ttr_days, fixed)
     SELECT date_trunc('month', day)::date, scope, severity, ttr_days, sum(fixed)::int
       FROM remediation_snapshots
      WHERE source = $1 AND day BETWEEN $2::date AND $3::date
      GROUP BY 1, 2, 3, 4
     ON CONFLICT (scope, month, severity, ttr_days) DO UPDATE SET fixed = remediation_monthly.fixed + EXCLUDED.fixed`,
    [source, from, to],
  );
}

/** Forgets every month (a rebuild rewrites the daily rows, and with them the months). */
export async function clearRemediationRollup(client: Client): Promise<void> {
  await client.query('DELETE FROM remediation_monthly');
}
