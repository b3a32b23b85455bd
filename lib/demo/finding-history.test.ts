// The demo's year tells the manager's story (issue 12), read the way the dashboard reads it: the generated records go
// through the real connector transforms, and open / new / fixed / time to remediate / SLA breaches are counted with
// the snapshot rules (open from first seen until resolved; a record that arrived resolved was never open; a triage
// item breaches from its due day until it closes). Measured on the default demo seed, so `npm start` shows it.
import { describe, expect, it } from 'vitest';
import { toAlertRows } from '../connectors/defender-alert/transform';
import { toAssessmentFinding } from '../connectors/defender-assessment/transform';
import { toVulnerabilityRecord } from '../connectors/defender-vulnerability/transform';
import { toIncidentRows } from '../connectors/sentinel-incident/transform';
import type { FindingRow } from '../domain/rows';
import { DEFAULT_SLA_DAYS } from '../triage/sla';
import { CVE_WAVE_DAYS_AGO, imageFindingResolvedAt, LAGGING_TEAM } from './finding-history';
import { generateTenant, TEAMS, type DemoRecordKind } from './generate-tenant';
import { createRng } from './prng';

const DAY = 86_400_000;
const tenant = generateTenant({ seed: 20261126, clusters: 8, now: new Date('2026-12-02T09:00:00Z') });
const asOf = tenant.asOf.getTime();
const teamOf = new Map(tenant.clusters.map((c) => [c.id.toLowerCase(), c.team as string]));
const records = (kind: DemoRecordKind) => tenant.subscriptions.flatMap((s) => tenant.page(kind, s.subscriptionId, 0, tenant.count(kind, s.subscriptionId)));

interface Seen {
  kind: FindingRow['kind'];
  severity: string;
  first: number;
  resolved: number | null;
  team: string | null;
}
const seen = (f: FindingRow): Seen => ({
  kind: f.kind,
  severity: f.severity ?? 'informational',
  first: f.firstSeenAt?.getTime() ?? asOf,
  resolved: f.resolvedAt?.getTime() ?? null,
  team: f.clusterArmId ? (teamOf.get(f.clusterArmId.toLowerCase()) ?? null) : null,
});
const findings: Seen[] = [
  ...records('assessments').map((r) => seen(toAssessmentFinding(r))),
  ...records('subAssessments').map((r) => seen(toVulnerabilityRecord(r).finding)),
  ...records('alerts').flatMap((r) => {
    const f = toAlertRows(r).finding;
    return f.status === 'dismissed' ? [] : [seen(f)];
  }),
  ...records('incidents').map((r) => seen(toIncidentRows(r, tenant.incidentAlerts(String(r.name))).finding)),
].filter((f) => f.resolved === null || f.resolved > f.first);

const endOf = (daysAgo: number) => asOf - daysAgo * DAY + DAY;
const openAt = (daysAgo: number, keep: (f: Seen) => boolean) =>
  findings.filter((f) => keep(f) && f.first < endOf(daysAgo) && (f.resolved === null || f.resolved >= endOf(daysAgo))).length;
