// Display names of the built-in initiatives (policy set definitions) the dashboard names. Query results carry only
// the set's id; anything not listed here is shown by its id.
const BUILT_IN_INITIATIVES: Record<string, string> = {
  '1f3afdf9-d0c9-4c3d-847f-89da613e70a8': 'Microsoft cloud security benchmark',
  'a8640138-9b0a-4a28-b8cb-1666c838647d': 'Kubernetes pod security baseline (Linux workloads)',
  '42b8ef37-b724-4e24-bbc8-7a7708edfe00': 'Kubernetes pod security restricted (Linux workloads)',
};

export function initiativeLabel(setDefinitionId: string | null): string {
  if (!setDefinitionId) return 'Single policies (no initiative)';
  const guid = setDefinitionId.split('/').filter(Boolean).at(-1)?.toLowerCase() ?? setDefinitionId;
  return BUILT_IN_INITIATIVES[guid] ?? `Initiative ${guid}`;
}
