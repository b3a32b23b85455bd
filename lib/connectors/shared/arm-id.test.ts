import { describe, expect, it } from 'vitest';
import { ancestorIdOf, assessedResourceIdOf, resourceGroupOf, resourceTypeOf, subscriptionIdOf } from './arm-id';

const cluster = '/subscriptions/sub-1/resourceGroups/rg-a/providers/Microsoft.ContainerService/managedClusters/aks-1';

describe('ARM id helpers', () => {
  it('reads subscription and resource group', () => {
    expect(subscriptionIdOf(cluster)).toBe('sub-1');
    expect(resourceGroupOf(cluster)).toBe('rg-a');
    expect(subscriptionIdOf('/providers/Microsoft.Security/assessmentMetadata/x')).toBeNull();
  });

  it('finds the cluster a nested or extension resource belongs to, ignoring case', () => {
    expect(ancestorIdOf(`${cluster}/agentPools/np1`, 'Microsoft.ContainerService/managedClusters')).toBe(cluster);
    const lower = cluster.replace('managedClusters', 'ManagedClusters');
    expect(ancestorIdOf(`${lower}/providers/Microsoft.Security/assessments/k`, 'Microsoft.ContainerService/managedClusters')).toBe(lower);
    expect(ancestorIdOf(cluster, 'Microsoft.ContainerRegistry/registries')).toBeNull();
  });

  it('derives the resource type, joining child types', () => {
    expect(resourceTypeOf(cluster)).toBe('Microsoft.ContainerService/managedClusters');
    expect(resourceTypeOf('/subscriptions/s/resourceGroups/r/providers/Microsoft.Sql/servers/a/databases/b')).toBe('Microsoft.Sql/servers/databases');
    expect(resourceTypeOf('/subscriptions/s')).toBeNull();
  });

  it('strips the assessment suffix, whatever the casing of subassessments', () => {
    expect(assessedResourceIdOf(`${cluster}/providers/Microsoft.Security/assessments/k/subassessments/x`)).toBe(cluster);
    expect(assessedResourceIdOf(`${cluster}/providers/microsoft.security/Assessments/k`)).toBe(cluster);
    expect(assessedResourceIdOf(cluster)).toBeNull();
  });
});
