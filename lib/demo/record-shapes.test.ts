// The demo tenant must look exactly like ARM: every record's key tree is compared with the official examples so a
// renamed, re-cased or re-nested property fails here before it fails a connector against real Azure.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTenant, type DemoRecordKind, type JsonObject } from './generate-tenant';

const fixture = (name: string): unknown => JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8'));

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function responseBody(name: string): Record<string, unknown> {
  const file = fixture(name);
  if (!isObject(file) || !isObject(file.responses) || !isObject(file.responses['200']) || !isObject(file.responses['200'].body)) throw new Error(`${name}: no 200 body`);
  return file.responses['200'].body;
}

function listItems(name: string): unknown[] {
  const value = responseBody(name).value;
  if (!Array.isArray(value)) throw new Error(`${name}: no value[]`);
  return value;
}

/** Every key path in a JSON tree; array elements share the path `name[]`, so arrays of objects union their keys. */
export function keyPaths(value: unknown, prefix = '', out = new Set<string>()): Set<string> {
  if (Array.isArray(value)) {
    for (const item of value) keyPaths(item, `${prefix}[]`, out);
  } else if (isObject(value)) {
    for (const [key, child] of Object.entries(value)) {
      const path = prefix ? `${prefix}.${key}` : key;
      out.add(path);
      keyPaths(child, path, out);
    }
  }
  return out;
}

interface Allowances {
  /** Keys the example shows that a record may omit (documented optional). */
  optional?: string[];
  /** Keys a record may add that the example lacks (documented elsewhere in the API's definitions). */
  extra?: string[];
  /** Free-form dictionaries: anything below them is accepted either way. */
  freeForm?: string[];
}

const covered = (path: string, list: string[] = []): boolean => list.some((p) => path === p || path.startsWith(`${p}.`) || path.startsWith(`${p}[]`));

function compareShape(record: JsonObject, examples: unknown[], allow: Allowances): { missing: string[]; extra: string[] } {
  const expected = new Set<string>();
  for (const example of examples) keyPaths(example, '', expected);
  const actual = keyPaths(record);
  const free = allow.freeForm ?? [];
  const missing = [...expected].filter((p) => !actual.has(p) && !covered(p, allow.optional) && !covered(p, free));
  const extra = [...actual].filter((p) => !expected.has(p) && !covered(p, allow.extra) && !covered(p, free));
  return { missing, extra };
}

const tenant = generateTenant({ seed: 7, clusters: 8, now: new Date('2025-11-20T10:00:00Z') });

function allRecords(kind: DemoRecordKind): JsonObject[] {
  return tenant.subscriptions.flatMap((s) => tenant.page(kind, s.subscriptionId, 0, tenant.count(kind, s.subscriptionId)));
}

function expectShapes(kind: DemoRecordKind, examples: unknown[], allow: Allowances): void {
  const records = allRecords(kind);
  expect(records.length).toBeGreaterThan(0);
  const problems = new Map<string, number>();
  for (const record of records) {
    const { missing, extra } = compareShape(record, examples, allow);
    for (const p of missing) problems.set(`missing ${p}`, (problems.get(`missing ${p}`) ?? 0) + 1);
    for (const p of extra) problems.set(`extra ${p}`, (problems.get(`extra ${p}`) ?? 0) + 1);
  }
  expect([...problems.keys()]).toEqual([]);
}

const mdvmRow = (): unknown[] => {
  const rows = fixture('arg-securityresources-AzureContainerRegistryVulnerability.json');
  if (!Array.isArray(rows)) throw new Error('mdvm example is not an array');
  return rows;
};

