// /mfa-required — the require-MFA setting is on and this session was signed in without a second factor (`amr` lacks mfa).
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { getSessionState, SIGN_IN_PATH } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'Multi-factor authentication required' };

export default async function MfaRequiredPage() {
  const state = await getSessionState();
  if (state.kind === 'anonymous') redirect(SIGN_IN_PATH);
  if (state.kind !== 'mfa-required') redirect('/');
  const { claims } = state;
  return (
    <AuthCard title="Multi-factor authentication required" description={`You are signed in as ${claims.name} without a second factor.`}>
      <p className="text-sm">
        This dashboard shows the security weaknesses of your clusters, so it accepts only sessions signed in with
        multi-factor authentication. Sign out, then sign in again and complete the second step (authenticator app,
        phone, security key or Windows Hello).
      </p>
      <p className="text-sm text-muted-foreground">
        Methods recorded for this sign-in: {claims.amr.length > 0 ? claims.amr.join(', ') : 'none reported'}.
      </p>
      <SignOutButton label="Sign out and try again" />
    </AuthCard>
  );
}