/** New and fixed vulnerability findings in the 7 days ending `daysAgo`. */
const week = (daysAgo: number) => {
  const [from, to] = [endOf(daysAgo + 7), endOf(daysAgo)];
  const vulns = findings.filter((f) => f.kind === 'vulnerability');
  return { opened: vulns.filter((f) => f.first >= from && f.first < to).length, fixed: vulns.filter((f) => f.resolved !== null && f.resolved >= from && f.resolved < to).length };
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const ttrDays = (team: string) => findings.filter((f) => f.team === team && f.resolved !== null && f.resolved >= endOf(365)).map((f) => Math.floor(((f.resolved ?? 0) - f.first) / DAY));
const breachesAt = (daysAgo: number, team: string) =>
  findings.filter(
    (f) => (f.kind === 'alert' || f.kind === 'incident') && f.team === team && f.first + DEFAULT_SLA_DAYS[f.severity as keyof typeof DEFAULT_SLA_DAYS] * DAY < endOf(daysAgo) && (f.resolved === null || f.resolved >= endOf(daysAgo)),
  ).length;
const others = TEAMS.filter((t) => t !== LAGGING_TEAM);

describe('the demo year', () => {
  it('opens with a backlog and fixes something every month of the year', () => {
    expect(openAt(364, () => true)).toBeGreaterThan(300);
    for (let m = 0; m < 12; m += 1) {
      const fixed = Array.from({ length: 4 }, (_, w) => week(m * 30 + w * 7).fixed).reduce((a, b) => a + b, 0);
      expect(fixed, `fixed in month -${m}`).toBeGreaterThan(20);
    }
  });

  it('has a wave of new CVEs about three months ago — the busiest week of the year — mostly fixed since', () => {
    const weeks = Array.from({ length: 52 }, (_, w) => ({ endsDaysAgo: w * 7, ...week(w * 7) }));
    const busiest = weeks.reduce((a, b) => (b.opened > a.opened ? b : a));
    expect(busiest.endsDaysAgo).toBeGreaterThanOrEqual(CVE_WAVE_DAYS_AGO - 7);
    expect(busiest.endsDaysAgo).toBeLessThanOrEqual(CVE_WAVE_DAYS_AGO);
    expect(busiest.opened).toBeGreaterThan(3 * median(weeks.map((w) => w.opened)));
    const critical = (f: Seen) => f.severity === 'critical';
    const beforeWave = openAt(CVE_WAVE_DAYS_AGO + 7, critical);
    const peak = Math.max(...Array.from({ length: 30 }, (_, d) => openAt(CVE_WAVE_DAYS_AGO - d, critical)));
    expect(peak).toBeGreaterThan(2 * beforeWave);
    expect(openAt(0, critical)).toBeLessThan(peak * 0.8);
  });

  it(`shows ${LAGGING_TEAM} lagging: slower fixes, more SLA breaches, open criticals up on 30 days ago while the others' are down`, () => {
    for (const team of others) {
      expect(median(ttrDays(LAGGING_TEAM)), team).toBeGreaterThan(median(ttrDays(team)));
      expect(breachesAt(0, LAGGING_TEAM), team).toBeGreaterThan(breachesAt(0, team));
    }
    expect(breachesAt(0, LAGGING_TEAM)).toBeGreaterThan(breachesAt(180, LAGGING_TEAM));
    const critical = (team: string) => (f: Seen) => f.severity === 'critical' && f.team === team;
    expect(openAt(0, critical(LAGGING_TEAM))).toBeGreaterThan(openAt(30, critical(LAGGING_TEAM)));
    // …while the others improve: their base-image migration took their open criticals down on a month ago.
    for (const team of others) expect(openAt(0, critical(team)), team).toBeLessThan(openAt(30, critical(team)));
  });
});

describe('imageFindingResolvedAt', () => {
  const window = { startMs: asOf - 365 * DAY, asOfMs: asOf };
  const facts = { firstSeenAt: asOf - 200 * DAY, severity: 'High' as const, fixAvailable: true, wave: false, team: 'payments', supersededAt: null };

  it('fixes a keeping-up team\'s findings sooner than the lagging team\'s, never before first seen or after today', () => {
    const days = (team: string) =>
      Array.from({ length: 400 }, (_, i) => imageFindingResolvedAt(createRng(i), { ...facts, team }, window))
        .filter((at): at is number => at !== null)
        .map((at) => {
          expect(at).toBeGreaterThan(facts.firstSeenAt);
          expect(at).toBeLessThan(asOf);
          return (at - facts.firstSeenAt) / DAY;
        });
    const fast = days('payments');
    const slow = days(LAGGING_TEAM);
    expect(fast.length).toBeGreaterThan(slow.length);
    expect(median(slow)).toBeGreaterThan(median(fast) + 20);
  });

  it('starts a backlog finding\'s clock at the window, and retires a digest nobody runs after its successor', () => {
    const backlog = imageFindingResolvedAt(createRng(1), { ...facts, firstSeenAt: asOf - 500 * DAY }, window);
    expect(backlog === null || backlog >= window.startMs).toBe(true);
    const unfixable = { ...facts, fixAvailable: false, supersededAt: asOf - 150 * DAY };
    // Gone within 90 days of the successor's push (sooner when the package was swapped first), never left open.
    const daysAfter = Array.from({ length: 50 }, (_, i) => imageFindingResolvedAt(createRng(i), unfixable, window)).map((at) => (at === null ? Infinity : (at - (asOf - 150 * DAY)) / DAY));
    expect(Math.max(...daysAfter)).toBeLessThanOrEqual(91);
    expect(daysAfter.filter((d) => d >= 30).length).toBeGreaterThan(35);
  });
});
