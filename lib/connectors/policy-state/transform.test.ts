import { describe, expect, it } from 'vitest';
import { generateTenant } from '../../demo/generate-tenant';
import { exampleBody, exampleItems } from '../testing/examples';
import { toPolicyStateBatch } from './index';
import { kubernetesObjectOf, toPolicyExemptionRow, toPolicyFinding, toPolicyStateRow, toPolicySummaryRow } from './transform';

// The policy-state list example is not among the saved official examples (see SOURCES.md); policy events of the same
// api-version are query-result rows with the same columns, so they stand in for the shape.
const EVENTS = 'policyinsights/2024-10-01/PolicyEvents_QuerySubscriptionScope.json';
const SUMMARY = 'policyinsights/2024-10-01/PolicyStates_SummarizeSubscriptionScope.json';
const SUB = 'fff10b27-fff3-fff5-fff8-fffbe01e86a5';

describe('toPolicyStateRow (official 2024-10-01 query-result rows)', () => {
  it('maps every column the dashboard keeps', () => {
    const [raw] = exampleItems(EVENTS);
    expect(toPolicyStateRow(raw)).toEqual({
      sourceKey: [
        '/providers/microsoft.management/managementgroups/mymanagementgroup/providers/microsoft.authorization/policyassignments/ec62f9b2a454487296f2ccd4',
        '181565554491747128',
        `/subscriptions/${SUB}/resourcegroups/myresourcegroup/providers/microsoft.servicefabric/clusters/mycluster/applications/myapplication`,
      ].join('|'),
      subscriptionId: SUB,
      resourceId: `/subscriptions/${SUB}/resourcegroups/myResourceGroup/providers/Microsoft.ServiceFabric/clusters/myCluster/applications/myApplication`,
      // The example spells the type with a leading slash.
      resourceType: 'Microsoft.ServiceFabric/clusters/applications',
      resourceGroup: 'myResourceGroup',
      clusterArmId: null,
      k8sNamespace: null,
      k8sKind: null,
      k8sName: null,
      policyAssignmentId: '/providers/Microsoft.Management/managementGroups/myManagementGroup/providers/Microsoft.Authorization/policyAssignments/ec62f9b2a454487296f2ccd4',
      policyAssignmentName: 'ec62f9b2a454487296f2ccd4',
      policyDefinitionId: '/providers/Microsoft.Management/managementGroups/myManagementGroup/providers/Microsoft.Authorization/policyDefinitions/72c0c41a-c752-4bc0-9c61-0d6adc567066',
      policyDefinitionName: '72c0c41a-c752-4bc0-9c61-0d6adc567066',
      policyTitle: 'Policy 72c0c41a-c752-4bc0-9c61-0d6adc567066',
      policySetDefinitionId: '/providers/Microsoft.Management/managementGroups/myManagementGroup/providers/Microsoft.Authorization/policySetDefinitions/00b36c66-612b-44e2-9f8e-b758296d40fe',
      policyDefinitionReferenceId: '181565554491747128',
      policyDefinitionGroupNames: [],
      effect: 'audit',
      complianceState: 'noncompliant',
      evaluatedAt: new Date('2018-02-07T20:43:04.697Z'),
    });
  });

  it('turns every example row into a row and a finding; non-compliant ones are open', () => {
    const items = exampleItems(EVENTS);
    const batch = toPolicyStateBatch(items);
    expect(batch.policy?.states).toHaveLength(items.length);
    const finding = batch.findings?.[0];
    expect(finding).toMatchObject({ kind: 'policy', status: 'open', severity: 'medium', subscriptionId: SUB, stage: null, controlId: null });
    expect(finding?.ruleId).toMatch(/policyDefinitions\/72c0c41a/);
  });

  it('refuses a row without a resource or an assignment, naming the field', () => {
    const [raw] = exampleItems(EVENTS) as Record<string, unknown>[];
    expect(() => toPolicyStateRow({ ...raw, resourceId: undefined })).toThrow(/resourceId/);
    expect(() => toPolicyStateRow({ ...raw, policyAssignmentId: '' })).toThrow('missing policyAssignmentId');
    expect(() => toPolicyStateRow({ ...raw, timestamp: 'yesterday' })).toThrow(/timestamp: not a date/);
  });

  it('reads compliance from isCompliant when complianceState is absent, and keeps unknown states out of findings', () => {
    const [raw] = exampleItems(EVENTS) as Record<string, unknown>[];
    const compliant = toPolicyStateRow({ ...raw, complianceState: undefined, isCompliant: true });
    expect(compliant.complianceState).toBe('compliant');
    expect(toPolicyFinding(compliant, raw)?.status).toBe('resolved');
    const conflict = toPolicyStateRow({ ...raw, complianceState: 'Conflict' });
    expect(toPolicyFinding(conflict, raw)).toBeNull();
  });

  it('a resource non-compliant with two assignments is two findings', () => {
    const [raw] = exampleItems(EVENTS) as Record<string, unknown>[];
    const other = { ...raw, policyAssignmentId: '/subscriptions/s/providers/Microsoft.Authorization/policyAssignments/second' };
    const batch = toPolicyStateBatch([raw, other]);
    expect(new Set(batch.findings?.map((f) => f.sourceKey)).size).toBe(2);
  });
});

