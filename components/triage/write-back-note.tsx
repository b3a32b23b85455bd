import { CloudOff } from 'lucide-react';

/** Says where a triage change goes. Write-back to Defender and Sentinel is not switched on, so changes stay here. */
export function WriteBackNote({ canTriage }: { canTriage: boolean }) {
  if (!canTriage) {
    return (
      <p className="rounded-md border bg-muted px-2.5 py-1 text-xs text-muted-foreground" data-testid="read-only-note">
        Read only — your role can view the queue but not triage it.
      </p>
    );
  }
  return (
    <p className="inline-flex items-center gap-1.5 rounded-md border bg-muted px-2.5 py-1 text-xs text-muted-foreground" data-testid="write-back-note">
      <CloudOff aria-hidden="true" className="size-3.5" />
      Local only — changes stay in this dashboard; they are not written back to Defender or Sentinel.
    </p>
  );
}
