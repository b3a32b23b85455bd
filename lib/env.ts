// The one place configuration is read. Every variable is parsed with zod; a bad value stops start-up with one
// line naming the variable, instead of failing later in a request.
import { z } from 'zod';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const bool = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .transform((v) => v === 'true' || v === '1' || v === 'yes')
      .default(fallback ? 'true' : 'false'),
  );
const int = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

const guid = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'expected a GUID');

export const envSchema = z
  .object({
    NODE_ENV: z.preprocess(emptyToUndefined, z.enum(['development', 'production', 'test']).default('production')),
    PORT: int(3000, 1, 65535),
    /** Postgres connection string. Unset: an embedded Postgres is started under DATA_DIR. */
    DATABASE_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^postgres(ql)?$/ }).optional()),
    /** Where the embedded Postgres, the demo certificate and other local state live. */
    DATA_DIR: z.preprocess(emptyToUndefined, z.string().default('.data')),
    /** Port of the embedded Postgres (only without DATABASE_URL). */
    EMBEDDED_PG_PORT: int(54329, 1024, 65535),
    /**
     * demo: a local stand-in for Azure serves a generated tenant. azure: the real Azure Resource Manager.
     * Default: azure when AZURE_SUBSCRIPTION_IDS is set, otherwise demo.
     */
    POSTURE_MODE: z.preprocess(emptyToUndefined, z.enum(['demo', 'azure']).optional()),
    AZURE_SUBSCRIPTION_IDS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
        .pipe(z.array(guid).min(1))
        .optional(),
    ),
    AZURE_TENANT_ID: z.preprocess(emptyToUndefined, guid.optional()),
    AZURE_CLIENT_ID: z.preprocess(emptyToUndefined, guid.optional()),
    AZURE_CLIENT_SECRET: optionalString,
    /** Azure Resource Manager endpoint; sovereign clouds override it. */
    AZURE_ARM_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/ }).default('https://management.azure.com')),
    /** Sentinel workspaces as ARM ids of Log Analytics workspaces, comma-separated. */
    SENTINEL_WORKSPACE_IDS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
        .optional(),
    ),
    /** Demo tenant: generator seed and size (clusters; the rest scales with it). */
    DEMO_SEED: int(20261126, 0, 2 ** 31 - 1),
    DEMO_CLUSTERS: int(8, 1, 2000),
    /** Minutes between background syncs in `npm start`; 0 turns the schedule off. */
    SYNC_INTERVAL_MINUTES: int(60, 0, 24 * 60),
    /** Sync at start-up when the last successful sync is older than this many minutes. */
    SYNC_ON_START: bool(true),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
  })
  .transform((env) => ({
    ...env,
    POSTURE_MODE: env.POSTURE_MODE ?? (env.AZURE_SUBSCRIPTION_IDS ? 'azure' : 'demo'),
  }))
  .superRefine((env, ctx) => {
    if (env.POSTURE_MODE === 'azure' && !env.AZURE_SUBSCRIPTION_IDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['AZURE_SUBSCRIPTION_IDS'],
        message: 'is required when POSTURE_MODE=azure (comma-separated subscription GUIDs)',
      });
    }
  });

export type Env = z.infer<typeof envSchema>;

export class EnvError extends Error {
  constructor(readonly variable: string, detail: string) {
    super(`Configuration error: ${variable} ${detail}`);
    this.name = 'EnvError';
  }
}

/** Parses an environment (process.env by default). Throws EnvError naming the first bad variable. */
export function parseEnv(source: Record<string, string | undefined> = process.env): Env {
  const result = envSchema.safeParse(source);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue?.path[0] ?? 'environment');
  const value = source[variable];
  const shown = value === undefined ? '' : variable.includes('SECRET') || variable.includes('URL') ? ' (value hidden)' : ` (got "${value}")`;
  throw new EnvError(variable, `${issue?.message ?? 'is invalid'}${shown}`);
}

let cached: Env | undefined;
/** The process environment, parsed once. */
export function getEnv(): Env {
  cached ??= parseEnv();
  return cached;
}
