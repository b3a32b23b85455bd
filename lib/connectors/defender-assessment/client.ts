// The Defender for Cloud (Microsoft.Security) client. One per subscription: SecurityCenter binds it at construction.
import { SecurityCenter } from '@azure/arm-security';
import { classicClientOptions } from '../shared/client-options';
import type { AzureSettings } from '../types';

export function createSecurityCenterClient(settings: AzureSettings, subscriptionId: string): SecurityCenter {
  return new SecurityCenter(settings.credential, subscriptionId, classicClientOptions(settings));
}
