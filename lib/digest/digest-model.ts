// The weekly digest as data: "what changed" for one week and one audience (the estate or a team), cut into
// sections of lines that each link to the record behind them. The three renderers (plain text, e-mail HTML, Teams
// card) format this one model, so they cannot disagree about what changed.
import type { WhatChanged } from '../data/what-changed';

/** The "what changed" view the digest links to (trends page); week and team travel in the URL. */
export const WHAT_CHANGED_PATH = '/trends/changes';

export type DigestAudience = { kind: 'estate' } | { kind: 'team'; team: string };

export interface DigestLine {
  /** CRITICAL / HIGH, or null for score lines. */
  tag: string | null;
  text: string;
  detail: string | null;
  url: string;
}

export interface DigestSection {
  title: string;
  total: number;
  lines: DigestLine[];
  /** Set when the section has more lines than it shows. */
  moreUrl: string | null;
  empty: string;
}

export interface Digest {
  title: string;
  subtitle: string;
  week: { start: string; end: string };
  sections: DigestSection[];
  url: string;
}

/** Lines shown per section; the rest are one link away. */
export const DIGEST_LINES_PER_SECTION = 10;

export const audienceKey = (a: DigestAudience) => (a.kind === 'estate' ? 'estate' : `team:${a.team}`);
export const audienceLabel = (a: DigestAudience) => (a.kind === 'estate' ? 'the whole estate' : `team ${a.team}`);

const where = (clusterName: string | null, team: string | null) => [clusterName, team && `team ${team}`].filter(Boolean).join(' · ') || null;
const signed = (n: number) => `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n).toFixed(1)}`;
const pct = (n: number | null) => (n === null ? 'no score' : `${n.toFixed(1)}%`);

export function buildDigest(wc: WhatChanged, audience: DigestAudience, baseUrl: string): Digest {
  const base = baseUrl.replace(/\/+$/, '');
  const link = (path: string) => `${base}${path}`;
  const query = new URLSearchParams({ week: wc.week.start, ...(audience.kind === 'team' ? { team: audience.team } : {}) });
  const url = link(`${WHAT_CHANGED_PATH}?${query.toString()}`);
  const section = (title: string, total: number, lines: DigestLine[], empty: string): DigestSection => ({
    title,
    total,
    lines: lines.slice(0, DIGEST_LINES_PER_SECTION),
    moreUrl: total > Math.min(lines.length, DIGEST_LINES_PER_SECTION) ? url : null,
    empty,
  });
  return {
    title: `Security posture — week of ${wc.week.start}`,
    subtitle: `What changed from ${wc.week.start} to ${wc.week.end} (UTC) for ${audienceLabel(audience)}`,
    week: wc.week,
    url,
    sections: [
      section(
        'New critical and high findings',
        wc.totals.newFindings,
        wc.newFindings.map((f) => ({ tag: f.severity.toUpperCase(), text: f.title, detail: where(f.clusterName, f.team), url: link(f.path) })),
        'No new critical or high findings.',
      ),
      section(
        'Fixed',
        wc.totals.fixedFindings,
        wc.fixedFindings.map((f) => ({ tag: f.severity.toUpperCase(), text: f.title, detail: where(f.clusterName, f.team), url: link(f.path) })),
        'Nothing critical or high was fixed.',
      ),
      section(
        'Newly breaching SLA',
        wc.totals.newBreaches,
        wc.newBreaches.map((b) => ({
          tag: b.severity.toUpperCase(),
          text: b.title,
          detail: [where(b.clusterName, b.team), `due ${b.dueAt.slice(0, 10)}`, b.ownerName ? `owner ${b.ownerName}` : 'unassigned'].filter(Boolean).join(' · '),
          url: link(b.path),
        })),
        'No SLA fell due without action.',
      ),
      section(
        'Secure score',
        wc.scoreChanges.length,
        wc.scoreChanges.map((s) => ({
          tag: null,
          text: s.subscriptionName ?? s.subscriptionId,
          detail: `${pct(s.startPercent)} → ${pct(s.endPercent)}${s.delta === null ? '' : ` (${signed(s.delta)} points)`}`,
          url: link(s.path),
        })),
        'No secure score recorded yet.',
      ),
    ],
  };
}
