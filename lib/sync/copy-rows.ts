// Streams rows into a table with COPY … FROM STDIN in Postgres's text format: one round trip and no parameter
// escaping per value, the fastest way into a staging table (issue 13: unnest of array literals cost ≈ 105 µs a row).
import { createHash } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

export type CopyValue = string | number | bigint | boolean | Date | null;

// The text format's escapes: a backslash, and the characters that end a field or a line. Everything else,
// quotes and any Unicode included, travels as it is; `\N` (unescaped) is NULL, so a value "\N" arrives intact.
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const SPECIAL = /[\\\t\n\r]/g;

/** One field in COPY text format. */
export function encodeCopyField(value: CopyValue): string {
  if (value === null) return '\\N';
  const text = value instanceof Date ? value.toISOString() : String(value);
  return text.replace(SPECIAL, (c) => ESCAPES[c]!);
}

/** One row in COPY text format, with its line end. */
export function encodeCopyLine(values: readonly CopyValue[]): string {
  return `${values.map(encodeCopyField).join('\t')}\n`;
}

/**
 * A short digest of content: equal content, equal digests (the merge skips rows whose digest is unchanged; shared
 * payload parts are keyed by it). 128 bits of SHA-256 in 22 characters: it is stored once per finding and per
 * marker, and a collision between different records is not a practical concern at 2^-64 for billions of rows.
 */
export function digestOf(content: string): string {
  return createHash('sha256').update(content).digest().subarray(0, 16).toString('base64url');
}

/**
 * COPY already-encoded lines into `table (columns)`. Table and column names come from the caller's code, never
 * from input. A page travels as one chunk: fewer, larger writes than one per row.
 */
export async function copyLines(client: pg.ClientBase, table: string, columns: readonly string[], lines: readonly string[]): Promise<void> {
  if (lines.length === 0) return;
  await pipeline(Readable.from([lines.join('')]), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

/** COPY rows (values in `columns` order) into `table`. */
export function copyRows(client: pg.ClientBase, table: string, columns: readonly string[], rows: readonly (readonly CopyValue[])[]): Promise<void> {
  return copyLines(client, table, columns, rows.map(encodeCopyLine));
}
