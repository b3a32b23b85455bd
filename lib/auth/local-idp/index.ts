// The local OpenID Connect provider for demo mode and tests (oidc-provider over HTTPS on loopback). It issues
// the claims Entra issues (oid, tid, roles, groups, amr) for the demo directory, so the app signs in through
// its production code path. It refuses to start when Entra is configured or outside demo mode.
import { generateKeyPairSync, randomBytes, timingSafeEqual, createHash } from 'node:crypto';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Provider, type ClaimsAccount } from 'oidc-provider';
import { z } from 'zod';
import { parseEnv } from '../../env';
import { createRateLimiter } from '../../security/rate-limit';
import { logger } from '../../security/logger';
import { isEntraConfigured } from '../identity-provider';
import { DEMO_PASSWORD, DEMO_TENANT_ID, DEMO_USERS, findDemoUser } from '../demo-users';
import { renderLoginPage, renderLogoutPage } from './login-page';
import { SIGNED_OUT_PATH } from '../end-session';

export interface LocalIdpOptions {
  /** 0 picks a free port. */
  port: number;
  tls: { key: string; cert: string };
  /** The app's base URL (http://localhost:3000): the callback and post-logout URLs are registered under it. */
  appUrl: string;
  /** Loopback address to bind; also the issuer's host (the dev certificate covers 127.0.0.1 and localhost). */
  host?: '127.0.0.1' | 'localhost';
  /** Environment to check for demo mode and Entra configuration; process.env by default. */
  env?: Record<string, string | undefined>;
}

export interface LocalIdp {
  issuer: string;
  /**
   * Plain-HTTP loopback origin for the browser's part of the flow (authorize, sign-in form). Browsers do not trust
   * the self-signed dev certificate and would stop a demo user at a warning; the app's server-side calls
   * (discovery, token, keys) still go to the HTTPS issuer, as the Entra provider requires.
   */
  browserUrl: string;
  clientId: string;
  clientSecret: string;
  stop(): Promise<void>;
}

/** Env names the launcher passes to the Next process with the values startLocalIdp returns. */
export const LOCAL_IDP_ENV = {
  issuer: 'AUTH_LOCAL_IDP_ISSUER',
  browserUrl: 'AUTH_LOCAL_IDP_BROWSER_URL',
  clientId: 'AUTH_LOCAL_IDP_CLIENT_ID',
  clientSecret: 'AUTH_LOCAL_IDP_CLIENT_SECRET',
} as const;

export const LOCAL_IDP_CLIENT_ID = 'aks-posture-demo';
const PROVIDER_CALLBACK = '/api/auth/callback/microsoft-entra-id';

const loginSchema = z.object({
  username: z.string().trim().min(1, 'Enter a user name.').max(64),
  password: z.string().min(1, 'Enter the password.').max(256),
  mfa: z.literal('yes').optional(),
});

function sameSecret(a: string, b: string): boolean {
  // Hash first so the comparison is constant-time whatever the lengths.
  const ha = createHash('sha256').update(a).digest();
  const hb = createHash('sha256').update(b).digest();
  return timingSafeEqual(ha, hb);
}

async function readForm(req: IncomingMessage, limit = 8 * 1024): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const b = chunk as Buffer;
    size += b.length;
    if (size > limit) throw new Error('form too large');
    chunks.push(b);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// form-action must allow the app: Chromium applies it to the redirects that follow the form post.
const pageCsp = (nonce: string, appOrigin: string) =>
  `default-src 'none'; style-src 'nonce-${nonce}'; form-action 'self' ${appOrigin}; frame-ancestors 'none'; base-uri 'none'`;

function securityHeaders(res: ServerResponse, nonce: string, appOrigin: string): void {
  res.setHeader('Content-Security-Policy', pageCsp(nonce, appOrigin));
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('X-Frame-Options', 'DENY');
}

