import { describe, expect, it } from 'vitest';
import { cellText, csvFileName, toCsv } from './csv';

describe('chart CSV', () => {
  const columns = [{ key: 'day', label: 'Day' }, { key: 'n', label: 'Open, critical' }, { key: 'pct', label: 'Score %' }];

  it('writes a header of labels and one line per row, in column order, empty for a missing value', () => {
    expect(toCsv(columns, [{ day: '2026-11-01', n: 3, pct: 61.5 }, { day: '2026-11-02', n: 0, pct: null }])).toBe(
      'Day,"Open, critical",Score %\r\n2026-11-01,3,61.5\r\n2026-11-02,0,\r\n',
    );
  });

  it('quotes commas and quotes, and defuses text a spreadsheet would evaluate', () => {
    expect(toCsv([{ key: 't', label: 'Team' }], [{ t: 'a "b", c' }, { t: '=HYPERLINK("x")' }, { t: '-5' }])).toBe(
      'Team\r\n"a ""b"", c"\r\n"\'=HYPERLINK(""x"")"\r\n-5\r\n',
    );
  });

  it('shares the cell text with the table and names the file after the chart', () => {
    expect(cellText(12)).toBe('12');
    expect(cellText(null)).toBe('');
    expect(csvFileName('Open findings by severity')).toBe('open-findings-by-severity.csv');
  });
});
