import 'server-only';
// Secure score over time from secure_score_history: the estate (sum of current over sum of max across the
// subscriptions in view), each subscription, and each control's move over the range. Days without a sync carry the
// last known score of each subscription forward, so a missed day is not a dip.
import type { PrismaClient } from '../generated/prisma/client';
import type { Viewer } from '../auth/viewer';
import { getPrisma } from '../db/prisma';
import { scoreSubscriptionsSql, type TrendCut } from './trend-scope';

export interface ScoreTrend {
  subscriptions: { id: string; name: string }[];
  /** Per day: `estate` and one percentage per subscription id. */
  points: ({ day: string; estate: number } & Record<string, number | string>)[];
  /** Each control (summed over the subscriptions in view): percentage at the start and end of the range. */
  controls: { controlId: string; name: string; startPercent: number | null; endPercent: number; unhealthy: number }[];
}

const DAY_MS = 86_400_000;
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const pct = (current: number, max: number) => (max > 0 ? Math.round((current / max) * 1000) / 10 : 0);

export async function getScoreTrend(
  viewer: Viewer,
  input: TrendCut & { days: number; subscriptionId?: string | null; now?: Date },
  db: PrismaClient = getPrisma(),
): Promise<ScoreTrend> {
  const now = input.now ?? new Date();
  const to = isoDay(now);
  const from = isoDay(new Date(now.getTime() - (input.days - 1) * DAY_MS));
  const subs = scoreSubscriptionsSql(viewer, input);
  const [overall, controls] = await Promise.all([
    db.$queryRaw<{ day: Date; subscription_id: string; name: string | null; current: number; max: number }[]>`
      SELECT h.day, h.subscription_id, s.display_name AS name, h.current, h.max
        FROM secure_score_history h LEFT JOIN subscriptions s ON s.id = h.subscription_id
       WHERE h.control_id = '' AND h.day BETWEEN ${from}::date AND ${to}::date AND ${subs}
       ORDER BY h.day`,
    db.$queryRaw<{ control_id: string; name: string; day: Date; current: number; max: number; unhealthy: number }[]>`
      SELECT h.control_id, max(h.display_name) AS name, h.day,
             sum(h.current)::float8 AS current, sum(h.max)::float8 AS max, coalesce(sum(h.unhealthy), 0)::int AS unhealthy
        FROM secure_score_history h
       WHERE h.control_id <> '' AND ${subs}
         AND h.day IN (${from}::date, (SELECT max(x.day) FROM secure_score_history x WHERE x.control_id = '' AND x.day <= ${to}::date))
       GROUP BY h.control_id, h.day ORDER BY h.day`,
  ]);
  const names = new Map<string, string>();
  const latest = new Map<string, { current: number; max: number }>();
  const points: ScoreTrend['points'] = [];
  let i = 0;
  const days = overall.length ? Math.round((Date.parse(to) - overall[0]!.day.getTime()) / DAY_MS) + 1 : 0;
  for (let d = 0; d < days; d += 1) {
    const day = isoDay(new Date(overall[0]!.day.getTime() + d * DAY_MS));
    while (i < overall.length && isoDay(overall[i]!.day) === day) {
      const r = overall[i]!;
      names.set(r.subscription_id, r.name ?? r.subscription_id);
      latest.set(r.subscription_id, { current: r.current, max: r.max });
      i += 1;
    }
    const point: ScoreTrend['points'][number] = { day, estate: 0 };
    let current = 0;
    let max = 0;
    for (const [id, s] of latest) {
      point[id] = pct(s.current, s.max);
      current += s.current;
      max += s.max;
    }
    point.estate = pct(current, max);
    points.push(point);
  }
  const byControl = new Map<string, ScoreTrend['controls'][number]>();
  for (const r of controls) {
    const c = byControl.get(r.control_id) ?? { controlId: r.control_id, name: r.name, startPercent: null, endPercent: 0, unhealthy: 0 };
    // Rows come oldest first: the range's first day gives the start, the latest scored day (read last) the end.
    if (isoDay(r.day) === from) c.startPercent = pct(r.current, r.max);
    Object.assign(c, { endPercent: pct(r.current, r.max), unhealthy: r.unhealthy });
    byControl.set(r.control_id, c);
  }
  return {
    subscriptions: [...names].map(([id, name]) => ({ id, name })),
    points,
    controls: [...byControl.values()].sort((a, b) => b.unhealthy - a.unhealthy || a.name.localeCompare(b.name)),
  };
}
