// RP-initiated logout: after the app's own sign-out, the browser goes to the identity provider's
// `end_session_endpoint` (OpenID Connect RP-Initiated Logout 1.0), so the provider's session ends too and "Sign
// in" asks for a password again instead of signing the same person straight back in. Entra ID and the local
// demo provider both publish one; a provider that does not, or cannot be reached, leaves the app's sign-out as is.
import { z } from 'zod';
import type { IdentityProviderConfig } from './identity-provider';
import { logger } from '../security/logger';

export const SIGNED_OUT_PATH = '/sign-in?signedOut=1';

const discoverySchema = z.object({ end_session_endpoint: z.url({ protocol: /^https?$/ }).optional() });

/** The browser's logout URL at the provider: client_id and where to come back (registered at the provider). */
export function buildEndSessionUrl(endpoint: string, idp: Pick<IdentityProviderConfig, 'clientId' | 'browserUrl'>, appOrigin: string): string {
  const url = new URL(endpoint);
  // The demo provider's browser-facing pages (and its session cookie) live on its plain-HTTP loopback origin.
  const browser = idp.browserUrl ? new URL(idp.browserUrl) : null;
  if (browser) {
    url.protocol = browser.protocol;
    url.host = browser.host;
  }
  url.searchParams.set('client_id', idp.clientId);
  url.searchParams.set('post_logout_redirect_uri', `${appOrigin}${SIGNED_OUT_PATH}`);
  return url.toString();
}

// Discovery documents rarely change; one read per process (a failed read is retried next time).
const endpoints = new Map<string, string | null>();

export async function endSessionUrl(
  idp: Pick<IdentityProviderConfig, 'issuer' | 'clientId' | 'browserUrl'> | null,
  appOrigin: string,
  fetchImpl: typeof fetch = fetch,
): Promise<string | null> {
  if (!idp) return null;
  let endpoint = endpoints.get(idp.issuer);
  if (endpoint === undefined) {
    try {
      const res = await fetchImpl(`${idp.issuer.replace(/\/$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(3000) });
      if (!res.ok) throw new Error(`discovery answered ${res.status}`);
      endpoint = discoverySchema.parse(await res.json()).end_session_endpoint ?? null;
      endpoints.set(idp.issuer, endpoint);
    } catch (error) {
      logger.warn('auth.end_session_unavailable', { error: error instanceof Error ? error.message : String(error) });
      return null;
    }
  }
  return endpoint ? buildEndSessionUrl(endpoint, idp, appOrigin) : null;
}
