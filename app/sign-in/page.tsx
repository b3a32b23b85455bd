// /sign-in — the only page open to anonymous visitors: one button that starts the Entra ID (or demo provider)
// sign-in. A signed-in visitor is sent on to where they were going.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { z } from 'zod';
import { AuthCard } from '@/components/auth/auth-card';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { signInAction } from '@/lib/auth/actions';
import { getEnv } from '@/lib/env';
import { resolveIdentityProvider } from '@/lib/auth/identity-provider';
import { getSessionState, MFA_REQUIRED_PATH, NO_ACCESS_PATH } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Sign in' };

// Auth.js sends people back here with ?error=<type>; each gets a sentence a person can act on.
const ERROR_MESSAGES: Record<string, string> = {
  AccessDenied: 'Your account was refused: it belongs to another tenant, or the token lacked the claims this app needs.',
  Configuration: 'Sign-in is misconfigured on the server. An administrator has to check the Entra ID settings.',
  Verification: 'The sign-in link expired. Start again.',
  OAuthSignin: 'Could not start the sign-in with the identity provider. Try again.',
  OAuthCallback: 'The identity provider’s answer could not be verified. Start again.',
  OAuthCallbackError: 'The identity provider’s answer could not be verified. Start again.',
  CallbackRouteError: 'The identity provider’s answer could not be verified. Start again.',
  SessionRequired: 'Your session ended. Sign in again.',
};

const searchSchema = z.object({
  error: z.string().max(64).optional().catch(undefined),
  callbackUrl: z.string().max(2000).regex(/^\/(?![/\\])\S*$/).optional().catch(undefined),
  returnTo: z.string().max(2000).regex(/^\/(?![/\\])\S*$/).optional().catch(undefined),
  signedOut: z.literal('1').optional().catch(undefined),
});

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = searchSchema.parse(await searchParams);
  const returnTo = params.returnTo ?? params.callbackUrl ?? '/';
  const state = await getSessionState();
  if (state.kind === 'ok') redirect(returnTo);
  if (state.kind === 'no-role') redirect(NO_ACCESS_PATH);
  if (state.kind === 'mfa-required') redirect(MFA_REQUIRED_PATH);

  let configured = false;
  let providerLabel = 'Microsoft Entra ID';
  try {
    const idp = resolveIdentityProvider(getEnv());
    configured = idp !== null;
    if (idp?.kind === 'local') providerLabel = 'the demo identity provider';
  } catch {
    configured = false;
  }
  const error = params.error ? (ERROR_MESSAGES[params.error] ?? 'Sign-in did not complete. Try again.') : null;

  return (
    <AuthCard title="Sign in" description="The posture of your AKS estate is visible to signed-in members of your organisation only.">
      {params.signedOut ? <Alert title="You are signed out." /> : null}
      {error ? <Alert variant="error" title="Sign-in failed" description={error} /> : null}
      {configured ? (
        <form action={signInAction}>
          <input type="hidden" name="returnTo" value={returnTo} />
          <Button type="submit" size="lg" className="w-full">
            Sign in with {providerLabel}
          </Button>
        </form>
      ) : (
        <Alert
          variant="warning"
          title="Sign-in is not configured"
          description="Set AUTH_MICROSOFT_ENTRA_ID_ID, AUTH_MICROSOFT_ENTRA_ID_TENANT and a client secret or federated credential (see docs/entra-id.md), or start in demo mode with npm start."
        />
      )}
    </AuthCard>
  );
}
