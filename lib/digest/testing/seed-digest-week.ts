// Test support: a small estate with one week's worth of change (2026-11-23 … 2026-11-29) for the digest tests —
// two teams, a new critical, a fixed high, an SLA that fell due unassigned, and a secure score that rose.
import type pg from 'pg';

export const DIGEST_WEEK = '2026-11-23';

export async function seedDigestWeek(pool: pg.Pool): Promise<Record<string, string>> {
  const ids: Record<string, string> = {};
  await pool.query(`INSERT INTO subscriptions (id, display_name) VALUES ('sub-pay', 'Payments prod'), ('sub-shop', 'Shop prod')`);
  await pool.query(`INSERT INTO clusters (id, arm_id, subscription_id, resource_group, name, team, raw, last_seen_at)
    VALUES ('c-pay', '/c/pay', 'sub-pay', 'rg', 'aks-pay-01', 'payments', '{}', now()), ('c-shop', '/c/shop', 'sub-shop', 'rg', 'aks-shop-01', 'storefront', '{}', now())`);
  const rows: [string, string, string, string, string, string | null][] = [
    ['CVE-2026-0001 in openssl <3.0.9>', 'c-pay', 'sub-pay', 'critical', '2026-11-24T09:00:00Z', null],
    ['Privileged container in checkout', 'c-shop', 'sub-shop', 'high', '2026-10-02T00:00:00Z', '2026-11-27T15:00:00Z'],
    ['Old medium finding', 'c-shop', 'sub-shop', 'medium', '2026-11-25T00:00:00Z', null],
  ];
  for (const [title, cluster, sub, severity, firstSeen, resolved] of rows) {
    const r = await pool.query<{ id: string }>(
      `INSERT INTO findings (source, source_key, kind, rule_id, title, severity, status, resource_id, subscription_id, cluster_id, stage, control_id,
                             first_seen_at, last_seen_at, resolved_at, last_run_id, raw)
       VALUES ('defender-assessment', $1, 'recommendation', $1, $1, $2::"Severity", $3::"FindingStatus", '/r', $4, $5, 'operate', 'c', $6, $6, $7, 1, '{}')
       RETURNING id::text`,
      [title, severity, resolved ? 'resolved' : 'open', sub, cluster, firstSeen, resolved],
    );
    ids[title] = r.rows[0]!.id;
  }
  await pool.query(
    `INSERT INTO triage_items (finding_id, source, kind, severity, severity_rank, title, cluster_id, subscription_id, team, detected_at, due_at, status, source_open)
     VALUES ($1, 'defender-assessment', 'recommendation', 'critical', 0, 'CVE-2026-0001 in openssl <3.0.9>', 'c-pay', 'sub-pay', 'payments', '2026-11-19T00:00:00Z', '2026-11-26T00:00:00Z', 'new', true)`,
    [ids['CVE-2026-0001 in openssl <3.0.9>']],
  );
  await pool.query(`INSERT INTO secure_score_history (day, subscription_id, control_id, display_name, current, max, percentage)
    VALUES ('2026-11-21', 'sub-pay', '', 'ASC score', 31, 50, 0.62), ('2026-11-28', 'sub-pay', '', 'ASC score', 33.5, 50, 0.67)`);
  return ids;
}
