// /admin/scopes — which Entra groups see which clusters. Admins only. Changes apply on the members' next
// request (the scope is resolved per request) and are audited with before and after.
import type { Metadata } from 'next';
import { PageHeader } from '@/components/layout/page-header';
import { Card, CardContent, CardHeader, CardTitle } from '@/components/ui/card';
import { EmptyState } from '@/components/ui/empty-state';
import { listGroupScopes } from '@/lib/auth/group-scopes';
import { requirePermission } from '@/lib/auth/session';
import { getPrisma } from '@/lib/db/prisma';
import { DeleteScopeButton } from './_components/delete-scope-button';
import { ScopeForm } from './_components/scope-form';

export const metadata: Metadata = { title: 'Cluster scopes' };

export default async function ScopesPage() {
  const viewer = await requirePermission('scopes.manage');
  const scopes = await listGroupScopes(getPrisma(), viewer);
  return (
    <div className="flex flex-col gap-4">
      <PageHeader
        title="Cluster scopes"
        description="Members of a group see the clusters mapped here. Security, managers and admins see every cluster unless UNSCOPED_ROLES says otherwise; a person in no mapped group sees none."
      />
      <Card>
        <CardHeader>
          <CardTitle as="h2">Add a group</CardTitle>
        </CardHeader>
        <CardContent>
          <ScopeForm />
        </CardContent>
      </Card>
      {scopes.length === 0 ? (
        <EmptyState title="No group is mapped yet." description="Until one is, only the unscoped roles see clusters." />
      ) : (
        <ul className="flex flex-col gap-4" aria-label="Group mappings">
          {scopes.map((s) => (
            <li key={s.groupId}>
              <Card>
                <CardHeader className="flex-row items-start justify-between">
                  <div>
                    <CardTitle as="h2">{s.displayName ?? s.groupId}</CardTitle>
                    <p className="text-xs text-muted-foreground">
                      {s.groupId} · {s.source === 'seed' ? 'from the seed file' : `edited by ${s.updatedBy ?? 'unknown'}`} · {s.updatedAt.slice(0, 10)}
                    </p>
                  </div>
                  <DeleteScopeButton groupId={s.groupId} label={s.displayName ?? s.groupId} />
                </CardHeader>
                <CardContent>
                  <ScopeForm initial={s} />
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
