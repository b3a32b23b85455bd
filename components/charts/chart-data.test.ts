import { describe, expect, it } from 'vitest';
import {
  describeSeverityCounts,
  summariseSeverityCounts,
  summariseStages,
  summariseTrend,
  toStageRows,
  toTrendRows,
} from './chart-data';

describe('toTrendRows', () => {
  it('sorts by day and zero-fills missing severities with a total', () => {
    const rows = toTrendRows([
      { day: '2025-11-02', high: 2 },
      { day: '2025-11-01', critical: 1, low: 3 },
    ]);
    expect(rows).toEqual([
      { day: '2025-11-01', critical: 1, high: 0, medium: 0, low: 3, informational: 0, total: 4 },
      { day: '2025-11-02', critical: 0, high: 2, medium: 0, low: 0, informational: 0, total: 2 },
    ]);
  });
});

describe('toStageRows', () => {
  it('returns every stage in lifecycle order, including ones the DTO omitted', () => {
    const rows = toStageRows([{ stage: 'operate', critical: 2 }, { stage: 'build', medium: 5 }]);
    expect(rows.map((row) => row.stage)).toEqual(['plan', 'develop', 'build', 'deploy', 'operate']);
    expect(rows[2]).toMatchObject({ label: 'Build', medium: 5, total: 5 });
    expect(rows[0]).toMatchObject({ total: 0, critical: 0 });
  });
});

describe('summaries', () => {
  it('lists non-zero severities most severe first', () => {
    expect(describeSeverityCounts({ low: 40, critical: 3, high: 12 })).toBe('3 critical, 12 high and 40 low');
    expect(describeSeverityCounts({ medium: 1 })).toBe('1 medium');
    expect(describeSeverityCounts({})).toBe('none');
  });

  it('summarises a trend with direction, peak and latest breakdown', () => {
    const text = summariseTrend([
      { day: '2025-11-01', high: 10 },
      { day: '2025-11-02', high: 15, critical: 1 },
      { day: '2025-11-03', high: 6, critical: 1 },
    ]);
    expect(text).toBe(
      'Open findings went from 10 on Nov 1 to 7 on Nov 3 (down 3), peaking at 16 on Nov 2. ' +
        'On Nov 3: 7 open findings (1 critical and 6 high).',
    );
  });

  it('says when a trend has no data rather than implying zero findings', () => {
    expect(summariseTrend([])).toBe('No trend data for this period.');
  });

  it('summarises counts and stages', () => {
    expect(summariseSeverityCounts({ critical: 2, informational: 1 })).toBe(
      '3 open findings: 2 critical and 1 informational.',
    );
    expect(summariseSeverityCounts({})).toBe('No open findings.');
    expect(summariseStages([{ stage: 'deploy', high: 4 }])).toBe('Open findings by stage: Deploy 4 (4 high).');
    expect(summariseStages([])).toBe('No open findings in any stage.');
  });
});
