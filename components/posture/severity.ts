// Severity presentation shared by badges, counts and charts. Class names are written out in full (never built from
// the severity string) so Tailwind's scanner sees them and generates the utilities.
import { SEVERITIES, type Severity } from '@/lib/domain/model';

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
  informational: 'Informational',
};

/** For dense rows where "Informational" would not fit. */
export const SEVERITY_SHORT_LABELS: Record<Severity, string> = {
  critical: 'Crit',
  high: 'High',
  medium: 'Med',
  low: 'Low',
  informational: 'Info',
};

/** Badge look: the colour as text on a faint tint of itself (contrast checked in globals.css). */
export const SEVERITY_BADGE_CLASSES: Record<Severity, string> = {
  critical: 'border-critical/30 bg-critical/10 text-critical',
  high: 'border-high/30 bg-high/10 text-high',
  medium: 'border-medium/30 bg-medium/10 text-medium',
  low: 'border-low/30 bg-low/10 text-low',
  informational: 'border-informational/30 bg-informational/10 text-informational',
};

export const SEVERITY_DOT_CLASSES: Record<Severity, string> = {
  critical: 'bg-critical',
  high: 'bg-high',
  medium: 'bg-medium',
  low: 'bg-low',
  informational: 'bg-informational',
};

/** Outline of the marker for an empty count: the hue stays recognisable without the weight of a filled square. */
export const SEVERITY_BORDER_CLASSES: Record<Severity, string> = {
  critical: 'border-critical',
  high: 'border-high',
  medium: 'border-medium',
  low: 'border-low',
  informational: 'border-informational',
};

/** SVG fills for Recharts; CSS variables so the charts follow light and dark mode without re-rendering. */
export const SEVERITY_CHART_COLORS: Record<Severity, string> = {
  critical: 'var(--color-critical)',
  high: 'var(--color-high)',
  medium: 'var(--color-medium)',
  low: 'var(--color-low)',
  informational: 'var(--color-informational)',
};

export type SeverityCountMap = Partial<Record<Severity, number>>;

/** 0 for critical, rising as severity falls; the order of SEVERITIES is the one source of truth. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Comparator putting the most severe first. */
export function compareSeverity(a: Severity, b: Severity): number {
  return severityRank(a) - severityRank(b);
}

/** A sorted copy, most severe first; ties keep their input order. */
export function sortBySeverity<T>(items: readonly T[], severityOf: (item: T) => Severity): T[] {
  return [...items].sort((a, b) => compareSeverity(severityOf(a), severityOf(b)));
}

/** The most severe level with at least one finding, or null when every count is zero. */
export function highestSeverity(counts: SeverityCountMap): Severity | null {
  return SEVERITIES.find((severity) => (counts[severity] ?? 0) > 0) ?? null;
}

export function totalSeverityCount(counts: SeverityCountMap): number {
  return SEVERITIES.reduce((sum, severity) => sum + (counts[severity] ?? 0), 0);
}

/** Fills the missing levels with 0, in severity order, so rows and legends always show all five. */
export function severityEntries(counts: SeverityCountMap): Array<{ severity: Severity; count: number }> {
  return SEVERITIES.map((severity) => ({ severity, count: counts[severity] ?? 0 }));
}
