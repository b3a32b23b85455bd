// /no-access — signed in, but the token carries none of this app's roles. Says so plainly instead of showing
// an empty dashboard, and names what an administrator has to assign.
import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { AuthCard } from '@/components/auth/auth-card';
import { SignOutButton } from '@/components/auth/sign-out-button';
import { APP_ROLES } from '@/lib/auth/viewer';
import { requireSignedInClaims } from '@/lib/auth/session';

export const metadata: Metadata = { title: 'No access' };

export default async function NoAccessPage() {
  const claims = await requireSignedInClaims();
  if (claims.roles.length > 0) redirect('/');
  return (
    <AuthCard title="No access" description={`You are signed in as ${claims.name}, but your account has no role in this app.`}>
      <p className="text-sm">
        Ask your Entra ID administrator to assign you one of the app roles of the AKS Posture application:{' '}
        {APP_ROLES.map((r, i) => (
          <span key={r}>
            <code>{r}</code>
            {i < APP_ROLES.length - 1 ? ', ' : '.'}
          </span>
        ))}
      </p>
      {claims.unknownRoles.length > 0 ? (
        <p className="text-sm text-muted-foreground">
          Your token carried roles this app does not know: {claims.unknownRoles.join(', ')}.
        </p>
      ) : null}
      <p className="text-sm text-muted-foreground">After the assignment, sign out and sign in again.</p>
      <SignOutButton />
    </AuthCard>
  );
}
