import 'server-only';
// Security settings an admin can change at run time. Each setting has a zod schema and a default from the
// environment; a change is checked against the permission, validated, and audited with before and after in
// the same transaction.
import { z } from 'zod';
import type { Prisma, PrismaClient } from '../generated/prisma/client';
import type { Env } from '../env';
import { recordAudit, type AuditRequestInfo } from '../audit/record-audit';
import { assertCan } from './permissions';
import type { Viewer } from './viewer';

export const SETTINGS = {
  requireMfa: {
    label: 'Require multi-factor authentication',
    description: 'Refuse sessions whose sign-in did not use a second factor (the `amr` claim lacks `mfa`).',
    schema: z.boolean(),
    fromEnv: (env: Pick<Env, 'REQUIRE_MFA'>) => env.REQUIRE_MFA,
  },
} as const;
export type SettingKey = keyof typeof SETTINGS;
export type Settings = { [K in SettingKey]: z.infer<(typeof SETTINGS)[K]['schema']> };

export interface SettingDto {
  key: SettingKey;
  value: boolean;
  source: 'environment' | 'admin';
  updatedAt: string | null;
  updatedBy: string | null;
}

/** The effective settings: the admin's value where one was saved, the environment's otherwise. */
export async function readSettings(db: Pick<PrismaClient, 'appSetting'>, env: Pick<Env, 'REQUIRE_MFA'>): Promise<Settings> {
  const rows = await db.appSetting.findMany({ where: { key: { in: Object.keys(SETTINGS) } }, select: { key: true, value: true } });
  const saved = new Map(rows.map((r) => [r.key, r.value]));
  const parsed = SETTINGS.requireMfa.schema.safeParse(saved.get('requireMfa'));
  return { requireMfa: parsed.success ? parsed.data : SETTINGS.requireMfa.fromEnv(env) };
}

export async function listSettings(db: Pick<PrismaClient, 'appSetting'>, viewer: Viewer, env: Pick<Env, 'REQUIRE_MFA'>): Promise<SettingDto[]> {
  assertCan(viewer, 'settings.manage');
  const rows = await db.appSetting.findMany({ select: { key: true, value: true, updatedAt: true, updatedBy: true } });
  const effective = await readSettings(db, env);
  return (Object.keys(SETTINGS) as SettingKey[]).map((key) => {
    const row = rows.find((r) => r.key === key);
    return { key, value: effective[key], source: row ? 'admin' : 'environment', updatedAt: row?.updatedAt.toISOString() ?? null, updatedBy: row?.updatedBy ?? null };
  });
}

export const settingChangeSchema = z.object({ key: z.enum(Object.keys(SETTINGS) as [SettingKey, ...SettingKey[]]), value: z.boolean() });

export async function changeSetting(
  db: Pick<PrismaClient, '$transaction'>,
  viewer: Viewer,
  raw: unknown,
  env: Pick<Env, 'REQUIRE_MFA'>,
  request: AuditRequestInfo | null,
): Promise<SettingDto> {
  assertCan(viewer, 'settings.manage');
  const { key, value } = settingChangeSchema.parse(raw);
  return db.$transaction(async (tx: Prisma.TransactionClient): Promise<SettingDto> => {
    const before = (await readSettings(tx, env))[key];
    const row = await tx.appSetting.upsert({
      where: { key },
      create: { key, value, updatedBy: viewer.id },
      update: { value, updatedBy: viewer.id, updatedAt: new Date() },
      select: { updatedAt: true, updatedBy: true },
    });
    await recordAudit(tx, { actor: viewer, action: 'settings.update', outcome: 'success', target: { type: 'setting', id: key }, before: { [key]: before }, after: { [key]: value }, request });
    return { key, value, source: 'admin' as const, updatedAt: row.updatedAt.toISOString(), updatedBy: row.updatedBy };
  });
}
