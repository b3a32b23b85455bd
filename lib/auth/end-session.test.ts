// Issue 8 item 11: sign-out sends the browser to the provider's end_session_endpoint, found by discovery.
import { describe, expect, it } from 'vitest';
import { buildEndSessionUrl, endSessionUrl, SIGNED_OUT_PATH } from './end-session';

const APP = 'https://posture.example.com';

describe('RP-initiated logout URL', () => {
  it('uses the discovered end_session_endpoint with client_id and the registered return address', async () => {
    const idp = { issuer: 'https://login.microsoftonline.com/tenant-1/v2.0', clientId: 'client-1' };
    const fetchImpl = (async () =>
      Response.json({ end_session_endpoint: 'https://login.microsoftonline.com/tenant-1/oauth2/v2.0/logout' })) as unknown as typeof fetch;
    const url = new URL((await endSessionUrl(idp, APP, fetchImpl)) ?? '');
    expect(url.origin + url.pathname).toBe('https://login.microsoftonline.com/tenant-1/oauth2/v2.0/logout');
    expect(url.searchParams.get('client_id')).toBe('client-1');
    expect(url.searchParams.get('post_logout_redirect_uri')).toBe(`${APP}${SIGNED_OUT_PATH}`);
  });

  it('sends the demo provider’s logout to its plain-HTTP browser origin', () => {
    const url = new URL(buildEndSessionUrl('https://127.0.0.1:4443/session/end', { clientId: 'c', browserUrl: 'http://127.0.0.1:4444' }, 'http://localhost:3000'));
    expect(url.origin).toBe('http://127.0.0.1:4444');
    expect(url.pathname).toBe('/session/end');
  });

  it('falls back to the app’s own sign-out when the provider offers none or cannot be reached', async () => {
    const none = (async () => Response.json({ issuer: 'x' })) as unknown as typeof fetch;
    expect(await endSessionUrl({ issuer: 'https://idp-without-logout.example', clientId: 'c' }, APP, none)).toBeNull();
    const down = (async () => { throw new Error('ECONNREFUSED'); }) as unknown as typeof fetch;
    expect(await endSessionUrl({ issuer: 'https://idp-down.example', clientId: 'c' }, APP, down)).toBeNull();
    expect(await endSessionUrl(null, APP)).toBeNull();
  });
});
