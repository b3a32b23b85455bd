// The one place configuration is read. Every variable is parsed with zod; a bad value stops start-up with one
// line naming the variable, instead of failing later in a request.
import { z } from 'zod';
import { APP_ROLES } from './auth/viewer';
import { FaultSpecError, parseFaultSpec } from './demo/stand-in-faults';

const emptyToUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v);
const optionalString = z.preprocess(emptyToUndefined, z.string().optional());
const bool = (fallback: boolean) =>
  z.preprocess(
    emptyToUndefined,
    z
      .enum(['true', 'false', '1', '0', 'yes', 'no'])
      .transform((v) => v === 'true' || v === '1' || v === 'yes')
      .default(fallback),
  );
const int = (fallback: number, min: number, max: number) =>
  z.preprocess(emptyToUndefined, z.coerce.number().int().min(min).max(max).default(fallback));

const guid = z.string().regex(/^[0-9a-fA-F-]{36}$/, 'expected a GUID');

/** An https URL, or http on loopback (a local receiver in tests and demos). */
const webhookUrl = z.url({ protocol: /^https?$/ }).refine((u) => {
  const url = new URL(u);
  return url.protocol === 'https:' || ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
}, 'must be an https URL (http only on loopback)');

const envObject = z
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
    /** Sentinel workspaces read through Log Analytics (SecurityIncident/SecurityAlert tables), as ARM ids, comma-separated. */
    SENTINEL_LOG_ANALYTICS_WORKSPACE_IDS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
        .pipe(z.array(z.string().regex(/^\/subscriptions\/[^/]+\/resourcegroups\/[^/]+\/providers\/microsoft\.operationalinsights\/workspaces\/[^/]+$/i, 'a Log Analytics workspace ARM id')))
        .optional(),
    ),
    /** Log Analytics query endpoint with its version path; sovereign clouds override it. */
    LOG_ANALYTICS_ENDPOINT: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/ }).optional()),
    /** Demo tenant: read the Sentinel workspace through its API (default) or through Log Analytics. */
    DEMO_SENTINEL_VIA: z.preprocess(emptyToUndefined, z.enum(['api', 'log-analytics']).default('api')),
    /** Demo tenant: generator seed and size (clusters; the rest scales with it). */
    DEMO_SEED: int(20261126, 0, 2 ** 31 - 1),
    DEMO_CLUSTERS: int(8, 1, 2000),
    /**
     * Demo only: ARM paths the stand-in answers with a 500, as case-insensitive substrings, comma-separated — to see
     * (and test) how a failed source reads in the CLI and the UI. Example: `/providers/Microsoft.Security/assessments`.
     */
    DEMO_FAIL_PATHS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
        .pipe(z.array(z.string().startsWith('/', 'each path starts with "/"')))
        .optional(),
    ),
    /** Demo only: ARM paths (substrings) the stand-in answers slowly, so a sync's live progress can be watched. */
    DEMO_SLOW_PATHS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
        .pipe(z.array(z.string().startsWith('/', 'each path starts with "/"')))
        .optional(),
    ),
    /**
     * Demo only: faults the stand-in injects into read answers, e.g. `429:0.05,503:0.01,slow:0.01,slow-ms:2000,
     * truncated:0.001,malformed:0.001,retry-after:1,seed:7` (rates are fractions; see lib/demo/stand-in-faults.ts).
     */
    STAND_IN_FAULTS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((spec, ctx) => {
          try {
            return parseFaultSpec(spec);
          } catch (error) {
            if (!(error instanceof FaultSpecError)) throw error;
            ctx.addIssue({ code: 'custom', message: error.message });
            return z.NEVER;
          }
        })
        .optional(),
    ),
    /** Minutes between background syncs in `npm start`; 0 turns the schedule off. */
    SYNC_INTERVAL_MINUTES: int(60, 0, 24 * 60),
    /** Sync at start-up when the last successful sync is older than this many minutes. */
    SYNC_ON_START: bool(true),
    /** Seconds between checks, by every process, for sync jobs whose process died; such a job is taken over. */
    SYNC_TAKEOVER_SECONDS: int(15, 1, 3600),
    LOG_LEVEL: z.preprocess(emptyToUndefined, z.enum(['debug', 'info', 'warn', 'error']).default('info')),
    // ---- Sign-in, sessions and access (lib/auth, lib/security; documented in docs/entra-id.md) ----
    /** Key that encrypts the session cookie (JWE). At least 32 characters; `openssl rand -base64 32`. */
    AUTH_SECRET: z.preprocess(emptyToUndefined, z.string().min(32, 'must be at least 32 characters').optional()),
    /** Public base URL of the app (https://posture.example.com). Also the origin CSRF checks compare against. */
    AUTH_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^https?$/ }).optional()),
    /** Trust X-Forwarded-Host/Proto from the ingress in front of the app. Only behind a proxy that sets them. */
    AUTH_TRUST_HOST: bool(false),
    /** Entra ID app registration: Application (client) id, tenant id, client secret. */
    AUTH_MICROSOFT_ENTRA_ID_ID: optionalString,
    AUTH_MICROSOFT_ENTRA_ID_SECRET: optionalString,
    AUTH_MICROSOFT_ENTRA_ID_TENANT: z.preprocess(emptyToUndefined, guid.optional()),
    /** Issuer; default https://login.microsoftonline.com/<tenant>/v2.0. In demo mode the launcher points it at the local IdP. */
    AUTH_MICROSOFT_ENTRA_ID_ISSUER: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/ }).optional()),
    /**
     * Workload identity instead of a client secret: a file holding a federated token (AKS sets
     * AZURE_FEDERATED_TOKEN_FILE) sent as the client assertion.
     */
    AUTH_MICROSOFT_ENTRA_ID_FEDERATED_TOKEN_FILE: optionalString,
    /**
     * Set by the launcher when it started the local OpenID Connect provider (demo mode, Entra not configured);
     * the app then signs in through it with the same Entra provider code. Ignored when Entra is configured.
     */
    AUTH_LOCAL_IDP_ISSUER: z.preprocess(emptyToUndefined, z.url({ protocol: /^https$/ }).optional()),
    AUTH_LOCAL_IDP_CLIENT_ID: optionalString,
    /** Plain-HTTP loopback origin of the local provider's browser-facing pages (no certificate warning). */
    AUTH_LOCAL_IDP_BROWSER_URL: z.preprocess(emptyToUndefined, z.url({ protocol: /^http$/, hostname: /^(127\.0\.0\.1|localhost)$/ }).optional()),
    AUTH_LOCAL_IDP_CLIENT_SECRET: optionalString,
    /** Refuse sessions whose `amr` claim does not include mfa. */
    REQUIRE_MFA: bool(false),
    /** Roles that see every cluster regardless of groups; comma-separated, may be empty ("none"). */
    UNSCOPED_ROLES: z.preprocess(
      (v) => (v === undefined || (typeof v === 'string' && v.trim() === '') ? 'security,manager,admin' : v),
      z
        .string()
        .transform((s) => (s.trim() === 'none' ? [] : s.split(',').map((x) => x.trim()).filter(Boolean)))
        .pipe(z.array(z.enum(APP_ROLES))),
    ),
    /** Group-to-scope seed file, applied once per group (admins edit the table afterwards). */
    SCOPES_CONFIG_FILE: optionalString,
    /** Session lifetime in minutes (the cookie is re-issued while in use). */
    SESSION_MAX_AGE_MINUTES: int(8 * 60, 5, 7 * 24 * 60),
    /** Sign-in attempts (Auth.js sign-in and callback requests) per client address per minute before 429. */
    SIGN_IN_RATE_LIMIT_PER_MINUTE: int(30, 1, 100_000),
    // ---- end of sign-in block ----
    /**
     * Address the dashboard listens on. Unset: loopback (127.0.0.1) in demo mode — its sign-in has well-known
     * passwords — and every interface in azure mode.
     */
    HOST: optionalString,
    /**
     * Reverse proxies in front of the app whose X-Forwarded-For entries are believed (the client address of the
     * sign-in limit and the audit log). 0: none, the socket's address is the client's.
     */
    TRUSTED_PROXY_HOPS: int(0, 0, 10),
    // ---- Outbox: triage write-back and the weekly digest (lib/outbox, lib/digest) ----
    /**
     * Send triage status changes of Defender alerts and Sentinel incidents back to Azure. Unset: on in demo mode (the
     * stand-in records them), off in azure mode (it needs the Security Admin / Microsoft Sentinel Responder role).
     */
    TRIAGE_WRITE_BACK: z.preprocess(emptyToUndefined, z.enum(['true', 'false', '1', '0', 'yes', 'no']).transform((v) => v === 'true' || v === '1' || v === 'yes').optional()),
    /** Seconds between outbox drains in `npm start` (write-backs and digests); 0 turns the worker off. */
    OUTBOX_INTERVAL_SECONDS: int(15, 0, 3600),
    /** Teams Incoming Webhook / Workflows URL per team, as JSON: {"payments":"https://…"}. https only (http on loopback). */
    DIGEST_TEAMS_WEBHOOK_URLS: z.preprocess(
      emptyToUndefined,
      z
        .string()
        .transform((s, ctx) => {
          try {
            return JSON.parse(s) as unknown;
          } catch {
            ctx.addIssue({ code: 'custom', message: 'must be JSON: {"team":"https://…"}' });
            return z.NEVER;
          }
        })
        .pipe(z.record(z.string().min(1), webhookUrl))
        .optional(),
    ),
    /** Webhook for the whole estate's digest. */
    DIGEST_ESTATE_WEBHOOK_URL: z.preprocess(emptyToUndefined, webhookUrl.optional()),
    /** Weekday the scheduler sends last week's digest (UTC). */
    DIGEST_DAY: z.preprocess(emptyToUndefined, z.enum(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun']).default('mon')),
    /** Public base URL the digest links to (https://posture.example.com). Default: AUTH_URL. */
    DIGEST_BASE_URL: z.preprocess(emptyToUndefined, webhookUrl.optional()),
  });

/** Every variable the app reads; the README's configuration table must list each one (lib/env.test.ts). */
export const ENV_VARIABLES = Object.keys(envObject.shape) as readonly (keyof typeof envObject.shape)[];

export const envSchema = envObject
  .transform((env) => ({
    ...env,
    POSTURE_MODE: env.POSTURE_MODE ?? (env.AZURE_SUBSCRIPTION_IDS ? 'azure' : 'demo'),
    TRIAGE_WRITE_BACK: env.TRIAGE_WRITE_BACK ?? (env.POSTURE_MODE ?? (env.AZURE_SUBSCRIPTION_IDS ? 'azure' : 'demo')) === 'demo',
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
