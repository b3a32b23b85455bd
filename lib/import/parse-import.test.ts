import { describe, expect, it } from 'vitest';
import { exampleBody, listExampleFiles, readExample } from '../connectors/testing/examples';
import { runningImageSubAssessment } from '../connectors/testing/sub-assessments';
import { ImportError, parseImportFile, parseImportText } from './parse-import';

const SUB = '20ff7fc3-e762-44dd-bd96-b71116dcdc23';

const ACCEPTED = [
  'containerservice/2026-02-01/ManagedClustersList.json',
  'containerregistry/2025-11-01/RegistryList.json',
  'security/2025-05-04/GetAssessment_example.json',
  'security/2025-05-04/ListAssessments_example.json',
  'security/2025-05-04/ListAssessmentsMetadata_example.json',
  'security/2025-05-04/ListAssessmentsMetadata_subscription_example.json',
  'security/2019-01-01-preview/GetSubAssessment_example.json',
  'security/mdvm/arg-securityresources-AzureContainerRegistryVulnerability.json',
  'security/2022-01-01/GetAlertSubscriptionLocation_example.json',
  'securityinsights/2025-09-01/GetIncidentById.json',
  'policyinsights/2024-10-01/PolicyStates_SummarizeSubscriptionScope.json',
  'security/2020-01-01/ListSecureScores_example.json',
  'security/2020-01-01/ListSecureScoreControls_example.json',
  // SQL vulnerabilities only: nothing to keep, but counted rather than refused.
  'security/2019-01-01-preview/ListSubAssessments_example.json',
];

/** Every other shared example, with the words its refusal must contain. */
const REFUSED: Record<string, RegExp> = {
  'security/2019-01-01-preview/getRegulatoryComplianceAssessmentList_example.json': /Not supported yet: this file holds Defender regulatory compliance results/,
  'security/2019-01-01-preview/getRegulatoryComplianceControlList_example.json': /Not supported yet: this file holds Defender regulatory compliance results/,
  'security/2019-01-01-preview/getRegulatoryComplianceStandardList_example.json': /Not supported yet: this file holds Defender regulatory compliance results/,
  'security/2022-01-01-preview/ListBySubscriptionGovernanceRules_example.json': /Not supported yet: this file holds Defender governance rules/,
  'security/2022-01-01-preview/ListGovernanceAssignments_example.json': /Not supported yet: this file holds Defender governance assignments/,
  'security/2022-01-01/UpdateAlertSubscriptionLocation_activate_example.json': /Nothing to import: this x-ms-examples file has no 200 response body \(responses: 204\)/,
  'security/2022-01-01/UpdateAlertSubscriptionLocation_dismiss_example.json': /no 200 response body/,
  'security/2022-01-01/UpdateAlertSubscriptionLocation_resolve_example.json': /no 200 response body/,
  // Policy events are the evaluation history, not the latest state: refused although their rows look alike.
  'policyinsights/2024-10-01/PolicyEvents_QuerySubscriptionScope.json': /Not supported yet: this file holds Azure Policy results other than policy states or summaries/,
  'securityinsights/2025-09-01/GetAllIncidentAlerts.json': /Not supported yet: this file holds Microsoft Sentinel/,
  'operationalinsights/v1/oms-post-example.json': /Not supported yet: this file holds Log Analytics query results/,
  'resourcegraph/2024-04-01/ResourcesFirstPageQuery.json':
    /Unrecognised file: no Azure resource of a supported type \(found types: microsoft\.compute\/disks, microsoft\.automation\/automationaccounts, microsoft\.automation\/automationaccounts\/runbooks\)\. Supported: /,
  'resourcegraph/2024-04-01/ResourcesNextPageQuery.json': /Unrecognised file: no Azure resource of a supported type/,
};

function refusal(json: unknown, options?: Parameters<typeof parseImportFile>[1]): string {
  try {
    parseImportFile(json, options);
  } catch (error) {
    expect(error).toBeInstanceOf(ImportError);
    return (error as Error).message;
  }
  throw new Error('expected the import to be refused');
}

