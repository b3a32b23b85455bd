// A labelled control of a GET filter form (findings, triage): the label above, the control below.
export const filterSelectClass = 'h-9 rounded-md border bg-background px-2 text-sm focus-visible:outline-2 focus-visible:outline-ring';

export function FilterField({ label, children }: { label: string; children: React.ReactNode }) {
  return (
    <label className="flex flex-col gap-1 text-xs font-medium text-muted-foreground">
      {label}
      {children}
    </label>
  );
}

/** "Any" plus one option per value, for a filter select. */
export function AnyOptions<T extends string>({ values, label }: { values: readonly T[]; label: (v: T) => string }) {
  return (
    <>
      <option value="">Any</option>
      {values.map((v) => (
        <option key={v} value={v}>{label(v)}</option>
      ))}
    </>
  );
}