export async function startLocalIdp(options: LocalIdpOptions): Promise<LocalIdp> {
  const env = parseEnv(options.env ?? process.env);
  if (env.POSTURE_MODE !== 'demo') throw new Error('The local identity provider runs only in demo mode (POSTURE_MODE=demo).');
  if (isEntraConfigured(env)) throw new Error('Entra ID is configured (AUTH_MICROSOFT_ENTRA_ID_ID); the local identity provider does not start.');

  const host = options.host ?? '127.0.0.1';
  const appOrigin = new URL(options.appUrl).origin;
  const clientSecret = randomBytes(32).toString('base64url');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), use: 'sig', alg: 'RS256', kid: randomBytes(8).toString('hex') };
  // The same setting as the app's own sign-in limit, so a test run signing in many times can raise both at once.
  const limiter = createRateLimiter({ limit: env.SIGN_IN_RATE_LIMIT_PER_MINUTE, windowMs: 60_000 });

  // The issuer needs the port, which is known only after listen; the server starts first with a late handler.
  let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => {
    res.statusCode = 503;
    res.end();
  };
  const server: Server = createServer({ key: options.tls.key, cert: options.tls.cert }, (req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const issuer = `https://${host}:${port}`;
  const browserServer: HttpServer = createHttpServer((req, res) => handle(req, res));
  await new Promise<void>((resolve, reject) => {
    browserServer.once('error', reject);
    browserServer.listen(0, host, () => resolve());
  });
  // Plain HTTP on loopback only, on purpose: the demo sign-in pages must not show a certificate warning.
  // eslint-disable-next-line @microsoft/sdl/no-insecure-url
  const browserUrl = `http://${host}:${(browserServer.address() as AddressInfo).port}`;

  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: LOCAL_IDP_CLIENT_ID,
        client_secret: clientSecret,
        redirect_uris: [`${appOrigin}${PROVIDER_CALLBACK}`],
        post_logout_redirect_uris: [`${appOrigin}/sign-in`, `${appOrigin}${SIGNED_OUT_PATH}`],
        grant_types: ['authorization_code'],
        response_types: ['code'],
        token_endpoint_auth_method: 'client_secret_basic',
        id_token_signed_response_alg: 'RS256',
      },
    ],
    async findAccount(_ctx, id): Promise<ClaimsAccount | undefined> {
      const user = DEMO_USERS.find((u) => u.oid === id);
      if (!user) return undefined;
      return {
        accountId: user.oid,
        claims: () => ({
          sub: user.oid,
          oid: user.oid,
          tid: DEMO_TENANT_ID,
          name: user.name,
          preferred_username: user.email,
          email: user.email,
          roles: user.roles,
          groups: user.groups,
        }),
      };
    },
    // Entra puts oid, tid, roles and groups in the ID token; so does this provider.
    // amr rides on the openid scope, as in Entra tokens; as a standalone (null) claim the provider would only
    // include it when the client asks for it by name.
    claims: {
      acr: null,
      auth_time: null,
      sid: null,
      iss: null,
      openid: ['sub', 'oid', 'tid', 'roles', 'groups', 'amr'],
      profile: ['name', 'preferred_username'],
      email: ['email'],
    },
    conformIdTokenClaims: false,
    cookies: { keys: [randomBytes(32).toString('base64url')] },
    jwks: { keys: [jwk] },
    features: {
      devInteractions: { enabled: false },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource(ctx: { body: unknown; set(name: string, value: string): void }, form: string) {
          const nonce = randomBytes(16).toString('base64');
          ctx.set('Content-Security-Policy', pageCsp(nonce, appOrigin));
          ctx.set('X-Content-Type-Options', 'nosniff');
          ctx.set('X-Frame-Options', 'DENY');
          ctx.body = renderLogoutPage({ nonce, form });
        },
      },
    },
    interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
    pkce: { required: () => true },
    ttl: { Session: 8 * 3600, Interaction: 600, Grant: 8 * 3600, IdToken: 3600, AccessToken: 600, AuthorizationCode: 60 },
    renderError(ctx, out) {
      ctx.type = 'text/html';
      const msg = `${out.error ?? 'error'}: ${out.error_description ?? ''}`.replace(/[&<>"']/g, '');
      ctx.body = `<!doctype html><html lang="en"><meta charset="utf-8"><title>Sign-in error</title><main><h1>Sign-in error</h1><p>${msg}</p></main></html>`;
    },
  });
  provider.on('server_error', (_ctx, error) => logger.error('local_idp.server_error', { error }));

  const oidc = provider.callback();

  async function finishLogin(req: IncomingMessage, res: ServerResponse, accountId: string, mfa: boolean): Promise<void> {
    const grant = new provider.Grant({ accountId, clientId: LOCAL_IDP_CLIENT_ID });
    grant.addOIDCScope('openid profile email');
    const grantId = await grant.save();
    await provider.interactionFinished(
      req,
      res,
      { login: { accountId, amr: mfa ? ['pwd', 'mfa'] : ['pwd'], acr: mfa ? 'possessionorinherence' : 'knowledge' }, consent: { grantId } },
      { mergeWithLastSubmission: false },
    );
  }

  async function interaction(req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> {
    const nonce = randomBytes(16).toString('base64');
    securityHeaders(res, nonce, appOrigin);
    const match = /^\/interaction\/([A-Za-z0-9_-]{1,64})(\/login)?$/.exec(url.pathname);
    if (!match) {
      res.statusCode = 404;
      res.end();
      return;
    }
    const details = await provider.interactionDetails(req, res);
    if (details.uid !== match[1]) throw new Error('interaction mismatch');
    // Already signed in at this provider (e.g. second sign-in after an app sign-out): only consent is missing.
    if (details.prompt.name === 'consent' && details.session?.accountId) {
      await finishLogin(req, res, details.session.accountId, true);
      return;
    }
    const page = (status: number, error?: string, username?: string) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      res.end(renderLoginPage({ uid: details.uid, nonce, users: DEMO_USERS, error, username }));
    };
    if (req.method === 'GET' && !match[2]) return page(200);
    if (req.method !== 'POST' || !match[2]) {
      res.statusCode = 405;
      res.end();
      return;
    }
    const address = req.socket.remoteAddress ?? 'unknown';
    const verdict = limiter.take(address);
    if (!verdict.allowed) {
      res.setHeader('Retry-After', String(verdict.retryAfter));
      return page(429, `Too many sign-in attempts. Try again in ${verdict.retryAfter} seconds.`);
    }
    const parsed = loginSchema.safeParse(Object.fromEntries(await readForm(req)));
    if (!parsed.success) return page(400, parsed.error.issues.map((i) => i.message).join(' '));
    const user = findDemoUser(parsed.data.username);
    // Same message for unknown user and wrong password: the form must not confirm which users exist.
    if (!user || !sameSecret(parsed.data.password, DEMO_PASSWORD)) {
      logger.warn('local_idp.sign_in_failed', { username: parsed.data.username.slice(0, 64) });
      return page(401, 'Wrong user or password.', parsed.data.username);
    }
    await finishLogin(req, res, user.oid, parsed.data.mfa === 'yes');
  }

  handle = (req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    if (url.pathname.startsWith('/interaction/')) {
      interaction(req, res, url).catch((error: unknown) => {
        logger.warn('local_idp.interaction_failed', { error });
        if (!res.headersSent) {
          res.statusCode = 400;
          res.setHeader('Content-Type', 'text/plain; charset=utf-8');
        }
        res.end('This sign-in attempt expired or is invalid. Go back to the app and sign in again.');
      });
      return;
    }
    oidc(req, res);
  };

  logger.info('local_idp.started', { issuer });
  const close = (s: Server | HttpServer) =>
    new Promise<void>((resolve, reject) => {
      s.closeAllConnections();
      s.close((error) => (error ? reject(error) : resolve()));
    });
  return {
    issuer,
    browserUrl,
    clientId: LOCAL_IDP_CLIENT_ID,
    clientSecret,
    stop: async () => {
      await Promise.all([close(server), close(browserServer)]);
    },
  };
}
