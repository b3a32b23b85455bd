// The Azure a process talks to: real ARM in azure mode, or — in demo mode — the generated tenant served by the
// local HTTPS stand-in, started in this process on an ephemeral loopback port. Either way the connectors get
// the same AzureSettings and use the same SDK clients.
import type { AzureSettings } from '../connectors/types';
import type { Env } from '../env';
import { azureSettingsFromEnv } from '../azure/settings';
import { startArmStandIn } from '../demo/arm-stand-in';
import { generateTenant, type DemoTenant } from '../demo/generate-tenant';
import { createDemoCredential } from '../demo/static-credential';
import type { DevCertificate } from '../demo/tls';

export interface OpenAzure {
  settings: AzureSettings;
  mode: 'demo' | 'azure';
  /** Demo mode: the generated tenant the stand-in serves (its plausible past is seeded from it). */
  demoTenant?: DemoTenant;
  close(): Promise<void>;
}

/** A case-insensitive substring match; the operator's text is escaped, so it is never a pattern of its own. */
function substringPattern(text: string): RegExp {
  // eslint-disable-next-line security/detect-non-literal-regexp -- the text is escaped first: a literal match only
  return new RegExp(text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
}

export async function openAzure(env: Env, certificate: DevCertificate | null, now = new Date()): Promise<OpenAzure> {
  if (env.POSTURE_MODE === 'azure') return { settings: azureSettingsFromEnv(env), mode: 'azure', close: async () => undefined };
  if (!certificate) throw new Error('Demo mode needs the local TLS certificate (ensureTrustedDevCertificate) before opening the stand-in.');
  const tenant = generateTenant({ seed: env.DEMO_SEED, clusters: env.DEMO_CLUSTERS, now });
  const standIn = await startArmStandIn({
    tenant,
    port: 0,
    tls: { key: certificate.key, cert: certificate.cert },
    faults: {
      ...(env.DEMO_FAIL_PATHS ? { failPaths: env.DEMO_FAIL_PATHS.map(substringPattern) } : {}),
      ...(env.DEMO_SLOW_PATHS ? { slowPaths: env.DEMO_SLOW_PATHS.map(substringPattern) } : {}),
      ...(env.STAND_IN_FAULTS ? { mix: env.STAND_IN_FAULTS } : {}),
    },
  });
  return {
    mode: 'demo',
    demoTenant: tenant,
    settings: {
      armEndpoint: standIn.url,
      subscriptionIds: tenant.subscriptions.map((s) => s.subscriptionId),
      // The same workspace through either path (DEMO_SENTINEL_VIA); the stand-in serves both.
      sentinelWorkspaceIds: env.DEMO_SENTINEL_VIA === 'api' ? [tenant.sentinelWorkspace.id] : [],
      sentinelLogAnalyticsWorkspaceIds: env.DEMO_SENTINEL_VIA === 'log-analytics' ? [tenant.sentinelWorkspace.id] : [],
      logAnalyticsEndpoint: `${standIn.url}/v1`,
      credential: createDemoCredential(),
    },
    close: () => standIn.stop(),
  };
}
