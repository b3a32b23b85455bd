// The demo identity provider end to end over HTTPS: authorization code + PKCE, the login form, and the ID token
// claims the app relies on (oid, tid, roles, groups, amr). Plus its refusal to run outside demo mode.
import { createHash, randomBytes } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { request } from 'node:https';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDevCertificate } from '../../demo/tls';
import { DEMO_GROUPS, DEMO_TENANT_ID, findDemoUser } from '../demo-users';
import { startLocalIdp, type LocalIdp } from './index';
import { buildEndSessionUrl, SIGNED_OUT_PATH } from '../end-session';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

const APP = 'http://localhost:3999';
const REDIRECT_URI = `${APP}/api/auth/callback/microsoft-entra-id`;
const DEMO_ENV = { POSTURE_MODE: 'demo' };

function client(ca: string) {
  const jar = new Map<string, string>();
  const send = (url: string, options: { method?: string; form?: Record<string, string>; auth?: string } = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
      const headers: Record<string, string> = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
      if (body) headers['content-type'] = 'application/x-www-form-urlencoded';
      if (options.auth) headers.authorization = options.auth;
      const send = url.startsWith('http:') ? httpRequest : request;
      const req = send(url, { method: options.method ?? 'GET', ca, headers }, (res) => {
        for (const c of res.headers['set-cookie'] ?? []) {
          const [pair] = c.split(';');
          const [k, ...v] = (pair ?? '').split('=');
          if (k) jar.set(k.trim(), v.join('='));
        }
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (data += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: data }));
      });
      req.on('error', reject);
      req.end(body);
    });
  return send;
}

/** Follows the provider's redirects from an authorization request: the app URL it returns to, or its login page. */
async function followToInteractionOrApp(send: ReturnType<typeof client>, start: URL): Promise<string> {
  let next = start.toString();
  for (let i = 0; i < 6 && !next.startsWith(APP) && !/\/interaction\//.test(next); i++) {
    const r = await send(next);
    if (!r.headers.location) break;
    next = new URL(String(r.headers.location), next).toString();
  }
  return next;
}

