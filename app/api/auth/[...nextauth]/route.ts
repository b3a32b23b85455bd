// GET/POST /api/auth/* — Auth.js endpoints: sign-in start, OIDC callback, sign-out, session, CSRF token. Public by
// nature (this is how one signs in); Auth.js checks its own CSRF token on POST and the OIDC state, nonce and
// PKCE on the callback; proxy.ts rate-limits sign-in and callback per client address.
import type { NextRequest } from 'next/server';
import { handlers } from '@/lib/auth/auth';
import { withPublic } from '@/lib/auth/guards';

export const dynamic = 'force-dynamic';

export const GET = withPublic((request: NextRequest) => handlers.GET(request), 'Auth.js sign-in and callback endpoints');
export const POST = withPublic((request: NextRequest) => handlers.POST(request), 'Auth.js sign-in and sign-out endpoints');
