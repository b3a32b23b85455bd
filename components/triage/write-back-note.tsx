import { CloudOff, RefreshCw } from 'lucide-react';

/** Says where a triage change goes: back to Defender and Sentinel when write-back is on, otherwise nowhere. */
export function WriteBackNote({ canTriage, writeBackEnabled }: { canTriage: boolean; writeBackEnabled: boolean }) {
  if (!canTriage) {
    return (
      <p className="rounded-md border bg-muted px-2.5 py-1 text-xs text-muted-foreground" data-testid="read-only-note">
        Read only — your role can view the queue but not triage it.
      </p>
    );
  }
  if (writeBackEnabled) {
    return (
      <p className="inline-flex items-center gap-1.5 rounded-md border bg-muted px-2.5 py-1 text-xs text-muted-foreground" data-testid="write-back-note">
        <RefreshCw aria-hidden="true" className="size-3.5" />
        Write-back on — status changes of Defender alerts and Sentinel incidents go back to Azure; other findings stay here.
      </p>
    );
  }
  return (
    <p className="inline-flex items-center gap-1.5 rounded-md border bg-muted px-2.5 py-1 text-xs text-muted-foreground" data-testid="write-back-note">
      <CloudOff aria-hidden="true" className="size-3.5" />
      Local only (write-back off) — changes stay in this dashboard; they are not written back to Defender or Sentinel.
    </p>
  );
}
