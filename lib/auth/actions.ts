'use server';
// Sign-in and sign-out as server actions: the forms post to the app itself (same-origin checked), and Auth.js
// takes over from there. Public by nature; withPublicAction still refuses cross-site posts.
import { z } from 'zod';
import { signIn, signOut, PROVIDER_ID } from './auth';
import { withPublicAction } from './guards';
import { redirect } from 'next/navigation';
import { getEnv } from '../env';
import { endSessionUrl, SIGNED_OUT_PATH } from './end-session';
import { resolveIdentityProvider } from './identity-provider';

// Only a local path: an absolute or protocol-relative URL would make sign-in an open redirect.
const returnToSchema = z
  .string()
  .max(2000)
  .regex(/^\/(?![/\\])[^\s]*$/, 'must be a path on this site')
  .catch('/');

export const signInAction = withPublicAction(async (form: FormData): Promise<void> => {
  const redirectTo = returnToSchema.parse(form.get('returnTo') ?? '/');
  await signIn(PROVIDER_ID, { redirectTo });
}, 'starts the Entra ID sign-in');

export const signOutAction = withPublicAction(async (): Promise<void> => {
  // The app's session ends first (revoked, cookie cleared); then the provider's, when it offers RP-initiated logout.
  const env = getEnv();
  const providerLogout = await endSessionUrl(resolveIdentityProvider(env), new URL(env.AUTH_URL ?? `http://localhost:${env.PORT}`).origin);
  if (!providerLogout) return void (await signOut({ redirectTo: SIGNED_OUT_PATH }));
  await signOut({ redirect: false });
  redirect(providerLogout);
}, 'ends the session, at the identity provider too');