describe('Kubernetes (Gatekeeper) results', () => {
  const cluster = '/subscriptions/s1/resourcegroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1';

  it('reads namespace, kind and name from a Microsoft.Kubernetes.Data id', () => {
    expect(kubernetesObjectOf(`${cluster}/providers/Microsoft.Kubernetes.Data/namespaces/shop/deployments/api`)).toEqual({ namespace: 'shop', kind: 'Deployment', name: 'api' });
    expect(kubernetesObjectOf(`${cluster}/providers/Microsoft.Kubernetes.Data/namespaces/shop/apps/StatefulSet/db`)).toEqual({ namespace: 'shop', kind: 'StatefulSet', name: 'db' });
    expect(kubernetesObjectOf(`${cluster}/providers/Microsoft.Kubernetes.Data/clusterroles/admin`)).toEqual({ namespace: null, kind: 'clusterroles', name: 'admin' });
    expect(kubernetesObjectOf(cluster)).toBeNull();
    expect(() => kubernetesObjectOf(`${cluster}/providers/Microsoft.Kubernetes.Data/pods`)).toThrow(/needs <kind>\/<name>/);
  });
});

describe('demo payloads (the stand-in serves what the transform reads)', () => {
  const tenant = generateTenant({ seed: 7, clusters: 6, now: new Date('2026-06-01T00:00:00Z') });
  const sub = tenant.subscriptions[0]?.subscriptionId ?? '';

  it('maps every demo policy state; Gatekeeper results land on their cluster and workload', () => {
    const items = tenant.page('policyStates', sub, 0, tenant.count('policyStates', sub));
    const batch = toPolicyStateBatch(items);
    const states = batch.policy?.states ?? [];
    expect(states).toHaveLength(items.length);
    const k8s = states.filter((s) => s.k8sName !== null);
    expect(k8s.length).toBeGreaterThan(0);
    expect(k8s.every((s) => s.clusterArmId !== null && s.k8sNamespace !== null)).toBe(true);
    const workloadNames = new Set(tenant.workloads.map((w) => `${w.namespace}/${w.kind}/${w.name}`));
    expect(k8s.every((s) => workloadNames.has(`${s.k8sNamespace}/${s.k8sKind}/${s.k8sName}`))).toBe(true);
    expect(new Set(states.map((s) => s.complianceState))).toEqual(new Set(['compliant', 'noncompliant', 'exempt']));
    // The privileged-containers policy is a high-severity finding.
    expect(batch.findings?.some((f) => f.status === 'open' && f.severity === 'high')).toBe(true);
  });

  it('maps the demo exemptions, one of them expired', () => {
    const all = tenant.subscriptions.flatMap((s) => tenant.page('policyExemptions', s.subscriptionId, 0, 100).map(toPolicyExemptionRow));
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect(new Set(all.map((e) => e.category))).toEqual(new Set(['waiver', 'mitigated']));
    expect(all.some((e) => e.expiresAt !== null && e.expiresAt < tenant.asOf)).toBe(true);
    expect(all.every((e) => e.clusterArmId !== null)).toBe(true);
  });
});

describe('toPolicyExemptionRow', () => {
  const exemption = {
    id: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1/providers/Microsoft.Authorization/policyExemptions/ex1',
    name: 'ex1',
    type: 'Microsoft.Authorization/policyExemptions',
    properties: { policyAssignmentId: '/subscriptions/s1/providers/Microsoft.Authorization/policyAssignments/a', exemptionCategory: 'Waiver', expiresOn: '2026-01-01T00:00:00Z' },
  };

  it('keeps category, expiry and the exempted scope', () => {
    expect(toPolicyExemptionRow(exemption)).toMatchObject({
      subscriptionId: 's1',
      category: 'waiver',
      scope: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1',
      clusterArmId: '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-1',
      expiresAt: new Date('2026-01-01T00:00:00Z'),
      policyDefinitionReferenceIds: [],
    });
  });

  it('refuses an unknown category and a missing assignment', () => {
    expect(() => toPolicyExemptionRow({ ...exemption, properties: { ...exemption.properties, exemptionCategory: 'Forever' } })).toThrow(/unknown category "Forever"/);
    expect(() => toPolicyExemptionRow({ ...exemption, properties: { exemptionCategory: 'Waiver' } })).toThrow(/policyAssignmentId/);
  });
});

describe('toPolicySummaryRow', () => {
  it('reads the counts of PolicyStates_SummarizeSubscriptionScope.json', () => {
    expect(toPolicySummaryRow('sub-1', exampleBody(SUMMARY))).toMatchObject({ subscriptionId: 'sub-1', nonCompliantResources: 619, nonCompliantPolicies: 40 });
  });

  it('refuses a body that is not a summarize result', () => {
    expect(() => toPolicySummaryRow('sub-1', { value: [] })).toThrow(/summarize result/);
  });
});
