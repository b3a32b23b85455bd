// Secure score reads use the official SecurityCenter client's pipeline (credential, retries, throttling), like the
// other Defender sources, at the stable 2020-01-01 api-version of secureScores and secureScoreControls.
import { createSecurityCenterClient } from '../defender-assessment/client';
import type { ArmPipelineClient } from '../shared/raw-arm';
import type { AzureSettings } from '../types';

export const SECURE_SCORE_API_VERSION = '2020-01-01';

export function createSecureScoreClient(settings: AzureSettings, subscriptionId: string): ArmPipelineClient {
  return createSecurityCenterClient(settings, subscriptionId);
}
