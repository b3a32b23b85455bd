// Module stand-ins for tests that call pages, route handlers and actions outside Next: Auth.js's `auth()`
// returns whatever session the test sets, request headers are a same-origin browser's, and cache
// revalidation is a no-op. Test files wire them with
//   vi.mock('@/lib/auth/auth', async () => (await import('@/lib/auth/testing/mock-next')).authModule);
// (vi.mock is hoisted above imports, so the factory imports this module itself).
import { sameOriginHeaders } from './route-harness';

/** The session `auth()` returns; tests assign `testSession.current`. */
export const testSession: { current: unknown } = { current: null };

export const authModule = {
  PROVIDER_ID: 'microsoft-entra-id',
  auth: async () => testSession.current,
  handlers: { GET: async () => new Response(null, { status: 204 }), POST: async () => new Response(null, { status: 204 }) },
  signIn: async () => undefined,
  signOut: async () => undefined,
};

export const headersModule = {
  headers: async () => sameOriginHeaders(),
  cookies: async () => ({ get: () => undefined, getAll: () => [], has: () => false }),
};

export const cacheModule = { revalidatePath: () => undefined, revalidateTag: () => undefined };
