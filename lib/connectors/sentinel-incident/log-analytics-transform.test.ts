import { describe, expect, it } from 'vitest';
import { readExample } from '../testing/examples';
import { alertRestShapeOf, alertsQuery, incidentRestShapeOf, parseAlertRow, parseIncidentRow, recordsOf } from './log-analytics-transform';
import { toIncidentRows } from './transform';

const WS = '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/myRg/providers/Microsoft.OperationalInsights/workspaces/myWorkspace';
const CLUSTER = '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/rg-aks/providers/Microsoft.ContainerService/managedClusters/aks-prod';

describe('Log Analytics result tables', () => {
  it('turns the official query response into records keyed by column (oms-post-example.json)', () => {
    const example = readExample('operationalinsights/v1/oms-post-example.json') as { responses: { 200: { body: { tables: { columns: { name: string }[]; rows: unknown[][] }[] } } } };
    const [t] = example.responses[200].body.tables;
    if (!t) throw new Error('example without a table');
    const records = recordsOf({ columnDescriptors: t.columns, rows: t.rows }, 'Usage');
    expect(records).toHaveLength(t.rows.length);
    expect(Object.keys(records[0] ?? {})).toEqual(t.columns.map((c) => c.name));
    expect(records[0]?.TenantId).toBe(t.rows[0]?.[0]);
  });

  it('refuses a row that does not match its columns, naming it', () => {
    expect(() => recordsOf({ columnDescriptors: [{ name: 'A' }, { name: 'B' }], rows: [['1', '2'], ['3']] }, 'SecurityIncident')).toThrow(
      'SecurityIncident: row 1 has 1 values for 2 columns',
    );
  });
});

describe('SecurityIncident and SecurityAlert rows → the incident transform', () => {
  // As the SDK hands them over: datetime columns as Date, dynamic columns parsed — or, from a saved response, as text.
  const incident = {
    IncidentName: '73e01a99-5cd7-4139-a149-9f2736ff2ab5', IncidentNumber: 3177, Title: 'Privileged container detected', Description: '',
    Severity: 'High', Status: 'Active', Classification: '', ClassificationReason: '',
    Owner: '{"objectId":"2046feea-040d-4a46-9e2b-91c2941bfa70","email":"alice@contoso.com","assignedTo":"Alice Smith","userPrincipalName":"alice@contoso.com"}',
    Labels: [{ labelName: 'aks', labelType: 'User' }], IncidentUrl: 'https://portal.azure.com/#asset/Microsoft_Azure_Security_Insights/Incident/x',
    CreatedTime: new Date('2026-11-30T10:00:00Z'), LastModifiedTime: new Date('2026-11-30T11:00:00Z'),
    FirstActivityTime: '2026-11-30T09:58:00Z', LastActivityTime: '2026-11-30T09:59:00Z',
    RelatedAnalyticRuleIds: `["${WS}/providers/Microsoft.SecurityInsights/alertRules/fab3d2d4-747f-46a7-8ef0-9c0be8112bf7"]`,
    AlertIds: '["2517538088322968242_d3ef4e2b"]', AdditionalData: { alertsCount: 1, tactics: ['PrivilegeEscalation'], alertProductNames: ['Azure Security Center'] },
  };
  const alert = { SystemAlertId: '2517538088322968242_d3ef4e2b', AlertName: 'Privileged container detected', AlertSeverity: 'High', ProductName: 'Azure Security Center', Tactics: 'PrivilegeEscalation, Execution', ResourceId: CLUSTER, Status: 'New' };

  it('rebuild the API shape, so the one incident transform makes the finding and its evidence', () => {
    const { finding, event } = toIncidentRows(incidentRestShapeOf(parseIncidentRow(incident), WS), [alertRestShapeOf(parseAlertRow(alert), WS)]);
    expect(finding).toMatchObject({
      sourceKey: `${WS}/providers/Microsoft.SecurityInsights/Incidents/73e01a99-5cd7-4139-a149-9f2736ff2ab5`.toLowerCase(),
      kind: 'incident', title: 'Privileged container detected', severity: 'high', status: 'open', clusterArmId: CLUSTER, resourceId: CLUSTER,
      ruleId: 'fab3d2d4-747f-46a7-8ef0-9c0be8112bf7', firstSeenAt: new Date('2026-11-30T10:00:00Z'),
    });
    expect(event).toMatchObject({
      relatedAlertIds: ['2517538088322968242_d3ef4e2b'], tactics: ['PrivilegeEscalation', 'Execution'], sourceOwner: 'Alice Smith',
      incidentNumber: 3177, alertCount: 1, initialTriageStatus: 'in_progress', startedAt: new Date('2026-11-30T09:58:00Z'),
    });
  });

  it('a row without its title or with an unknown status is refused with the column named', () => {
    expect(() => parseIncidentRow({ ...incident, Title: '' })).toThrow('SecurityIncident row: Title: missing Title');
    expect(() => toIncidentRows(incidentRestShapeOf(parseIncidentRow({ ...incident, Status: 'Snoozed' }), WS), [])).toThrow(/unknown incident status "Snoozed"/);
  });

  it('only alert ids go into the KQL literal: anything else is refused, not escaped and hoped for', () => {
    expect(alertsQuery(90, ['2517538088322968242_d3ef4e2b'])).toContain('dynamic(["2517538088322968242_d3ef4e2b"])');
    expect(() => alertsQuery(90, ['x"]) | union SigninLogs | //'])).toThrow(/is not an alert id/);
  });
});
