// Seeds the group → scope mapping from a JSON file (config/scopes.json, or the example in demo mode). A group
// already in the table is left alone: once an admin edits a mapping in the app, the file no longer decides.
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client';
import { recordAudit } from '../audit/record-audit';
import { applyMappedTeams } from '../sync/mapped-teams';
import { groupScopeInputSchema } from './group-scopes';
import { SYSTEM_VIEWER } from './viewer';

export const scopesFileSchema = z.object({
  $comment: z.string().optional(),
  groups: z.array(groupScopeInputSchema).max(10_000),
});

function seededGroupsOf(detail: unknown): string[] {
  const parsed = z.object({ groups: z.array(z.string()) }).safeParse(detail);
  return parsed.success ? parsed.data.groups : [];
}

export async function seedGroupScopes(
  db: Pick<PrismaClient, 'groupScope' | 'auditLog' | '$transaction'>,
  file: string,
): Promise<{ inserted: string[]; kept: number }> {
  const text = await readFile(file, 'utf8');
  const parsed = scopesFileSchema.safeParse(JSON.parse(text));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file}: ${issue?.path.join('.') ?? ''} ${issue?.message ?? 'is invalid'}`);
  }
  return db.$transaction(async (tx) => {
    // A group seeded once and later deleted by an admin stays deleted: the audit log remembers every seed.
    const earlier = await tx.auditLog.findMany({ where: { action: 'scope.seed' }, select: { detail: true } });
    const seededBefore = new Set(earlier.flatMap((e) => seededGroupsOf(e.detail)));
    const inserted: string[] = [];
    for (const g of parsed.data.groups) {
      if (seededBefore.has(g.groupId)) continue;
      const result = await tx.groupScope.createMany({ data: [{ ...g, source: 'seed', updatedBy: SYSTEM_VIEWER.id }], skipDuplicates: true });
      if (result.count > 0) inserted.push(g.groupId);
    }
    if (inserted.length > 0) {
      await applyMappedTeams(tx);
      await recordAudit(tx, { actor: SYSTEM_VIEWER, action: 'scope.seed', outcome: 'success', detail: { file, groups: inserted } });
    }
    return { inserted, kept: parsed.data.groups.length - inserted.length };
  });
}

/** The seed file to apply: SCOPES_CONFIG_FILE, else config/scopes.json when present, else the demo example in demo mode. */
export async function scopesSeedFile(env: { SCOPES_CONFIG_FILE?: string; POSTURE_MODE: 'demo' | 'azure' }, cwd = process.cwd()): Promise<string | null> {
  if (env.SCOPES_CONFIG_FILE) return path.resolve(cwd, env.SCOPES_CONFIG_FILE);
  const own = path.resolve(cwd, 'config/scopes.json');
  try {
    await access(own);
    return own;
  } catch {
    return env.POSTURE_MODE === 'demo' ? path.resolve(cwd, 'config/scopes.example.json') : null;
  }
}