describe('demo records keep the key structure of the official examples', () => {
  it('detects drift (the comparison itself works)', () => {
    const example = { a: 1, b: { c: [{ d: 1 }] } };
    expect(compareShape({ a: 1, b: { c: [{ d: 2 }] } }, [example], {})).toEqual({ missing: [], extra: [] });
    expect(compareShape({ A: 1, b: { c: [{ d: 2, e: 1 }] } }, [example], {})).toEqual({ missing: ['a'], extra: ['A', 'b.c[].e'] });
  });

  it('managed clusters match ManagedClustersList (2026-02-01)', () => {
    // networkProfile.networkPolicy is documented on ContainerServiceNetworkProfile, absent from the example.
    // The security settings the cluster page reads (issue 11) are documented ManagedClusterProperties of 2026-02-01
    // (agent pool nodeImageVersion/osSKU, autoUpgradeProfile, disableLocalAccounts, aadProfile, apiServerAccessProfile,
    // addonProfiles — a map keyed by add-on name —, securityProfile, oidcIssuerProfile), absent from the list example.
    const documented = [
      'properties.agentPoolProfiles[].nodeImageVersion', 'properties.agentPoolProfiles[].osSKU',
      'properties.autoUpgradeProfile', 'properties.autoUpgradeProfile.upgradeChannel', 'properties.autoUpgradeProfile.nodeOSUpgradeChannel',
      'properties.disableLocalAccounts',
      'properties.aadProfile', 'properties.aadProfile.managed', 'properties.aadProfile.enableAzureRBAC', 'properties.aadProfile.tenantID',
      'properties.apiServerAccessProfile', 'properties.apiServerAccessProfile.enablePrivateCluster', 'properties.apiServerAccessProfile.authorizedIPRanges',
      'properties.addonProfiles',
      'properties.securityProfile', 'properties.securityProfile.defender', 'properties.securityProfile.defender.logAnalyticsWorkspaceResourceId',
      'properties.securityProfile.defender.securityMonitoring', 'properties.securityProfile.defender.securityMonitoring.enabled',
      'properties.securityProfile.workloadIdentity', 'properties.securityProfile.workloadIdentity.enabled',
      'properties.oidcIssuerProfile', 'properties.oidcIssuerProfile.enabled', 'properties.oidcIssuerProfile.issuerURL',
    ];
    expectShapes('managedClusters', listItems('ManagedClustersList.json'), {
      freeForm: ['tags', 'properties.addonProfiles'],
      extra: ['properties.networkProfile.networkPolicy', ...documented],
    });
  });

  it('registries match RegistryList (2025-11-01)', () => {
    expectShapes('registries', listItems('RegistryList.json'), { freeForm: ['tags'] });
  });

  it('assessments match ListAssessments / GetAssessment (2025-05-04)', () => {
    expectShapes('assessments', [...listItems('ListAssessments_example.json'), responseBody('GetAssessment_example.json')], {
      optional: ['properties.additionalData', 'properties.risk', 'properties.status.cause', 'properties.status.description'],
      // AssessmentStatusResponse in the 2025-05-04 openapi (and the SDK mapper) defines both dates.
      extra: ['properties.status.firstEvaluationDate', 'properties.status.statusChangeDate'],
      freeForm: ['properties.risk.paths'],
    });
    const codes = new Set(allRecords('assessments').map((r) => JSON.stringify((r.properties as JsonObject).status && ((r.properties as JsonObject).status as JsonObject).code)));
    expect(codes).toEqual(new Set(['"Healthy"', '"Unhealthy"', '"NotApplicable"']));
  });

  it('assessment metadata matches ListAssessmentsMetadata (2025-05-04)', () => {
    expectShapes('assessmentMetadata', listItems('ListAssessmentsMetadata_example.json'), { optional: ['properties.preview', 'properties.policyDefinitionId'] });
  });

  it('registry image vulnerabilities match the documented MDVM Resource Graph row', () => {
    expectShapes('registryContainerVulnerabilities', mdvmRow(), { optional: ['properties.status.cause', 'properties.status.description'] });
  });

  it('runtime vulnerabilities match the MDVM row plus the documented cluster and Kubernetes context', () => {
    expectShapes('runtimeContainerVulnerabilities', mdvmRow(), {
      optional: ['properties.status.cause', 'properties.status.description'],
      extra: ['properties.additionalData.clusterDetails', 'properties.additionalData.kubernetesContext'],
    });
  });

  it('sub-assessments over REST keep the ARM envelope of ListSubAssessments and the MDVM properties', () => {
    const rest = listItems('ListSubAssessments_example.json')[0];
    const row = mdvmRow()[0];
    if (!isObject(rest) || !isObject(row)) throw new Error('examples changed');
    expectShapes('subAssessments', [{ id: rest.id, name: rest.name, type: rest.type, properties: row.properties }], {
      optional: ['properties.status.cause', 'properties.status.description'],
      extra: ['properties.additionalData.clusterDetails', 'properties.additionalData.kubernetesContext'],
    });
  });

  it('alerts match GetAlertSubscriptionLocation (2022-01-01)', () => {
    expectShapes('alerts', [responseBody('GetAlertSubscriptionLocation_example.json')], {
      freeForm: ['properties.extendedProperties', 'properties.extendedLinks'],
    });
  });

  it('policy states match the Policy Insights query-result row (2024-10-01)', () => {
    expectShapes('policyStates', listItems('PolicyEvents_QuerySubscriptionScope.json'), {
      // tenantId and principalOid exist on policy events only; policyDefinitionGroupNames is a PolicyState property.
      optional: ['tenantId', 'principalOid'],
      extra: ['policyDefinitionGroupNames'],
    });
  });

  it('incidents match GetIncidentById (2025-09-01)', () => {
    expectShapes('incidents', [responseBody('GetIncidentById.json')], {
      // Classification is only set once an incident is closed.
      optional: ['properties.classification', 'properties.classificationComment', 'properties.classificationReason'],
    });
  });

  it('secure scores and controls match the 2020-01-01 examples', () => {
    expectShapes('secureScores', listItems('ListSecureScores_example.json'), {});
    expectShapes('secureScoreControls', listItems('ListSecureScoreControls_example.json'), {});
  });
});
