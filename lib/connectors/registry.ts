// The registered connectors. Adding a source = one folder under lib/connectors/ and one line here.
import type { SourceId } from '../domain/model';
import { defenderAssessmentConnector } from './defender-assessment';
import { defenderVulnerabilityConnector } from './defender-vulnerability';
import { inventoryConnector } from './inventory';
import { defenderAlertConnector } from './defender-alert';
import { policyStateConnector } from './policy-state';
import { sentinelIncidentConnector } from './sentinel-incident';
import type { Connector } from './types';

export const CONNECTORS: readonly Connector[] = [
  inventoryConnector,
  defenderAssessmentConnector,
  defenderVulnerabilityConnector,
  defenderAlertConnector,
  sentinelIncidentConnector,
  policyStateConnector,
];

/** The connector for a source, or undefined when that source has none. */
export function getConnector(id: SourceId): Connector | undefined {
  return CONNECTORS.find((c) => c.id === id);
}
