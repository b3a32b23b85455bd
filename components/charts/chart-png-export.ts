'use client';
// The browser half of a chart's PNG download: copy the rendered Recharts <svg> with every colour and font resolved
// (the page's CSS variables and classes do not reach an <img>), frame it with title and legend (chart-png.ts) on the
// theme's own background, draw that on a canvas at twice the size and save it. No library: the browser already draws
// SVG, and the chart is small.
import { chartFileName } from './csv';
import { composeChartPicture } from './chart-png';

/** The presentation properties Recharts' elements get from attributes, classes and variables. */
const INLINED = ['fill', 'fill-opacity', 'stroke', 'stroke-opacity', 'stroke-width', 'stroke-dasharray', 'opacity', 'font-size', 'font-family', 'font-weight'] as const;
const PIXEL_RATIO = 2;

/** A CSS colour (a variable, a keyword) as the browser computes it, read through a throwaway element. */
function resolveColor(value: string, host: HTMLElement): string {
  const probe = document.createElement('span');
  probe.style.color = value;
  host.appendChild(probe);
  const color = getComputedStyle(probe).color;
  probe.remove();
  return color;
}

/** The first opaque background behind an element: the card the chart sits on, else the page. */
function backgroundBehind(element: HTMLElement): string {
  for (let el: HTMLElement | null = element; el; el = el.parentElement) {
    const bg = getComputedStyle(el).backgroundColor;
    if (bg && bg !== 'transparent' && !/^rgba\(.*,\s*0\)$/.test(bg)) return bg;
  }
  return getComputedStyle(document.body).backgroundColor || '#ffffff';
}

function inlinedPlot(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  const from = [svg, ...svg.querySelectorAll('*')];
  const to = [copy, ...copy.querySelectorAll('*')];
  from.forEach((el, i) => {
    const target = to[i];
    if (!target) return;
    const style = getComputedStyle(el);
    for (const prop of INLINED) {
      const value = style.getPropertyValue(prop);
      if (value) target.setAttribute(prop, value);
    }
  });
  const { width, height } = svg.getBoundingClientRect();
  copy.setAttribute('width', String(Math.round(width)));
  copy.setAttribute('height', String(Math.round(height)));
  copy.removeAttribute('style');
  return new XMLSerializer().serializeToString(copy);
}

async function rasterise(svg: string, width: number, height: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const image = new Image();
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = width * PIXEL_RATIO;
    canvas.height = height * PIXEL_RATIO;
    const context = canvas.getContext('2d');
    if (!context) throw new Error('This browser cannot draw on a canvas.');
    context.scale(PIXEL_RATIO, PIXEL_RATIO);
    context.drawImage(image, 0, 0, width, height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The chart could not be saved as PNG.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}

/** Saves the chart drawn inside `figure` as "<label>.png". */
export async function downloadChartPng(figure: HTMLElement, chart: { label: string; legend: readonly { label: string; color: string }[] }): Promise<void> {
  const plot = figure.querySelector<SVGSVGElement>('svg.recharts-surface');
  if (!plot) throw new Error('The chart has not been drawn yet.');
  const box = plot.getBoundingClientRect();
  const style = getComputedStyle(figure);
  const picture = composeChartPicture({
    title: chart.label,
    plotSvg: inlinedPlot(plot),
    plotWidth: Math.round(box.width),
    plotHeight: Math.round(box.height),
    legend: chart.legend.map((l) => ({ label: l.label, color: resolveColor(l.color, figure) })),
    colors: { background: backgroundBehind(figure), foreground: style.color, muted: resolveColor('var(--color-muted-foreground)', figure) },
    fontFamily: style.fontFamily,
  });
  const blob = await rasterise(picture.svg, picture.width, picture.height);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = chartFileName(chart.label, 'png');
  a.click();
  URL.revokeObjectURL(url);
}
