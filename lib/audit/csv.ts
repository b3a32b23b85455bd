// CSV for the audit export (RFC 4180 quoting). Cells that a spreadsheet would run as a formula (= + - @, tab,
// carriage return) get a leading apostrophe: an attacker-chosen display name must not become code in Excel.
import type { AuditEntryDto } from './list-audit';

export const AUDIT_CSV_COLUMNS = ['id', 'at', 'actorId', 'actorName', 'action', 'outcome', 'targetType', 'targetId', 'before', 'after', 'detail', 'ip', 'userAgent'] as const;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let s = typeof value === 'string' ? value : JSON.stringify(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function auditCsvHeader(): string {
  return `${AUDIT_CSV_COLUMNS.join(',')}\r\n`;
}

export function auditCsvRow(e: AuditEntryDto): string {
  return `${AUDIT_CSV_COLUMNS.map((c) => csvCell(e[c])).join(',')}\r\n`;
}
