import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import type { VersionSupport } from '@/lib/clusters/version-support';

const LABEL: Record<VersionSupport, string> = {
  supported: 'Supported',
  ending: 'Support ending',
  unsupported: 'Unsupported',
  unknown: 'Unknown',
};

export const VERSION_SUPPORT_HELP =
  'Judged against the minor versions AKS lists for the region. "Support ending" is the oldest listed minor: AKS retires it when the next minor reaches general availability.';

export function VersionSupportBadge({ support }: { support: VersionSupport }) {
  return (
    <Badge
      variant="outline"
      data-support={support}
      className={cn(
        support === 'supported' && 'border-pass/40 bg-pass/10 text-pass',
        support === 'ending' && 'border-warning/40 bg-warning/10 text-warning',
        support === 'unsupported' && 'border-fail/40 bg-fail/10 text-fail',
      )}
    >
      {LABEL[support]}
    </Badge>
  );
}