describe('parseImportFile — the shared examples', () => {
  it('classifies every shared example file as accepted or refused', () => {
    expect([...ACCEPTED, ...Object.keys(REFUSED)].sort()).toEqual(listExampleFiles().filter((f) => f.endsWith('.json')).sort());
  });

  it('ManagedClustersList.json → one cluster row and its subscription', () => {
    const parsed = parseImportFile(readExample('containerservice/2026-02-01/ManagedClustersList.json'));
    expect(parsed).toMatchObject({ source: 'inventory', kind: 'managed-clusters', format: 'x-ms-example', warnings: [] });
    expect(parsed.batch.subscriptions).toEqual([{ id: '00000000-0000-0000-0000-000000000000', displayName: null }]);
    expect(parsed.batch.clusters).toHaveLength(1);
    expect(parsed.batch.clusters?.[0]).toMatchObject({ name: 'clustername1', resourceGroup: 'rg1', kubernetesVersion: '1.9.6', rbacEnabled: false });
  });

  it('GetAlertSubscriptionLocation_example.json → one alert finding with its evidence', () => {
    const parsed = parseImportFile(readExample('security/2022-01-01/GetAlertSubscriptionLocation_example.json'));
    expect(parsed).toMatchObject({ source: 'defender-alert', kind: 'alerts', format: 'x-ms-example', warnings: [] });
    expect(parsed.batch.findings?.map((f) => [f.kind, f.ruleId, f.severity])).toEqual([['alert', 'VM_EICAR', 'high']]);
    expect(parsed.batch.securityEvents?.[0]?.tactics).toEqual(['Execution']);
  });

  it('GetIncidentById.json → one incident, with a warning that its alerts come with the next sync', () => {
    const parsed = parseImportFile(readExample('securityinsights/2025-09-01/GetIncidentById.json'));
    expect(parsed).toMatchObject({ source: 'sentinel-incident', kind: 'incidents', format: 'x-ms-example' });
    expect(parsed.batch.findings?.map((f) => [f.kind, f.title, f.status])).toEqual([['incident', 'My incident', 'dismissed']]);
    expect(parsed.warnings).toEqual([expect.stringMatching(/do(es)? not carry the alerts/)]);
    expect(refusal(readExample('securityinsights/2025-09-01/GetIncidentById.json'), { source: 'defender-alert' })).toMatch(/belong to source "sentinel-incident"/);
  });

  it('PolicyStates_SummarizeSubscriptionScope.json → Azure\'s summary of the subscription', () => {
    const parsed = parseImportFile(readExample('policyinsights/2024-10-01/PolicyStates_SummarizeSubscriptionScope.json'));
    expect(parsed).toMatchObject({ source: 'policy-state', kind: 'policy-summary', format: 'x-ms-example' });
    expect(parsed.batch.policy?.summaries).toEqual([expect.objectContaining({ subscriptionId: 'fffedd8f-ffff-fffd-fffd-fffed2f84852', nonCompliantResources: 619, nonCompliantPolicies: 40 })]);
  });

  it('a saved policy-state query result (az rest) → states and their findings; one page warns', () => {
    const [row] = (readExample('policyinsights/2024-10-01/PolicyEvents_QuerySubscriptionScope.json') as { responses: { 200: { body: { value: unknown[] } } } }).responses[200].body.value;
    const saved = {
      '@odata.context': 'https://management.azure.com/subscriptions/s/providers/Microsoft.PolicyInsights/policyStates/$metadata#latest',
      '@odata.nextLink': 'https://management.azure.com/next?$skiptoken=x',
      value: [row, { ...(row as object), complianceState: 'Compliant', resourceId: '/subscriptions/fff10b27-fff3-fff5-fff8-fffbe01e86a5/resourcegroups/rg/providers/Microsoft.Web/sites/app' }],
    };
    const parsed = parseImportFile(saved);
    expect(parsed).toMatchObject({ source: 'policy-state', kind: 'policy-states', format: 'list' });
    expect(parsed.batch.policy?.states).toHaveLength(2);
    expect(parsed.batch.findings?.map((f) => f.status)).toEqual(['open', 'resolved']);
    expect(parsed.warnings).toEqual([expect.stringMatching(/one page/)]);
    expect(refusal(saved, { source: 'inventory' })).toMatch(/belong to source "policy-state"/);
    expect(refusal({ ...saved, value: [{ ...(row as object), timestamp: 'soon' }] })).toMatch(/Malformed policy state at value\[0\]: timestamp: not a date/);
  });

  it('RegistryList.json → one registry row', () => {
    const parsed = parseImportFile(readExample('containerregistry/2025-11-01/RegistryList.json'));
    expect(parsed).toMatchObject({ source: 'inventory', kind: 'registries' });
    expect(parsed.batch.registries?.[0]).toMatchObject({ name: 'myRegistry', loginServer: 'myRegistry.azurecr.io', sku: 'Standard', publicNetworkAccess: 'Enabled' });
  });

  it('ListAssessments_example.json → two findings, with a severity warning', () => {
    const parsed = parseImportFile(readExample('security/2025-05-04/ListAssessments_example.json'));
    expect(parsed).toMatchObject({ source: 'defender-assessment', kind: 'assessments' });
    expect(parsed.batch.findings?.map((f) => [f.status, f.resourceId.split('/').at(-1)])).toEqual([
      ['resolved', 'vmss1'],
      ['dismissed', 'vmss2'],
    ]);
    expect(parsed.warnings).toEqual([expect.stringMatching(/^2 of 2 assessments carry no severity/)]);
  });

  it('GetAssessment_example.json (a single resource) → one finding', () => {
    const parsed = parseImportFile(readExample('security/2025-05-04/GetAssessment_example.json'));
    expect(parsed.kind).toBe('assessments');
    expect(parsed.batch.findings?.[0]).toMatchObject({ ruleId: '21300918-b2e3-0346-785f-c77ff57d243b', status: 'dismissed', subscriptionId: SUB });
  });

  it('ListAssessmentsMetadata_example.json and the subscription variant → metadata rows', () => {
    const all = parseImportFile(readExample('security/2025-05-04/ListAssessmentsMetadata_example.json'));
    expect(all).toMatchObject({ source: 'defender-assessment', kind: 'assessment-metadata' });
    expect(all.batch.metadata?.map((m) => [m.key, m.severity, m.assessmentType])).toEqual([
      ['21300918-b2e3-0346-785f-c77ff57d243b', 'medium', 'BuiltIn'],
      ['bc303248-3d14-44c2-96a0-55f5c326b5fe', 'medium', 'CustomPolicy'],
      ['ca039e75-a276-4175-aebc-bcd41e4b14b7', 'medium', 'CustomerManaged'],
    ]);
    const sub = parseImportFile(readExample('security/2025-05-04/ListAssessmentsMetadata_subscription_example.json'));
    expect(sub.batch.metadata?.map((m) => m.displayName)).toEqual([
      'Install endpoint protection solution on virtual machine scale sets',
      'Close management ports on your virtual machines',
    ]);
  });

  it('GetSubAssessment_example.json (Qualys-era) → a vulnerability finding and its image', () => {
    const parsed = parseImportFile(readExample('security/2019-01-01-preview/GetSubAssessment_example.json'));
    expect(parsed).toMatchObject({ source: 'defender-vulnerability', kind: 'sub-assessments', format: 'x-ms-example' });
    expect(parsed.batch.findings?.[0]).toMatchObject({ kind: 'vulnerability', ruleId: 'CVE-2019-12345', severity: 'high', status: 'open' });
    expect(parsed.batch.images).toEqual([expect.objectContaining({ digest: 'c186fc44-3154-4ce2-ba18-b719d895c3b0', repository: 'myRepo' })]);
  });

  it('the MDVM Resource Graph rows → a vulnerability finding and its image', () => {
    const parsed = parseImportFile(readExample('security/mdvm/arg-securityresources-AzureContainerRegistryVulnerability.json'));
    expect(parsed).toMatchObject({ source: 'defender-vulnerability', kind: 'sub-assessments', format: 'resource-graph' });
    expect(parsed.batch.findings?.[0]).toMatchObject({ ruleId: 'CVE-2022-42969', severity: 'high', status: 'dismissed' });
    expect(parsed.batch.images?.[0]?.digest).toBe('sha256:4af8e6f002401a965bbe753a381af308b40d8947fad2b9e1f6a369aa81abee59');
  });

  it('ListSubAssessments_example.json (a SQL vulnerability) → no finding, the record counted as skipped, not refused', () => {
    const parsed = parseImportFile(readExample('security/2019-01-01-preview/ListSubAssessments_example.json'));
    expect(parsed).toMatchObject({ source: 'defender-vulnerability', kind: 'sub-assessments', format: 'x-ms-example' });
    expect(parsed.batch).toEqual({ findings: [], images: [], workloads: [], skipped: { SQL: 1 } });
    expect(parsed.warnings).toEqual(['kept 0 container image findings; skipped 1 other record (SQL: 1).']);
  });

  it('a subscription-wide list mixing container, SQL and server records keeps the container ones and counts the rest', () => {
    const sql = (exampleBody('security/2019-01-01-preview/ListSubAssessments_example.json') as { value: Record<string, unknown>[] }).value[0]!;
    // A server vulnerability: the SQL example's envelope with the spec's server discriminator value.
    const server = structuredClone(sql) as { id: string; properties: { additionalData: Record<string, unknown> } };
    server.id = server.id.replace(/subassessments\/[^/]+$/i, 'subassessments/server-1');
    server.properties.additionalData = { assessedResourceType: 'ServerVulnerabilityAssessment', type: 'Vulnerability', cvss: {} };
    const registry = readExample('security/mdvm/arg-securityresources-AzureContainerRegistryVulnerability.json') as unknown[];
    const mixed = { value: [sql, ...registry, runningImageSubAssessment(1), server, runningImageSubAssessment(2)] };
    const parsed = parseImportFile(mixed);
    expect(parsed.batch.findings?.map((f) => f.ruleId)).toEqual(['CVE-2022-42969', 'CVE-2024-0001', 'CVE-2024-0002']);
    expect(parsed.batch.skipped).toEqual({ SQL: 1, server: 1 });
    expect(parsed.warnings).toEqual(['kept 3 container image findings; skipped 2 other records (SQL: 1, server: 1).']);
  });

  it('still refuses the whole file when a container record in it is malformed, naming it by its place in the file', () => {
    const sql = (exampleBody('security/2019-01-01-preview/ListSubAssessments_example.json') as { value: unknown[] }).value[0];
    expect(refusal({ value: [sql, { ...runningImageSubAssessment(1), id: '' }] })).toMatch(/Malformed sub-assessment at value\[1\]: missing id/);
  });

  for (const [file, message] of Object.entries(REFUSED)) {
    it(`refuses ${file}`, () => {
      expect(refusal(readExample(file))).toMatch(message);
    });
  }
});

