import 'server-only';
// A stored payload as the source sent it: its shared parts (stored once, lib/domain/raw-parts.ts) put back.
import type { PrismaClient } from '../generated/prisma/client';
import type { FindingKind } from '../domain/model';
import { readColumnsFromRaw } from '../domain/raw-columns';
import { joinRaw, partRefsOf } from '../domain/raw-parts';

export async function expandRawParts(db: PrismaClient, raw: unknown): Promise<unknown> {
  const refs = partRefsOf(raw);
  if (refs.length === 0) return raw;
  const parts = await db.rawPart.findMany({ where: { hash: { in: refs } }, select: { hash: true, doc: true } });
  return joinRaw(raw, new Map(parts.map((p) => [p.hash, p.doc as unknown])));
}

/** A stored finding's payload joined, and its description and remediation as the connector gave them. */
export async function expandStoredFinding(
  db: PrismaClient,
  row: { kind: FindingKind; raw: unknown; description: string | null; remediation: string | null },
): Promise<{ raw: unknown; description: string | null; remediation: string | null }> {
  const raw = await expandRawParts(db, row.raw);
  return { raw, ...readColumnsFromRaw(row.kind, row, raw) };
}
