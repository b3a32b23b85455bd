// Text columns that only repeat a payload field (lib/domain/shared-raw-groups.ts, COLUMNS_FROM_RAW) are stored
// null and read back from the joined payload: the CVE's vendor text was kept once in its part and once per image
// and cluster in findings.description. Readers of those columns go through readColumnsFromRaw (the finding page and
// the triage item are the only ones: the list, search and CSV export never read them).
import type { FindingKind } from './model';
import { COLUMNS_FROM_RAW } from './shared-raw-groups';

type TextColumns = { description: string | null; remediation: string | null };

const textOrNull = (v: unknown): string | null => (typeof v === 'string' && v.trim() !== '' ? v : null);

function fieldAt(raw: unknown, path: readonly string[]): unknown {
  let at = raw;
  for (const key of path) {
    if (typeof at !== 'object' || at === null || Array.isArray(at) || !Object.hasOwn(at, key)) return undefined;
    at = (at as Record<string, unknown>)[key];
  }
  return at;
}

/**
 * The row as stored (`raw` is the source's payload): a column equal to its payload field's text is left null; a
 * column the connector left empty although the field has text is stored '' (read back as null, like '' itself).
 */
export function withoutColumnsFromRaw<R extends TextColumns & { kind: FindingKind; raw: unknown }>(row: R): R {
  const columns = COLUMNS_FROM_RAW[row.kind];
  if (!columns) return row;
  let out = row;
  for (const [column, path] of Object.entries(columns) as [keyof TextColumns, readonly string[]][]) {
    const value = out[column];
    const field = textOrNull(fieldAt(row.raw, path));
    if (value !== null && value === field) out = { ...out, [column]: null };
    else if (value === null && field !== null) out = { ...out, [column]: '' };
  }
  return out;
}

/** The columns as the connector gave them, from the stored row and its joined payload. */
export function readColumnsFromRaw(kind: FindingKind, stored: TextColumns, joinedRaw: unknown): TextColumns {
  const columns = COLUMNS_FROM_RAW[kind];
  if (!columns) return stored;
  const read = (column: keyof TextColumns) => {
    const path = columns[column];
    const value = stored[column];
    if (!path) return value;
    return value === null ? textOrNull(fieldAt(joinedRaw, path)) : value === '' ? null : value;
  };
  return { description: read('description'), remediation: read('remediation') };
}
