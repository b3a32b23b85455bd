// A chart as a picture someone can paste into a slide: the plot as drawn, under its title and above its legend, on
// the theme's background. This half is pure (string in, string out) so its layout is unit-tested; chart-png-export.ts
// reads the rendered chart from the page and rasterises the result.

export interface ChartPictureInput {
  title: string;
  /** The plot's own <svg> markup, its colours already inlined (CSS variables do not resolve inside an image). */
  plotSvg: string;
  plotWidth: number;
  plotHeight: number;
  legend: readonly { label: string; color: string }[];
  colors: { background: string; foreground: string; muted: string };
  fontFamily: string;
}

export interface ChartPicture {
  svg: string;
  width: number;
  height: number;
}

const PAD = 16;
const TITLE_SIZE = 15;
const LEGEND_SIZE = 12;
const LEGEND_ROW = 20;
const SWATCH = 10;
/** Average advance of a 12 px sans-serif glyph: enough to wrap legend items without measuring text in a canvas. */
const CHAR_WIDTH = 7;

const escapeXml = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);

/** The legend's items placed left to right, wrapping to a new row when the next would not fit. */
export function layoutLegend(labels: readonly string[], width: number): { x: number; row: number }[] {
  const out: { x: number; row: number }[] = [];
  let x = 0;
  let row = 0;
  for (const label of labels) {
    const w = SWATCH + 6 + label.length * CHAR_WIDTH + 16;
    if (x > 0 && x + w > width) {
      row += 1;
      x = 0;
    }
    out.push({ x, row });
    x += w;
  }
  return out;
}

/** One standalone SVG: background, title, the plot, the legend. Sizes in CSS pixels. */
export function composeChartPicture(input: ChartPictureInput): ChartPicture {
  const width = Math.round(input.plotWidth + 2 * PAD);
  const plotTop = PAD + TITLE_SIZE + 12;
  const legendTop = plotTop + input.plotHeight + 14;
  const places = layoutLegend(input.legend.map((l) => l.label), input.plotWidth);
  const rows = places.length === 0 ? 0 : Math.max(...places.map((p) => p.row)) + 1;
  const height = Math.round(legendTop + rows * LEGEND_ROW + PAD - (rows > 0 ? 4 : 14));
  const font = escapeXml(input.fontFamily);
  const legend = input.legend
    .map((item, i) => {
      const p = places[i] ?? { x: 0, row: 0 };
      const x = PAD + p.x;
      const y = legendTop + p.row * LEGEND_ROW;
      return (
        `<rect x="${x}" y="${y}" width="${SWATCH}" height="${SWATCH}" rx="2" fill="${escapeXml(item.color)}"/>` +
        `<text x="${x + SWATCH + 6}" y="${y + SWATCH - 1}" font-size="${LEGEND_SIZE}" fill="${escapeXml(input.colors.muted)}">${escapeXml(item.label)}</text>`
      );
    })
    .join('');
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${font}">` +
    `<rect width="100%" height="100%" fill="${escapeXml(input.colors.background)}"/>` +
    `<text x="${PAD}" y="${PAD + TITLE_SIZE - 2}" font-size="${TITLE_SIZE}" font-weight="600" fill="${escapeXml(input.colors.foreground)}">${escapeXml(input.title)}</text>` +
    `<g transform="translate(${PAD} ${plotTop})">${input.plotSvg}</g>` +
    legend +
    `</svg>`;
  return { svg, width, height };
}
