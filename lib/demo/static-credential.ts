// Demo mode authenticates to the local ARM stand-in with one fixed bearer token: the SDK clients still run their
// real bearer-token policy, and the stand-in can reject requests that did not come through it.
import type { AccessToken, TokenCredential } from '@azure/core-auth';

/** The only token the stand-in accepts. Not a secret: it grants access to generated demo data on localhost. */
export const DEMO_BEARER_TOKEN = 'aks-posture-demo-token';

/** Far enough that the SDK never tries to refresh during a run (the policy refreshes shortly before expiry). */
const FAR_EXPIRY_MS = Date.UTC(2099, 0, 1);

export class StaticTokenCredential implements TokenCredential {
  constructor(private readonly token: string = DEMO_BEARER_TOKEN) {}

  async getToken(): Promise<AccessToken> {
    return { token: this.token, expiresOnTimestamp: FAR_EXPIRY_MS, tokenType: 'Bearer' };
  }
}

export function createDemoCredential(): TokenCredential {
  return new StaticTokenCredential();
}
