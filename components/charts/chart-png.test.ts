import { describe, expect, it } from 'vitest';
import { composeChartPicture, layoutLegend } from './chart-png';
import { chartFileName } from './csv';

const input = {
  title: 'Open findings by severity',
  plotSvg: '<svg width="600" height="240"><path d="M0 0L10 10" stroke="rgb(220, 38, 38)"/></svg>',
  plotWidth: 600,
  plotHeight: 240,
  legend: [
    { label: 'Critical', color: 'rgb(220, 38, 38)' },
    { label: 'High', color: 'rgb(234, 88, 12)' },
  ],
  colors: { background: 'rgb(9, 9, 11)', foreground: 'rgb(250, 250, 250)', muted: 'rgb(161, 161, 170)' },
  fontFamily: 'Inter, "Segoe UI", sans-serif',
};

describe('chart PNG', () => {
  it('frames the plot on the theme background with its title above and its legend below', () => {
    const p = composeChartPicture(input);
    expect(p.width).toBe(600 + 32);
    expect(p.height).toBeGreaterThan(240 + 40);
    expect(p.svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(p.svg).toContain(`width="${p.width}" height="${p.height}"`);
    // Background first (painted under everything), in the theme's colour.
    expect(p.svg).toMatch(/^<svg[^>]*><rect width="100%" height="100%" fill="rgb\(9, 9, 11\)"\/>/);
    expect(p.svg).toContain('fill="rgb(250, 250, 250)">Open findings by severity</text>');
    expect(p.svg).toContain(input.plotSvg);
    const titleAt = p.svg.indexOf('Open findings by severity');
    const plotAt = p.svg.indexOf(input.plotSvg);
    const legendAt = p.svg.indexOf('>Critical</text>');
    expect(titleAt).toBeLessThan(plotAt);
    expect(plotAt).toBeLessThan(legendAt);
    expect(p.svg).toContain('<rect x="16" y="'); // the first swatch, at the left padding
    expect(p.svg).toContain('fill="rgb(234, 88, 12)"/><text');
    expect(p.svg).toContain('font-family="Inter, &quot;Segoe UI&quot;, sans-serif"');
  });

  it('escapes text, so a label cannot break out of the picture', () => {
    const p = composeChartPicture({ ...input, title: 'A <b> & "c"', legend: [{ label: '</text><script>', color: 'red' }] });
    expect(p.svg).toContain('A &lt;b&gt; &amp; &quot;c&quot;');
    expect(p.svg).not.toContain('<script>');
  });

  it('wraps the legend into rows that fit the width, and grows the picture for them', () => {
    expect(layoutLegend(['Critical', 'High', 'Medium'], 1000).map((p) => p.row)).toEqual([0, 0, 0]);
    const narrow = layoutLegend(['Critical', 'High', 'Medium'], 100);
    expect(narrow.map((p) => p.row)).toEqual([0, 1, 2]);
    expect(narrow.every((p) => p.x === 0)).toBe(true);
    const many = Array.from({ length: 12 }, (_, i) => ({ label: `Subscription number ${i}`, color: 'red' }));
    expect(composeChartPicture({ ...input, legend: many }).height).toBe(composeChartPicture(input).height + 3 * 20); // four rows of three
  });

  it('names the file after the chart', () => {
    expect(chartFileName('New vs fixed per week', 'png')).toBe('new-vs-fixed-per-week.png');
    expect(chartFileName('***', 'png')).toBe('chart.png');
  });
});
