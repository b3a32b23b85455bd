// Test support: a demo tenant served by the local HTTPS stand-in for one test file, and the settings that point the
// real SDK clients at it (its certificate trusted per call, so no NODE_EXTRA_CA_CERTS is needed).
import type { PipelinePolicy } from '@azure/core-rest-pipeline';
import { afterAll, beforeAll } from 'vitest';
import { startArmStandIn, type ArmStandIn } from '../../demo/arm-stand-in';
import { generateTenant, type DemoTenant } from '../../demo/generate-tenant';
import { createDemoCredential } from '../../demo/static-credential';
import { ensureDevCertificate } from '../../demo/tls';
import type { AzureSettings } from '../types';
import { trustStandInPolicy } from './stand-in-trust';

export interface StandInFixture {
  readonly standIn: ArmStandIn;
  readonly tenant: DemoTenant;
  /** Settings for the stand-in: every subscription of the tenant, no Sentinel workspace unless overridden. */
  settings(overrides?: Partial<AzureSettings>): AzureSettings;
}

export function useStandIn(options: { seed: number; clusters: number; now: Date; pageSize: number }): StandInFixture {
  let standIn: ArmStandIn | undefined;
  let tenant: DemoTenant | undefined;
  let trust: PipelinePolicy | undefined;
  beforeAll(async () => {
    const tls = await ensureDevCertificate('.data/tls');
    trust = trustStandInPolicy(tls.cert);
    tenant = generateTenant({ seed: options.seed, clusters: options.clusters, now: options.now });
    standIn = await startArmStandIn({ tenant, tls, pageSize: options.pageSize });
  });
  afterAll(async () => {
    await standIn?.stop();
  });
  const ready = <T>(value: T | undefined): T => {
    if (value === undefined) throw new Error('the stand-in fixture is used before beforeAll ran');
    return value;
  };
  return {
    get standIn() {
      return ready(standIn);
    },
    get tenant() {
      return ready(tenant);
    },
    settings(overrides = {}) {
      return {
        armEndpoint: ready(standIn).url,
        subscriptionIds: ready(tenant).subscriptions.map((s) => s.subscriptionId),
        sentinelWorkspaceIds: [],
        credential: createDemoCredential(),
        // The SDKs' own retries run on injected 500s before a run gives up, as in production.
        additionalPolicies: [{ policy: ready(trust), position: 'perCall' }],
        ...overrides,
      };
    },
  };
}
