// A chart's numbers as CSV, built from the same columns and rows as its data table, so the download and the table
// cannot disagree (the trends journey compares them). Pure, for unit tests; the click handler only saves the string.

export type SeriesValue = string | number | null;
export interface SeriesColumn {
  key: string;
  label: string;
}

/** The text of one cell, shared by the table and the CSV: numbers as written, a missing value as empty. */
export function cellText(value: SeriesValue | undefined): string {
  if (value === null || value === undefined) return '';
  return typeof value === 'number' ? String(value) : value;
}

// RFC 4180 quoting, and a leading apostrophe for text a spreadsheet would run as a formula (CSV injection).
function csvField(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) && Number.isNaN(Number(text)) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function toCsv(columns: readonly SeriesColumn[], rows: readonly Record<string, SeriesValue | undefined>[]): string {
  const lines = [columns.map((c) => csvField(c.label)).join(',')];
  for (const row of rows) lines.push(columns.map((c) => csvField(cellText(row[c.key]))).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

/** A file name from a chart's label: "Open findings by severity", "png" → "open-findings-by-severity.png". */
export function chartFileName(label: string, extension: 'csv' | 'png'): string {
  const slug = label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return `${slug || 'chart'}.${extension}`;
}

export const csvFileName = (label: string): string => chartFileName(label, 'csv');
