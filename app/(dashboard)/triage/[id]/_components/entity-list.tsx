// The entities of an alert as short lines (type and the fields that identify it), the compromised entity first.
function describe(entity: unknown): { type: string; text: string } {
  if (!entity || typeof entity !== 'object') return { type: 'entity', text: String(entity) };
  const e = entity as Record<string, unknown>;
  const type = typeof e.type === 'string' ? e.type : 'entity';
  const fields = ['address', 'name', 'hostName', 'accountName', 'namespace', 'podName', 'url', 'fileName', 'resourceId', 'imageId']
    .map((k) => (typeof e[k] === 'string' ? String(e[k]) : null))
    .filter((v): v is string => v !== null);
  const location = e.location && typeof e.location === 'object' ? (e.location as Record<string, unknown>) : null;
  const where = location && typeof location.city === 'string' ? ` (${location.city}${typeof location.countryCode === 'string' ? `, ${location.countryCode.toUpperCase()}` : ''})` : '';
  return { type, text: `${fields.join(' · ') || JSON.stringify(e).slice(0, 120)}${where}` };
}

export function EntityList({ entities, compromised }: { entities: unknown[]; compromised: string | null }) {
  if (entities.length === 0 && !compromised) return <p className="text-muted-foreground">None reported.</p>;
  return (
    <ul className="flex flex-col gap-1" data-testid="entities">
      {compromised ? (
        <li className="flex gap-2"><span className="w-28 shrink-0 text-xs text-muted-foreground">compromised</span><span className="font-medium">{compromised}</span></li>
      ) : null}
      {entities.map((entity, i) => {
        const d = describe(entity);
        return (
          <li key={i} className="flex gap-2"><span className="w-28 shrink-0 text-xs text-muted-foreground">{d.type}</span><span className="font-mono text-xs [overflow-wrap:anywhere]">{d.text}</span></li>
        );
      })}
    </ul>
  );
}
