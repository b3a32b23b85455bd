// /mfa-required — REQUIRE_MFA is on and this session was signed in without a second factor (`amr` lacks mfa).
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { hasMfa } from '@/lib/auth/claims';
import { requireSignedInClaims } from '@/lib/auth/session';
import { getEnv } from '@/lib/env';

export const metadata: Metadata = { title: 'Multi-factor authentication required' };

export default async function MfaRequiredPage() {
  const claims = await requireSignedInClaims();
  if (!getEnv().REQUIRE_MFA || hasMfa(claims)) redirect('/');
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
