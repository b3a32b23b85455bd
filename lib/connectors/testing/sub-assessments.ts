// Test support: a running-image (c609cf0f…) MDVM sub-assessment in the shape documented in
// defender-vulnerability/transform.ts, under an AKS cluster.
export const RUNTIME_CLUSTER_ID = '/subscriptions/11111111-1111-1111-1111-111111111111/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';
export const RUNTIME_DIGEST = 'sha256:aaaabbbbccccddddeeeeffff0000111122223333444455556666777788889999';

export function runningImageSubAssessment(n = 1, overrides: { code?: string; severity?: string } = {}): Record<string, unknown> {
  return {
    id: `${RUNTIME_CLUSTER_ID}/providers/Microsoft.Security/assessments/c609cf0f-71ab-41e9-a3c6-9a1f7fe1b8d5/subassessments/00000000-0000-0000-0000-00000000000${n}`,
    name: `00000000-0000-0000-0000-00000000000${n}`,
    type: 'microsoft.security/assessments/subassessments',
    subscriptionId: '11111111-1111-1111-1111-111111111111',
    properties: {
      id: `CVE-2024-000${n}`,
      displayName: `CVE-2024-000${n}`,
      description: 'A flaw in openssl.',
      remediation: 'Upgrade openssl',
      timeGenerated: '2025-05-01T10:00:00Z',
      resourceDetails: { id: `/repositories/shop/api/images/${RUNTIME_DIGEST}`, source: 'Azure' },
      status: { code: overrides.code ?? 'Unhealthy', severity: 'High', cause: '', description: '' },
      additionalData: {
        assessedResourceType: 'AzureContainerRegistryVulnerability',
        vulnerabilityDetails: { cveId: `CVE-2024-000${n}`, severity: overrides.severity ?? 'Critical' },
        artifactDetails: { repositoryName: 'shop/api', registryHost: 'acrprod.azurecr.io', digest: RUNTIME_DIGEST, tags: ['1.4.2'] },
        softwareDetails: { packageName: 'openssl', version: '3.0.1', fixedVersion: '3.0.13', fixStatus: 'FixAvailable' },
        kubernetesContext: {
          workloads: [
            { name: 'api', kind: 'Deployment', namespace: 'shop', ownedResources: [] },
            { name: 'api-canary', kind: 'Deployment', namespace: 'shop' },
          ],
        },
      },
    },
  };
}
