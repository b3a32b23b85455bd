import { Check, CircleHelp, X } from 'lucide-react';
import { VersionSupportBadge, VERSION_SUPPORT_HELP } from '@/components/compliance/version-support-badge';
import { cn } from '@/components/ui/cn';
import type { ClusterSettingsDto } from '@/lib/data/cluster-versions';

function Flag({ label, value, good = true, detail }: { label: string; value: boolean | null; good?: boolean; detail?: string }) {
  const ok = value === null ? null : value === good;
  const Icon = ok === null ? CircleHelp : ok ? Check : X;
  return (
    <li className="flex items-start gap-2 text-sm" data-setting={label} data-ok={ok === null ? 'unknown' : String(ok)}>
      <Icon aria-hidden="true" className={cn('mt-0.5 size-4 shrink-0', ok === null ? 'text-muted-foreground' : ok ? 'text-pass' : 'text-fail')} />
      <span>
        {label}
        <span className="sr-only">: {ok === null ? 'unknown' : ok ? 'yes' : 'no'}</span>
        {detail ? <span className="block text-xs text-muted-foreground">{detail}</span> : null}
      </span>
    </li>
  );
}

/** Version and upgrade status plus the security settings read from the managed-cluster resource. */
export function ClusterSettings({ c }: { c: ClusterSettingsDto }) {
  const f = c.facts;
  return (
    <div className="grid gap-6 md:grid-cols-2">
      <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm" data-testid="version-status">
        <dt className="text-muted-foreground">Kubernetes</dt>
        <dd className="flex flex-wrap items-center gap-2 tabular-nums">
          {c.kubernetesVersion ?? '—'} <VersionSupportBadge support={c.support} />
        </dd>
        <dt className="text-muted-foreground">Region offers</dt>
        <dd className="tabular-nums">{c.oldestSupported ? `${c.oldestSupported} – ${c.latest}` : 'not read yet'}</dd>
        <dt className="text-muted-foreground">Upgrade channel</dt>
        <dd>{c.upgradeChannel ?? 'unknown'}</dd>
        <dt className="text-muted-foreground">Node OS channel</dt>
        <dd>{c.nodeOsUpgradeChannel ?? 'unknown'}</dd>
        <dt className="text-muted-foreground">Node image</dt>
        <dd className="min-w-0">
          <span className="break-all font-mono text-xs">{c.nodeImageVersions.join(', ') || 'unknown'}</span>
          {c.nodeImageAgeDays !== null ? <span className={cn('block text-xs', c.nodeImageAgeDays > 90 ? 'text-fail' : 'text-muted-foreground')}>{c.nodeImageAgeDays} days old</span> : null}
        </dd>
        <dt className="text-muted-foreground">Network</dt>
        <dd>{f.networkPlugin ?? 'unknown'} plugin · policy engine {f.networkPolicy ?? 'none'}</dd>
      </dl>
      <ul className="grid gap-2 sm:grid-cols-2" aria-label="Security settings" data-testid="cluster-settings">
        <Flag label="Azure Policy add-on" value={f.azurePolicyAddon} />
        <Flag label="Defender profile" value={f.defenderProfile} />
        <Flag label="Local accounts disabled" value={f.localAccountsDisabled} />
        <Flag label="Entra ID integration" value={f.entraIntegration} detail={f.azureRbac ? 'Azure RBAC for Kubernetes' : undefined} />
        <Flag
          label="API server restricted"
          value={f.privateApiServer === null ? null : f.privateApiServer || (f.authorizedIpRanges?.length ?? 0) > 0}
          detail={f.privateApiServer ? 'private cluster' : f.authorizedIpRanges?.length ? `${f.authorizedIpRanges.length} authorised IP ranges` : undefined}
        />
        <Flag label="Network policy engine" value={f.networkPolicy === null ? (f.networkPlugin === null ? null : false) : true} />
        <Flag label="Workload identity" value={f.workloadIdentity} />
        <Flag label="OIDC issuer" value={f.oidcIssuer} />
        <Flag label="Key Vault secrets provider" value={f.keyVaultSecretsProvider} />
      </ul>
      <p className="text-xs text-muted-foreground md:col-span-2">{VERSION_SUPPORT_HELP}</p>
    </div>
  );
}
