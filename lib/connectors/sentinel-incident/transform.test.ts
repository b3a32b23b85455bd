import { describe, expect, it } from 'vitest';
import { generateTenant } from '../../demo/generate-tenant';
import { toAlertRows } from '../defender-alert/transform';
import { exampleBody, exampleItems } from '../testing/examples';
import { toIncidentRows } from './transform';

const INCIDENT = 'securityinsights/2025-09-01/GetIncidentById.json';
const ALERTS = 'securityinsights/2025-09-01/GetAllIncidentAlerts.json';

describe('toIncidentRows', () => {
  it('maps GetIncidentById.json with GetAllIncidentAlerts.json (2025-09-01)', () => {
    const { finding, event } = toIncidentRows(exampleBody(INCIDENT), exampleItems(ALERTS));
    expect(finding).toMatchObject({
      kind: 'incident',
      ruleId: 'fab3d2d4-747f-46a7-8ef0-9c0be8112bf7',
      title: 'My incident',
      description: 'This is a demo incident',
      severity: 'high',
      // Closed as FalsePositive: not a resolved threat, a dismissed one.
      status: 'dismissed',
      subscriptionId: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0',
      clusterArmId: null,
      firstSeenAt: new Date('2019-01-01T13:15:30Z'),
      resolvedAt: new Date('2019-01-01T13:15:30Z'),
    });
    expect(event).toMatchObject({
      relatedAlertIds: ['baa8a239-6fde-4ab7-a093-d09f7b75c58c'],
      tactics: ['InitialAccess', 'Persistence'],
      sourceOwner: 'john doe',
      classification: 'FalsePositive',
      classificationReason: 'InaccurateData',
      incidentNumber: 3177,
      alertCount: 0,
      commentCount: 3,
      sourceStatus: 'Closed',
      initialTriageStatus: 'false_positive',
      portalUrl: expect.stringContaining('Microsoft_Azure_Security_Insights/Incident/subscriptions/') as string,
    });
  });

  it('maps New and Active to open work, and refuses an unknown status or an alert without id', () => {
    const body = exampleBody(INCIDENT) as { properties: Record<string, unknown> };
    const at = (status: string) => toIncidentRows({ ...body, properties: { ...body.properties, status, classification: null } }, []);
    expect(at('New').event.initialTriageStatus).toBe('new');
    expect(at('Active').event.initialTriageStatus).toBe('in_progress');
    expect(at('Active').finding.status).toBe('open');
    expect(() => at('Snoozed')).toThrow(/unknown incident status "Snoozed"/);
    expect(() => toIncidentRows(body, [{ properties: {} }])).toThrow(/alert \[0\]: missing id/);
  });

  it('links each demo incident to the Defender alert it contains and to that alert\'s cluster', () => {
    const tenant = generateTenant({ seed: 11, clusters: 8, now: new Date('2025-11-20T00:00:00Z') });
    const ws = tenant.sentinelWorkspace.subscriptionId;
    const incidents = tenant.page('incidents', ws, 0, tenant.count('incidents', ws));
    expect(incidents.length).toBeGreaterThan(0);
    const alertIds = new Set(
      tenant.subscriptions
        .flatMap((s) => tenant.page('alerts', s.subscriptionId, 0, tenant.count('alerts', s.subscriptionId)))
        .map((a) => toAlertRows(a).event.systemAlertId?.toLowerCase()),
    );
    for (const raw of incidents) {
      const alerts = tenant.incidentAlerts(String(raw.name));
      const { finding, event } = toIncidentRows(raw, alerts);
      expect(event.relatedAlertIds).toHaveLength(1);
      expect(alertIds.has(event.relatedAlertIds[0]?.toLowerCase())).toBe(true);
      expect(tenant.clusters.map((c) => c.id.toLowerCase())).toContain(finding.clusterArmId?.toLowerCase());
    }
  });
});
