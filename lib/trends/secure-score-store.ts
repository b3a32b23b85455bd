// Writes secure score rows into secure_score_history: one day per subscription and control. Today's rows are replaced
// by each read (set-based, one statement); a past day is never rewritten — a row for another day is refused, and a
// back-fill (an import of saved responses, or a generated demo history) only adds days that are missing.
import type pg from 'pg';
import type { SecureScoreRow } from '../connectors/secure-score/transform';

type Client = pg.Pool | pg.PoolClient | pg.Client;

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

function columns(rows: readonly SecureScoreRow[]) {
  return [
    rows.map((r) => r.day), rows.map((r) => r.subscriptionId), rows.map((r) => r.controlId), rows.map((r) => r.displayName),
    rows.map((r) => r.current), rows.map((r) => r.max), rows.map((r) => r.percentage), rows.map((r) => r.weight),
    rows.map((r) => r.healthy), rows.map((r) => r.unhealthy), rows.map((r) => r.notApplicable),
  ];
}

const INSERT = `INSERT INTO secure_score_history (day, subscription_id, control_id, display_name, current, max, percentage, weight, healthy, unhealthy, not_applicable)
  SELECT * FROM unnest($1::date[], $2::text[], $3::text[], $4::text[], $5::float8[], $6::float8[], $7::float8[], $8::bigint[], $9::int[], $10::int[], $11::int[])`;

/** Today's score of the subscriptions in `rows` (all dated today, UTC), replacing what today's earlier read wrote. */
export async function writeSecureScoreToday(client: Client, rows: readonly SecureScoreRow[], now: Date): Promise<number> {
  const today = isoDay(now);
  const other = rows.find((r) => r.day !== today);
  if (other) throw new Error(`A secure score for ${other.day} is not today's (${today}): past days are never rewritten.`);
  const subs = [...new Set(rows.map((r) => r.subscriptionId))];
  await client.query('DELETE FROM secure_score_history WHERE day = $1::date AND subscription_id = ANY($2::text[])', [today, subs]);
  const r = await client.query(INSERT, columns(rows));
  return r.rowCount ?? 0;
}

/** Days not recorded yet (an import, a demo history): rows for a day already held are left as they are. */
export async function addMissingSecureScoreDays(client: Client, rows: readonly SecureScoreRow[]): Promise<number> {
  const r = await client.query(`${INSERT} ON CONFLICT (day, subscription_id, control_id) DO NOTHING`, columns(rows));
  return r.rowCount ?? 0;
}
