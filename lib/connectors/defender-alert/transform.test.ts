import { describe, expect, it } from 'vitest';
import { generateTenant } from '../../demo/generate-tenant';
import { exampleBody } from '../testing/examples';
import { alertAddressOf, tacticsOf, toAlertRows } from './transform';

const EXAMPLE = 'security/2022-01-01/GetAlertSubscriptionLocation_example.json';

describe('toAlertRows', () => {
  it('maps GetAlertSubscriptionLocation_example.json (2022-01-01) to an alert finding and its evidence', () => {
    const { finding, event } = toAlertRows(exampleBody(EXAMPLE));
    const vm = '/subscriptions/20ff7fc3-e762-44dd-bd96-b71116dcdc23/resourceGroups/myRg1/providers/Microsoft.Compute/virtualMachines/vm1';
    expect(finding).toMatchObject({
      kind: 'alert',
      ruleId: 'VM_EICAR',
      title: 'Azure Security Center test alert (not a threat)',
      severity: 'high',
      status: 'open',
      resourceId: vm,
      resourceType: 'Microsoft.Compute/virtualMachines',
      subscriptionId: '20ff7fc3-e762-44dd-bd96-b71116dcdc23',
      clusterArmId: null,
      remediation: 'No further action is needed.',
      firstSeenAt: new Date('2020-02-22T00:00:00Z'),
      resolvedAt: null,
    });
    expect(finding.sourceKey).toBe(finding.sourceKey.toLowerCase());
    expect(event).toMatchObject({
      systemAlertId: '2518298467986649999_4d25bfef-2d77-4a08-adc0-3e35715cc92a',
      tactics: ['Execution'],
      techniques: ['T1059', 'T1053', 'T1072', 'T1059.001', 'T1059.006', 'T1053.002'],
      targetKind: 'other',
      targetName: 'vm1',
      compromisedEntity: 'vm1',
      sourceStatus: 'Active',
      initialTriageStatus: 'new',
      portalUrl: expect.stringContaining('https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/') as string,
    });
    expect(event.entities).toHaveLength(1);
  });

  it('maps Resolved and Dismissed to closed findings that start closed in the queue', () => {
    const body = exampleBody(EXAMPLE) as { properties: Record<string, unknown> };
    const dismissed = toAlertRows({ ...body, properties: { ...body.properties, status: 'Dismissed' } });
    expect(dismissed.finding.status).toBe('dismissed');
    expect(dismissed.event.initialTriageStatus).toBe('false_positive');
    const resolved = toAlertRows({ ...body, properties: { ...body.properties, status: 'Resolved' } });
    expect(resolved.finding.status).toBe('resolved');
    expect(resolved.finding.resolvedAt).toEqual(new Date('2020-02-23T13:47:58.920Z'));
  });

  it('refuses an alert without an id, an unknown status or an unknown severity, naming the field', () => {
    const body = exampleBody(EXAMPLE) as { id: string; properties: Record<string, unknown> };
    expect(() => toAlertRows({ ...body, id: '' })).toThrow('missing id');
    expect(() => toAlertRows({ ...body, properties: { ...body.properties, status: 'Snoozed' } })).toThrow(/properties.status: unknown alert status "Snoozed"/);
    expect(() => toAlertRows({ ...body, properties: { ...body.properties, severity: 'Severe' } })).toThrow(/properties.severity/);
  });

  it('attaches demo tenant alerts to their cluster or key vault', () => {
    const tenant = generateTenant({ seed: 11, clusters: 8, now: new Date('2025-11-20T00:00:00Z') });
    const rows = tenant.subscriptions.flatMap((s) => tenant.page('alerts', s.subscriptionId, 0, tenant.count('alerts', s.subscriptionId))).map(toAlertRows);
    expect(rows.length).toBeGreaterThan(5);
    const onClusters = rows.filter((r) => r.event.targetKind === 'cluster');
    const onVaults = rows.filter((r) => r.event.targetKind === 'key-vault');
    expect(onClusters.length).toBeGreaterThan(0);
    expect(onVaults.length).toBeGreaterThan(0);
    for (const r of onClusters) {
      expect(tenant.clusters.map((c) => c.id.toLowerCase())).toContain(r.finding.clusterArmId?.toLowerCase());
      expect(r.event.targetName).toBe(r.finding.clusterArmId?.split('/').pop());
    }
    for (const r of onVaults) expect(r.finding.clusterArmId).toBeNull();
    expect(new Set(rows.map((r) => r.finding.status))).toEqual(new Set(['open', 'resolved', 'dismissed']));
  });
});

describe('helpers', () => {
  it('splits intent into tactics and drops Unknown', () => {
    expect(tacticsOf('Execution, Persistence')).toEqual(['Execution', 'Persistence']);
    expect(tacticsOf('Unknown')).toEqual([]);
    expect(tacticsOf(null)).toEqual([]);
  });

  it('reads the location and name an alert state change needs', () => {
    const { id } = exampleBody(EXAMPLE) as { id: string };
    expect(alertAddressOf(id)).toEqual({
      subscriptionId: '20ff7fc3-e762-44dd-bd96-b71116dcdc23',
      resourceGroup: 'myRg1',
      location: 'westeurope',
      name: '2518770965529163669_F144EE95-A3E5-42DA-A279-967D115809AA',
    });
    expect(alertAddressOf('/subscriptions/x/providers/Microsoft.Security/assessments/y')).toBeNull();
  });
});
