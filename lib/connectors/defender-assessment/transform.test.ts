import { describe, expect, it } from 'vitest';
import { exampleBody, exampleItems } from '../testing/examples';
import { toAssessmentFinding, toMetadataRow } from './transform';

const SUB = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';
const VMSS1 = `/subscriptions/${SUB}/resourceGroups/myRg/providers/Microsoft.Compute/virtualMachineScaleSets/vmss1`;
const KEY = '21300918-b2e3-0346-785f-c77ff57d243b';

describe('toAssessmentFinding', () => {
  it('maps ListAssessments_example.json (2025-05-04): healthy → resolved, NotApplicable → dismissed', () => {
    const [healthy, notApplicable] = exampleItems('security/2025-05-04/ListAssessments_example.json').map(toAssessmentFinding);
    expect(healthy).toMatchObject({
      sourceKey: `${VMSS1}/providers/Microsoft.Security/assessments/${KEY}`.toLowerCase(),
      kind: 'recommendation',
      ruleId: KEY,
      title: 'Install endpoint protection solution on virtual machine scale sets',
      severity: null,
      status: 'resolved',
      resourceId: VMSS1,
      resourceType: 'Microsoft.Compute/virtualMachineScaleSets',
      subscriptionId: SUB,
      clusterArmId: null,
      registryArmId: null,
      imageDigest: null,
      stage: null,
      controlId: null,
      firstSeenAt: null,
      sourceUpdatedAt: null,
      resolvedAt: null,
    });
    expect(notApplicable).toMatchObject({ status: 'dismissed', resourceId: VMSS1.replace('vmss1', 'vmss2'), description: null });
  });

  it('maps GetAssessment_example.json (single resource with risk)', () => {
    const finding = toAssessmentFinding(exampleBody('security/2025-05-04/GetAssessment_example.json'));
    expect(finding).toMatchObject({ ruleId: KEY, status: 'dismissed', subscriptionId: SUB, severity: null });
  });

  const clusterId = '/subscriptions/s1/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/aks-prod';
  const unhealthy = {
    id: `${clusterId}/providers/Microsoft.Security/assessments/A1B2`,
    name: 'A1B2',
    type: 'Microsoft.Security/assessments',
    properties: {
      displayName: 'Azure Kubernetes Service clusters should have Defender profile enabled',
      resourceDetails: { source: 'Azure', id: clusterId },
      status: { code: 'Unhealthy', firstEvaluationDate: '2025-01-02T03:04:05Z', statusChangeDate: '2025-02-03T00:00:00Z' },
      metadata: { displayName: 'x', severity: 'High', description: 'Why it matters', remediationDescription: 'Enable it' },
    },
  };

  it('takes severity from inline metadata ($expand=metadata) and links the cluster', () => {
    expect(toAssessmentFinding(unhealthy)).toMatchObject({
      ruleId: 'a1b2',
      severity: 'high',
      status: 'open',
      description: 'Why it matters',
      remediation: 'Enable it',
      clusterArmId: clusterId,
      registryArmId: null,
      subscriptionId: 's1',
      firstSeenAt: new Date('2025-01-02T03:04:05Z'),
      sourceUpdatedAt: new Date('2025-02-03T00:00:00Z'),
      resolvedAt: null,
    });
  });

  it('sets resolvedAt from statusChangeDate when healthy', () => {
    const healthy = { ...unhealthy, properties: { ...unhealthy.properties, status: { code: 'Healthy', statusChangeDate: '2025-03-01T00:00:00Z' } } };
    expect(toAssessmentFinding(healthy)).toMatchObject({ status: 'resolved', resolvedAt: new Date('2025-03-01T00:00:00Z') });
  });

  it('accepts PascalCase Id/ResourceId resourceDetails and falls back to the assessment id', () => {
    const aws = { ...unhealthy, properties: { ...unhealthy.properties, resourceDetails: { Source: 'Aws', Id: 'arn:aws:eks:eu-west-1:1:cluster/x' } } };
    expect(toAssessmentFinding(aws)).toMatchObject({ resourceId: 'arn:aws:eks:eu-west-1:1:cluster/x', clusterArmId: clusterId });
    const onPrem = { ...unhealthy, properties: { ...unhealthy.properties, resourceDetails: { source: 'OnPremise', machineName: 'm1' } } };
    expect(toAssessmentFinding(onPrem).resourceId).toBe(clusterId);
  });

  it('throws clear errors on a missing id, an unknown status or a bad date', () => {
    expect(() => toAssessmentFinding({ ...unhealthy, id: undefined })).toThrow('missing id');
    expect(() => toAssessmentFinding({ ...unhealthy, properties: { ...unhealthy.properties, status: { code: 'Broken' } } })).toThrow(
      /unknown status code "Broken"/,
    );
    expect(() =>
      toAssessmentFinding({ ...unhealthy, properties: { ...unhealthy.properties, status: { code: 'Healthy', statusChangeDate: 'soon' } } }),
    ).toThrow(/statusChangeDate: not a date/);
  });
});

describe('toMetadataRow', () => {
  it('maps ListAssessmentsMetadata_example.json', () => {
    const rows = exampleItems('security/2025-05-04/ListAssessmentsMetadata_example.json').map(toMetadataRow);
    expect(rows.map((r) => r.key)).toEqual([KEY, 'bc303248-3d14-44c2-96a0-55f5c326b5fe', 'ca039e75-a276-4175-aebc-bcd41e4b14b7']);
    expect(rows[0]).toMatchObject({
      displayName: 'Install endpoint protection solution on virtual machine scale sets',
      severity: 'medium',
      categories: ['Compute'],
      assessmentType: 'BuiltIn',
      policyDefinitionId: '/providers/Microsoft.Authorization/policyDefinitions/26a828e1-e88f-464e-bbb3-c134a282b9de',
    });
    expect(rows[0]?.remediation).toMatch(/^To install an endpoint protection solution/);
    expect(rows[2]).toMatchObject({ assessmentType: 'CustomerManaged', policyDefinitionId: null });
  });

  it('maps ListAssessmentsMetadata_subscription_example.json', () => {
    const rows = exampleItems('security/2025-05-04/ListAssessmentsMetadata_subscription_example.json').map(toMetadataRow);
    expect(rows[1]).toMatchObject({ key: 'bc303248-3d14-44c2-96a0-55f5c326b5fe', severity: 'medium', categories: ['Networking'], assessmentType: 'CustomPolicy' });
  });

  it('refuses metadata without a severity', () => {
    const [raw] = exampleItems('security/2025-05-04/ListAssessmentsMetadata_example.json') as { properties: object }[];
    expect(() => toMetadataRow({ ...raw, properties: { ...raw?.properties, severity: undefined } })).toThrow('properties.severity: missing');
  });
});