describe('local identity provider', () => {
  let idp: LocalIdp;
  let ca: string;
  beforeAll(async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'idp-tls-'));
    const cert = await ensureDevCertificate(dir);
    ca = cert.cert;
    idp = await startLocalIdp({ port: 0, tls: { key: cert.key, cert: cert.cert }, appUrl: APP, env: DEMO_ENV });
  });
  afterAll(async () => idp?.stop());

  async function signIn(username: string, password: string, mfa: boolean, viaBrowserUrl = false) {
    const send = client(ca);
    const discovery = JSON.parse((await send(`${idp.issuer}/.well-known/openid-configuration`)).body) as Record<string, string>;
    expect(discovery.issuer).toBe(idp.issuer);
    const verifier = randomBytes(32).toString('base64url');
    const challenge = createHash('sha256').update(verifier).digest('base64url');
    const auth = new URL(discovery.authorization_endpoint ?? '');
    // The app sends browsers to the plain-HTTP origin (no certificate warning); the path is the same.
    const authUrl = viaBrowserUrl ? new URL(auth.pathname, idp.browserUrl) : auth;
    Object.entries({ client_id: idp.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid profile email', state: 's1', nonce: 'n1', code_challenge: challenge, code_challenge_method: 'S256' }).forEach(([k, v]) => authUrl.searchParams.set(k, v));
    const start = await send(authUrl.toString());
    expect(start.status).toBe(303);
    const interactionUrl = new URL(String(start.headers.location), authUrl).toString();
    const form = await send(interactionUrl);
    expect(form.status).toBe(200);
    const login = await send(`${interactionUrl}/login`, { method: 'POST', form: { username, password, ...(mfa ? { mfa: 'yes' } : {}) } });
    return { send, form, login, discovery, verifier };
  }

  it('serves an accessible form: labelled user and password fields, a CSP without scripts', async () => {
    const { form } = await signIn('developer', 'wrong', true);
    expect(form.body).toMatch(/<label for="username">User<\/label>/);
    expect(form.body).toMatch(/<label for="password">Password<\/label>/);
    expect(form.body).not.toMatch(/<script/i);
    expect(String(form.headers['content-security-policy'])).toMatch(/default-src 'none'/);
    expect(String(form.headers['content-security-policy'])).toMatch(/frame-ancestors 'none'/);
  });

  it('refuses a wrong password with the same message as an unknown user', async () => {
    const wrong = (await signIn('developer', 'nope', true)).login;
    const unknown = (await signIn('nobody', 'demo', true)).login;
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(wrong.body).toContain('role="alert"');
    expect(wrong.body).toContain('Wrong user or password.');
    expect(unknown.body).toContain('Wrong user or password.');
  });

  it.each([
    ['over HTTPS at the issuer', false],
    ['with the browser on the plain-HTTP origin and the token from the HTTPS issuer', true],
  ])('issues an ID token with the Entra claims of the demo user, %s', async (_how, viaBrowserUrl) => {
    const { send, login, discovery, verifier } = await signIn('developer', 'demo', true, viaBrowserUrl);
    expect(login.status).toBe(303);
    const origin = viaBrowserUrl ? idp.browserUrl : idp.issuer;
    let next = new URL(String(login.headers.location), origin).toString();
    // Follow the provider's own redirects until it sends the browser back to the app.
    for (let i = 0; i < 5 && !next.startsWith(APP); i++) {
      const r = await send(next);
      expect([302, 303]).toContain(r.status);
      next = new URL(String(r.headers.location), next).toString();
    }
    if (viaBrowserUrl) expect(new URL(idp.browserUrl).protocol).toBe('http:');
    const callback = new URL(next);
    expect(callback.origin + callback.pathname).toBe(REDIRECT_URI);
    const code = callback.searchParams.get('code') ?? '';
    const token = await send(discovery.token_endpoint ?? '', {
      method: 'POST',
      auth: `Basic ${Buffer.from(`${idp.clientId}:${idp.clientSecret}`).toString('base64')}`,
      form: { grant_type: 'authorization_code', code, redirect_uri: REDIRECT_URI, code_verifier: verifier },
    });
    expect(token.status).toBe(200);
    const idToken = (JSON.parse(token.body) as { id_token: string }).id_token;
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8')) as Record<string, unknown>;
    const user = findDemoUser("developer");
    expect(claims).toMatchObject({ iss: idp.issuer, aud: idp.clientId, oid: user?.oid, tid: DEMO_TENANT_ID, roles: ['developer'], groups: [DEMO_GROUPS.teamA.id], amr: ['pwd', 'mfa'], nonce: 'n1' });
  });

  it('ends its own session at RP-initiated logout, so the next sign-in asks for the password (issue 8 item 11)', async () => {
    const { send, login, discovery } = await signIn('developer', 'demo', true, true);
    expect(login.status).toBe(303);
    // Finish the sign-in: the provider now has a session for this browser.
    let next = new URL(String(login.headers.location), idp.browserUrl).toString();
    for (let i = 0; i < 5 && !next.startsWith(APP); i++) next = new URL(String((await send(next)).headers.location), next).toString();
    const authorize = () => {
      const u = new URL(new URL(discovery.authorization_endpoint ?? '').pathname, idp.browserUrl);
      Object.entries({ client_id: idp.clientId, redirect_uri: REDIRECT_URI, response_type: 'code', scope: 'openid', state: 's2', nonce: 'n2', code_challenge: 'x'.repeat(43), code_challenge_method: 'S256' }).forEach(([k, v]) => u.searchParams.set(k, v));
      return u;
    };
    // While the provider's session lives, "Sign in" is answered without a password (the reported behaviour).
    const silent = await followToInteractionOrApp(send, authorize());
    expect(silent.startsWith(APP)).toBe(true);

    expect(discovery.end_session_endpoint).toBeTruthy();
    const logoutUrl = buildEndSessionUrl(discovery.end_session_endpoint ?? '', idp, APP);
    const confirm = await send(logoutUrl);
    expect(confirm.status).toBe(200);
    const action = /<form[^>]*action="([^"]+)"/.exec(confirm.body)?.[1] ?? '';
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(confirm.body)?.[1] ?? '';
    const done = await send(new URL(action, logoutUrl).toString(), { method: 'POST', form: { xsrf, logout: 'yes' } });
    expect(done.status).toBe(303);
    expect(String(done.headers.location)).toBe(`${APP}${SIGNED_OUT_PATH}`);

    // Now "Sign in" shows the login form again.
    const after = await followToInteractionOrApp(send, authorize());
    expect(after).toMatch(/\/interaction\//);
  });

  it('rate-limits the login form', async () => {
    const { send } = await signIn('admin', 'x', true);
    void send;
    let last = 0;
    for (let i = 0; i < 25 && last !== 429; i++) last = (await signIn('admin', 'x', true)).login.status;
    expect(last).toBe(429);
  });

  it('does not start outside demo mode or when Entra is configured', async () => {
    const tls = { key: 'unused', cert: 'unused' };
    await expect(startLocalIdp({ port: 0, tls, appUrl: APP, env: { POSTURE_MODE: 'azure', AZURE_SUBSCRIPTION_IDS: '00000000-0000-0000-0000-000000000001' } })).rejects.toThrow(/demo mode/);
    await expect(startLocalIdp({ port: 0, tls, appUrl: APP, env: { POSTURE_MODE: 'demo', AUTH_MICROSOFT_ENTRA_ID_ID: 'x' } })).rejects.toThrow(/Entra ID is configured/);
  });
});
