// Helpers every transform shares: readable failures for one raw record, and the Azure → domain value mappings.
import type { z } from 'zod';
import type { FindingStatus, Severity } from '../../domain/model';

/** One raw record could not be turned into a row. `reason` is written for people ("missing id", "properties.status.code: …"). */
export class RecordError extends Error {
  readonly reason: string;

  constructor(reason: string, options?: { cause?: unknown }) {
    super(reason, options);
    this.name = 'RecordError';
    this.reason = reason;
  }
}

/** Thrown by `transformEach`: which record of a page or file failed, and why. */
export class MalformedRecordError extends Error {
  readonly index: number;
  readonly label: string;
  readonly reason: string;

  constructor(label: string, index: number, reason: string, options?: { cause?: unknown }) {
    super(`Malformed ${label} at [${index}]: ${reason}`, options);
    this.name = 'MalformedRecordError';
    this.label = label;
    this.index = index;
    this.reason = reason;
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((issue) => (issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

/**
 * Checks the id first so the most common defect reads "missing id" rather than a zod path, then validates the rest.
 */
export function parseRecord<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new RecordError(`expected a JSON object, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`);
  }
  const id: unknown = (raw as Record<string, unknown>).id;
  if (typeof id !== 'string' || id.trim().length === 0) throw new RecordError('missing id');
  return parseFields(schema, raw);
}

/** Validates a record that has no `id` of its own (Policy Insights query rows), with the same readable failures. */
export function parseFields<T extends z.ZodType>(schema: T, raw: unknown): z.infer<T> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw new RecordError(`expected a JSON object, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}`);
  }
  const result = schema.safeParse(raw);
  if (!result.success) throw new RecordError(describeIssues(result.error), { cause: result.error });
  return result.data;
}

/** Maps every item, naming the first failing one by index: a page is all-or-nothing. */
export function transformEach<T>(items: readonly unknown[], label: string, transform: (raw: unknown) => T): T[] {
  return items.map((raw, index) => {
    try {
      return transform(raw);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new MalformedRecordError(label, index, reason, { cause: error });
    }
  });
}

/** ISO date string → Date; absent → null; an unparseable string is a defect, not a missing value. */
export function toDate(value: string | null | undefined, field: string): Date | null {
  if (value === null || value === undefined || value === '') return null;
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new RecordError(`${field}: not a date ("${value}")`);
  return date;
}

const SEVERITY_BY_AZURE: Record<string, Severity> = {
  critical: 'critical',
  high: 'high',
  medium: 'medium',
  low: 'low',
  informational: 'informational',
};

/** Defender severities (High/Medium/Low, plus Critical on MDVM CVEs) → domain severity; absent → null. */
export function toSeverity(value: string | null | undefined, field: string): Severity | null {
  if (value === null || value === undefined || value === '') return null;
  const severity = SEVERITY_BY_AZURE[value.toLowerCase()];
  if (!severity) throw new RecordError(`${field}: unknown severity "${value}"`);
  return severity;
}

const STATUS_BY_CODE: Record<string, FindingStatus> = {
  unhealthy: 'open',
  healthy: 'resolved',
  // NotApplicable covers exemptions and "off by policy": nothing to fix, but not fixed either.
  notapplicable: 'dismissed',
};

/** Assessment / sub-assessment status.code → finding status. An unknown code fails the record rather than guessing. */
export function toFindingStatus(code: string, field: string): FindingStatus {
  const status = STATUS_BY_CODE[code.toLowerCase()];
  if (!status) throw new RecordError(`${field}: unknown status code "${code}"`);
  return status;
}

/** Empty strings in Azure payloads mean "not set". */
export function textOrNull(value: string | null | undefined): string | null {
  return value === undefined || value === null || value.trim() === '' ? null : value;
}
