import { describe, expect, it } from 'vitest';
import { SEVERITIES, type Severity } from '@/lib/domain/model';
import {
  SEVERITY_BADGE_CLASSES,
  SEVERITY_CHART_COLORS,
  compareSeverity,
  highestSeverity,
  severityEntries,
  severityRank,
  sortBySeverity,
  totalSeverityCount,
} from './severity';

describe('severity ordering', () => {
  it('ranks critical first and informational last', () => {
    expect(severityRank('critical')).toBe(0);
    expect(severityRank('informational')).toBe(4);
    expect(compareSeverity('high', 'low')).toBeLessThan(0);
    expect(compareSeverity('low', 'high')).toBeGreaterThan(0);
    expect(compareSeverity('medium', 'medium')).toBe(0);
  });

  it('sorts a copy, most severe first, keeping ties in input order', () => {
    const input: Array<{ id: string; severity: Severity }> = [
      { id: 'a', severity: 'low' },
      { id: 'b', severity: 'critical' },
      { id: 'c', severity: 'low' },
      { id: 'd', severity: 'informational' },
      { id: 'e', severity: 'high' },
    ];
    const sorted = sortBySeverity(input, (item) => item.severity);
    expect(sorted.map((item) => item.id)).toEqual(['b', 'e', 'a', 'c', 'd']);
    expect(input[0]?.id).toBe('a');
  });
});

describe('severity counts', () => {
  it('finds the most severe non-zero level', () => {
    expect(highestSeverity({ low: 3, medium: 1 })).toBe('medium');
    expect(highestSeverity({ critical: 0, informational: 2 })).toBe('informational');
    expect(highestSeverity({})).toBeNull();
  });

  it('totals partial maps', () => {
    expect(totalSeverityCount({ critical: 2, low: 5 })).toBe(7);
    expect(totalSeverityCount({})).toBe(0);
  });

  it('always yields all five levels in order, zero-filled', () => {
    expect(severityEntries({ high: 4 })).toEqual([
      { severity: 'critical', count: 0 },
      { severity: 'high', count: 4 },
      { severity: 'medium', count: 0 },
      { severity: 'low', count: 0 },
      { severity: 'informational', count: 0 },
    ]);
  });
});

describe('severity styling', () => {
  it('uses a token of the same name for every level, so a renamed token cannot silently drop a colour', () => {
    for (const severity of SEVERITIES) {
      expect(SEVERITY_BADGE_CLASSES[severity]).toContain(`text-${severity}`);
      expect(SEVERITY_CHART_COLORS[severity]).toBe(`var(--color-${severity})`);
    }
  });
});
