// The demo tenant's year, as a manager would read it on the trends page: a backlog of image CVEs a year ago worked
// down steadily, a wave of critical and high CVEs about three months ago (the same wave that dents the secure score)
// fixed within weeks, and one team — storefront — lagging: it fixes fewer findings, later, and leaves more alerts
// past their SLA, while the other teams' recent base-image migration took their open criticals down. Pure functions
// of a seeded Rng, so the tenant stays deterministic and any record renders alone.
import type { CvssSeverity } from './cve-pool';
import type { Rng } from './prng';

/** Days of history the demo tells (secure score, findings, alerts). */
export const DEMO_HISTORY_DAYS = 365;
/** How many days before today the CVE wave was published (the secure score's dip starts the same day). */
export const CVE_WAVE_DAYS_AGO = 95;
/** The team that needs help: slower fixes, more SLA breaches. */
export const LAGGING_TEAM = 'storefront';

const DAY_MS = 86_400_000;

/** Mean days to fix a fixable image CVE, by severity, for a team that keeps up. */
const MEAN_FIX_DAYS: Record<CvssSeverity, number> = { Critical: 8, High: 25, Medium: 60, Low: 120 };
/** The wave got everyone's attention: fixed within weeks (the score recovered over about six weeks). */
const WAVE_MEAN_FIX_DAYS = 16;
/** Days ago the keeping-up teams began their base-image migration. */
const MIGRATION_DAYS = 42;
/** The lagging team takes this many times longer, and leaves this share of fixable findings unfixed. */
const LAGGING_SLOWDOWN = 2;
const LAGGING_START_DAYS = 30;
const LAGGING_NEVER_FIXED = 0.45;

/** An exponential wait with the given mean, in days (memoryless: the backlog open at the window's start works too). */
function waitDays(rng: Rng, mean: number): number {
  return -Math.log(1 - rng.next()) * mean;
}

export interface ImageFindingFacts {
  /** When a registry scan first reported the CVE on this digest (epoch ms). */
  firstSeenAt: number;
  severity: CvssSeverity;
  fixAvailable: boolean;
  wave: boolean;
  team: string;
  /** When a newer digest of the repository was pushed, for a digest no cluster runs any more; else null. */
  supersededAt: number | null;
}

/**
 * When an image CVE went away (the rescan saw the package gone or upgraded), or null while it is open. A finding open
 * before the window starts its clock at the window's start, so the year opens with a backlog that is then worked down.
 * Without a published fix most stay open; a few go away when the team swaps the package or base image. A digest
 * nobody runs any more drops out of scanning one to three months after its successor was pushed (the sync's sweep
 * then resolves its findings): each release retires the last one's findings, so pushes do not only add.
 */
export function imageFindingResolvedAt(rng: Rng, facts: ImageFindingFacts, window: { startMs: number; asOfMs: number }): number | null {
  const lagging = facts.team === LAGGING_TEAM;
  const fixable = (facts.fixAvailable || rng.chance(0.15)) && !(lagging && rng.chance(LAGGING_NEVER_FIXED));
  const mean = (facts.wave ? WAVE_MEAN_FIX_DAYS : MEAN_FIX_DAYS[facts.severity]) * (lagging ? LAGGING_SLOWDOWN : 1);
  const from = Math.max(facts.firstSeenAt, window.startMs);
  // The lagging team starts on a fix weeks later than the others.
  const fixedAt = fixable ? from + Math.round(((lagging ? LAGGING_START_DAYS : 0) + 0.5 + waitDays(rng, mean)) * DAY_MS) : null;
  const retiredAt = facts.supersededAt === null ? null : Math.max(facts.firstSeenAt, facts.supersededAt + rng.int(30, 90) * DAY_MS);
  // The teams that keep up moved to new base images over the last six weeks, which took away most of their
  // long-standing criticals that had no fix: their open criticals are down on a month ago.
  const migratedAt =
    !lagging && !facts.fixAvailable && facts.severity === 'Critical' && facts.firstSeenAt < window.asOfMs - 60 * DAY_MS && rng.chance(0.8)
      ? window.asOfMs - rng.int(1, MIGRATION_DAYS) * DAY_MS
      : null;
  const at = [fixedAt, retiredAt, migratedAt].reduce<number | null>((a, b) => (a === null ? b : b === null ? a : Math.min(a, b)), null);
  return at !== null && at < window.asOfMs ? at : null;
}

export type AlertStatus = 'Active' | 'InProgress' | 'Resolved' | 'Dismissed';

/** A Defender alert's status by its age: older ones are mostly closed, except on the lagging team, which leaves many open. */
export function alertStatusFor(rng: Rng, ageDays: number, team: string | null): AlertStatus {
  const lagging = team === LAGGING_TEAM;
  const pick = (entries: readonly (readonly [AlertStatus, number])[]): AlertStatus => {
    const total = entries.reduce((n, [, w]) => n + w, 0);
    let roll = rng.next() * total;
    for (const [status, weight] of entries) {
      roll -= weight;
      if (roll < 0) return status;
    }
    return entries[entries.length - 1]?.[0] ?? 'Active';
  };
  if (ageDays > 21) return lagging ? pick([['Resolved', 45], ['Dismissed', 15], ['Active', 30], ['InProgress', 10]]) : pick([['Resolved', 72], ['Dismissed', 25], ['Active', 3]]);
  return pick([['Active', 50], ['InProgress', 20], ['Resolved', 20], ['Dismissed', 10]]);
}

/** Hours from an incident's creation to its closing: hours to a few days, but weeks (past the SLA) on the lagging team. */
export function incidentCloseHours(rng: Rng, team: string): number {
  return team === LAGGING_TEAM ? rng.int(10, 75) * 24 : rng.int(1, 96);
}
