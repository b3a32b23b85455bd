// Workload identity for the sign-in itself: instead of a client secret, the token request carries the pod's
// federated service-account token as a client assertion (Entra "federated identity credential"). The file is
// re-read on every request because the kubelet rotates it.
import { readFile } from 'node:fs/promises';

export const CLIENT_ASSERTION_TYPE = 'urn:ietf:params:oauth:client-assertion-type:jwt-bearer';

export function federatedTokenFetch(tokenFile: string, fetchImpl: typeof fetch = fetch): typeof fetch {
  return async (input, init) => {
    const body = init?.body;
    // Only the token request has a form body with grant_type; discovery and JWKS requests pass through.
    if (body instanceof URLSearchParams && body.has('grant_type')) {
      const assertion = (await readFile(tokenFile, 'utf8')).trim();
      body.set('client_assertion_type', CLIENT_ASSERTION_TYPE);
      body.set('client_assertion', assertion);
      body.delete('client_secret');
    }
    return fetchImpl(input, init);
  };
}