describe('parseImportFile — wrappers', () => {
  const assessments = (exampleBody('security/2025-05-04/ListAssessments_example.json') as { value: unknown[] }).value;

  it('accepts a raw list, an array and a single resource, naming the format', () => {
    expect(parseImportFile({ value: assessments }).format).toBe('list');
    expect(parseImportFile(assessments).format).toBe('array');
    expect(parseImportFile(assessments[0]).format).toBe('single');
  });

  it('accepts a Resource Graph response in objectArray and table form, warning about a $skipToken', () => {
    const rows = [runningImageSubAssessment(1), runningImageSubAssessment(2)];
    const objectArray = parseImportFile({ totalRecords: 4, count: 2, resultTruncated: 'false', $skipToken: 'abc', data: rows });
    expect(objectArray).toMatchObject({ kind: 'sub-assessments', format: 'resource-graph' });
    expect(objectArray.batch.findings).toHaveLength(2);
    expect(objectArray.batch.workloads).toHaveLength(2);
    expect(objectArray.warnings).toEqual([expect.stringMatching(/\$skipToken: this file is one page/)]);

    const columns = ['id', 'name', 'type', 'properties'].map((name) => ({ name, type: 'string' }));
    const table = { totalRecords: 2, count: 2, data: { columns, rows: rows.map((r) => [r.id, r.name, r.type, r.properties]) } };
    expect(parseImportFile(table).batch.findings?.map((f) => f.ruleId)).toEqual(['CVE-2024-0001', 'CVE-2024-0002']);
  });

  it('matches types case-insensitively (ManagedClusters on older api-versions)', () => {
    const cluster = { id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/ManagedClusters/c', type: 'Microsoft.ContainerService/ManagedClusters' };
    expect(parseImportFile({ value: [cluster] }).kind).toBe('managed-clusters');
  });

  it('warns that a list with a nextLink is one page', () => {
    expect(parseImportFile({ value: assessments, nextLink: 'https://management.azure.com/next' }).warnings).toContain(
      'The list has a nextLink: this file is one page; later pages are not in it.',
    );
  });

  it('parses text, refusing invalid JSON', () => {
    expect(parseImportText(JSON.stringify({ value: assessments })).kind).toBe('assessments');
    expect(() => parseImportText('{"value": [')).toThrow(/^The file is not valid JSON/);
  });
});

describe('parseImportFile — refusals', () => {
  const assessments = (exampleBody('security/2025-05-04/ListAssessments_example.json') as { value: Record<string, unknown>[] }).value;

  it('refuses a record without an id, naming where it is (all-or-nothing)', () => {
    const broken = [...assessments, { ...assessments[0], id: undefined }];
    expect(refusal({ value: broken })).toBe('Malformed assessment at value[2]: missing id');
    expect(refusal(readExampleWith(broken))).toBe('Malformed assessment at responses.200.body.value[2]: missing id');
  });

  it('refuses a malformed field with its path', () => {
    const broken = { ...assessments[0], properties: { displayName: 'x' } };
    expect(refusal([broken])).toMatch(/^Malformed assessment at \[0\]: properties\.status: /);
  });

  it('refuses mixed types', () => {
    const cluster = { id: '/subscriptions/s/resourceGroups/r/providers/Microsoft.ContainerService/managedClusters/c', type: 'Microsoft.ContainerService/managedClusters' };
    expect(refusal({ value: [...assessments, cluster] })).toMatch(
      /^Mixed file: it holds records of several types \(Microsoft\.Security\/assessments, Microsoft\.ContainerService\/managedClusters\)/,
    );
  });

  it('refuses duplicates', () => {
    expect(refusal([assessments[0], assessments[1], assessments[0]])).toBe('Duplicate assessment at [2]: same id as [0].');
  });

  it('refuses a source that does not own the records', () => {
    expect(refusal({ value: assessments }, { source: 'inventory' })).toBe(
      'The file holds assessment records, which belong to source "defender-assessment", but source "inventory" was asked for.',
    );
    expect(parseImportFile({ value: assessments }, { source: 'defender-assessment' }).source).toBe('defender-assessment');
  });

  it('accepts untyped rows only when the source says they are sub-assessments', () => {
    const untyped = { ...runningImageSubAssessment(1), type: undefined };
    expect(refusal([untyped])).toMatch(/^Unrecognised file: no record has a "type" field/);
    expect(parseImportFile([untyped], { source: 'defender-vulnerability' }).kind).toBe('sub-assessments');
  });

  it('treats an empty list as valid data when the source is given, and refuses it otherwise', () => {
    expect(parseImportFile({ value: [] }, { source: 'defender-assessment' })).toEqual({
      source: 'defender-assessment',
      kind: 'empty',
      format: 'list',
      batch: {},
      warnings: ['The file holds an empty list: defender-assessment gets no records from it.'],
    });
    expect(refusal({ value: [] })).toMatch(/empty list\. An empty list is valid \(no records\), but .* pass --source/);
    expect(refusal([])).toMatch(/empty list/);
  });

  it('refuses shapes that are not Azure responses', () => {
    expect(refusal(null)).toMatch(/^Unrecognised file: the file holds null/);
    expect(refusal('text')).toMatch(/^Unrecognised file: the file holds a string/);
    expect(refusal({})).toMatch(/^Unrecognised file: no Azure resource list, resource or Resource Graph result \(top-level keys: none\)/);
    expect(refusal({ value: 'nope' })).toBe('Malformed list: value is a string, expected an array.');
    expect(refusal({ value: [42] })).toBe('Malformed record at value[0]: expected a JSON object, got a number.');
    expect(refusal({ totalRecords: 1, data: 'x' })).toMatch(/^Malformed Resource Graph result: data is a string/);
  });
});

function readExampleWith(value: unknown[]): unknown {
  return { parameters: {}, responses: { '200': { body: { value } } } };
}

describe('secure score imports', () => {
  it('a saved secure score list and its controls become today\'s rows of the subscription (past days are never written)', () => {
    const today = new Date().toISOString().slice(0, 10);
    const scores = parseImportFile(readExample('security/2020-01-01/ListSecureScores_example.json'));
    expect(scores).toMatchObject({ source: 'defender-assessment', kind: 'secure-scores' });
    expect(scores.batch.secureScores?.find((r) => r.controlId === '')).toMatchObject({ subscriptionId: SUB, day: today });
    const controls = parseImportFile(readExample('security/2020-01-01/ListSecureScoreControls_example.json'));
    expect(controls.batch.secureScores?.length).toBeGreaterThan(0);
    expect(controls.batch.secureScores?.every((r) => r.controlId !== '' && r.day === today && r.subscriptionId === SUB)).toBe(true);
  });
});
