// Which OpenID Connect provider the app signs in with. Entra ID when configured; otherwise, in demo mode only,
// the local provider the launcher started. Both go through the same Auth.js Entra provider code.
import type { Env } from '../env';

export interface IdentityProviderConfig {
  kind: 'entra' | 'local';
  issuer: string;
  clientId: string;
  /** Client secret, or absent when a federated token file (workload identity) authenticates the app. */
  clientSecret: string | null;
  federatedTokenFile: string | null;
  /** Tenant the tokens must come from (`tid`); null accepts the issuer's tenant only, as checked by the issuer. */
  tenantId: string | null;
  /** Local provider only: where the browser is sent to sign in (plain HTTP on loopback), instead of the issuer. */
  browserUrl?: string;
}

export class AuthConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AuthConfigError';
  }
}

export type AuthEnv = Pick<
  Env,
  | 'POSTURE_MODE'
  | 'AUTH_MICROSOFT_ENTRA_ID_ID'
  | 'AUTH_MICROSOFT_ENTRA_ID_SECRET'
  | 'AUTH_MICROSOFT_ENTRA_ID_TENANT'
  | 'AUTH_MICROSOFT_ENTRA_ID_ISSUER'
  | 'AUTH_MICROSOFT_ENTRA_ID_FEDERATED_TOKEN_FILE'
  | 'AUTH_LOCAL_IDP_ISSUER'
  | 'AUTH_LOCAL_IDP_CLIENT_ID'
  | 'AUTH_LOCAL_IDP_CLIENT_SECRET'
  | 'AUTH_LOCAL_IDP_BROWSER_URL'
>;

export function isEntraConfigured(env: Pick<AuthEnv, 'AUTH_MICROSOFT_ENTRA_ID_ID'>): boolean {
  return Boolean(env.AUTH_MICROSOFT_ENTRA_ID_ID);
}

/** Null when no provider is configured: the sign-in page then says so instead of offering a broken button. */
export function resolveIdentityProvider(env: AuthEnv): IdentityProviderConfig | null {
  if (isEntraConfigured(env)) {
    const clientId = env.AUTH_MICROSOFT_ENTRA_ID_ID ?? '';
    const tenant = env.AUTH_MICROSOFT_ENTRA_ID_TENANT ?? null;
    const issuer = env.AUTH_MICROSOFT_ENTRA_ID_ISSUER ?? (tenant ? `https://login.microsoftonline.com/${tenant}/v2.0` : null);
    if (!issuer) throw new AuthConfigError('AUTH_MICROSOFT_ENTRA_ID_TENANT or AUTH_MICROSOFT_ENTRA_ID_ISSUER is required with AUTH_MICROSOFT_ENTRA_ID_ID');
    // Multi-tenant endpoints would let any Entra tenant sign in; this app serves one organisation.
    if (/\/(common|organizations|consumers)\//.test(issuer)) {
      throw new AuthConfigError('AUTH_MICROSOFT_ENTRA_ID_ISSUER must be a single-tenant issuer (…/<tenant id>/v2.0), not common/organizations');
    }
    const secret = env.AUTH_MICROSOFT_ENTRA_ID_SECRET ?? null;
    const federated = env.AUTH_MICROSOFT_ENTRA_ID_FEDERATED_TOKEN_FILE ?? null;
    if (!secret && !federated) {
      throw new AuthConfigError('AUTH_MICROSOFT_ENTRA_ID_SECRET or AUTH_MICROSOFT_ENTRA_ID_FEDERATED_TOKEN_FILE is required with AUTH_MICROSOFT_ENTRA_ID_ID');
    }
    return { kind: 'entra', issuer, clientId, clientSecret: secret, federatedTokenFile: secret ? null : federated, tenantId: tenant };
  }
  // The local provider is a demo stand-in: never honoured outside demo mode, whatever the environment says.
  if (env.POSTURE_MODE === 'demo' && env.AUTH_LOCAL_IDP_ISSUER && env.AUTH_LOCAL_IDP_CLIENT_ID && env.AUTH_LOCAL_IDP_CLIENT_SECRET) {
    return {
      kind: 'local',
      issuer: env.AUTH_LOCAL_IDP_ISSUER,
      clientId: env.AUTH_LOCAL_IDP_CLIENT_ID,
      clientSecret: env.AUTH_LOCAL_IDP_CLIENT_SECRET,
      federatedTokenFile: null,
      tenantId: null,
      ...(env.AUTH_LOCAL_IDP_BROWSER_URL ? { browserUrl: env.AUTH_LOCAL_IDP_BROWSER_URL.replace(/\/$/, '') } : {}),
    };
  }
  return null;
}
