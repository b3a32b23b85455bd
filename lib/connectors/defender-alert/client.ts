// The Defender for Cloud client for alerts: the official SecurityCenter client, used for its pipeline (credential,
// retries, throttling) because its own alerts operations speak 2021-11-01 and we read the stable 2022-01-01.
import { createSecurityCenterClient } from '../defender-assessment/client';
import type { ArmPipelineClient } from '../shared/raw-arm';
import type { AzureSettings } from '../types';

export const ALERTS_API_VERSION = '2022-01-01';

export function createAlertsClient(settings: AzureSettings, subscriptionId: string): ArmPipelineClient {
  return createSecurityCenterClient(settings, subscriptionId);
}
