// remediation_monthly: remediation_snapshots summed per calendar month, so the trends page reads a year of time to
// remediate from ~12 months of rows instead of ~365 days of them (migration 20261202091000). Kept by the snapshot
// writer: after it rewrites a source's days, the months those days fall in are summed again from the daily rows of
// that source — the daily rows stay the record, a month row is only ever their sum (so mean and median stay exact).
import type pg from 'pg';

type Client = pg.PoolClient | pg.Client;

/** Re-sums the months holding [from, to] (YYYY-MM-DD) for one source from its daily rows. */
export async function rollUpRemediation(client: Client, source: string, from: string, to: string): Promise<void> {
  await client.query(
    `DELETE FROM remediation_monthly
      WHERE source = $1 AND month BETWEEN date_trunc('month', $2::date)::date AND date_trunc('month', $3::date)::date`,
    [source, from, to],
  );
  await client.query(
    `INSERT INTO remediation_monthly (month, scope, source, severity, ttr_days, fixed)
     SELECT date_trunc('month', day)::date, scope, source, severity, ttr_days, sum(fixed)::int
       FROM remediation_snapshots
      WHERE source = $1 AND day >= date_trunc('month', $2::date) AND day < date_trunc('month', $3::date) + interval '1 month'
      GROUP BY 1, 2, 3, 4, 5`,
    [source, from, to],
  );
}

/** Forgets every month (a rebuild rewrites the daily rows, and with them the months). */
export async function clearRemediationRollup(client: Client): Promise<void> {
  await client.query('DELETE FROM remediation_monthly');
}
