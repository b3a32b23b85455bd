'use server';
// Sign-in and sign-out as server actions: the forms post to the app itself (same-origin checked), and Auth.js
// takes over from there. Public by nature; withPublicAction still refuses cross-site posts.
import { z } from 'zod';
import { signIn, signOut, PROVIDER_ID } from './auth';
import { withPublicAction } from './guards';

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
  await signOut({ redirectTo: '/sign-in?signedOut=1' });
}, 'ends the session');
