// Kubernetes versions AKS offers in a region (ManagedClusters_ListKubernetesVersions, `.../locations/{location}/
// kubernetesVersions`): the reference a cluster's version is judged against (supported, oldest supported, or no
// longer offered). The response is `{ values: [{ version: "1.30", isPreview, isDefault, capabilities:
// { supportPlan: [...] }, patchVersions: { "1.30.4": { upgrades: [...] } } }] }`.
import { z } from 'zod';
import { armResponseJson, armUrl, modularPipelineClient, sendArm } from '../shared/raw-arm';
import { RecordError } from '../shared/record';
import type { AzureSettings } from '../types';
import { createContainerServiceClient } from './client';
import { CONTAINER_SERVICE_API_VERSION } from './fetch';

export interface KubernetesVersionRow {
  location: string;
  /** Minor version, "1.30". */
  version: string;
  isPreview: boolean;
  isDefault: boolean;
  supportPlans: string[];
  patchVersions: string[];
}

export const kubernetesVersionListSchema = z.object({
  values: z.array(
    z.object({
      version: z.string().regex(/^\d+\.\d+$/, 'a minor version like "1.30"'),
      isPreview: z.boolean().nullish(),
      isDefault: z.boolean().nullish(),
      capabilities: z.object({ supportPlan: z.array(z.string()).nullish() }).nullish(),
      patchVersions: z.record(z.string(), z.unknown()).nullish(),
    }),
  ),
});

export function toKubernetesVersionRows(location: string, body: unknown): KubernetesVersionRow[] {
  const parsed = kubernetesVersionListSchema.safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RecordError(`Kubernetes versions of ${location}: ${issue ? `${issue.path.join('.') || '(body)'}: ${issue.message}` : 'malformed'}`);
  }
  return parsed.data.values.map((v) => ({
    location: location.toLowerCase(),
    version: v.version,
    isPreview: v.isPreview ?? false,
    isDefault: v.isDefault ?? false,
    supportPlans: v.capabilities?.supportPlan ?? [],
    patchVersions: Object.keys(v.patchVersions ?? {}),
  }));
}

export async function fetchKubernetesVersions(settings: AzureSettings, subscriptionId: string, location: string, signal?: AbortSignal): Promise<unknown> {
  const what = `Kubernetes versions of ${location}`;
  const client = modularPipelineClient(createContainerServiceClient(settings, subscriptionId));
  const path = `/subscriptions/${subscriptionId}/providers/Microsoft.ContainerService/locations/${encodeURIComponent(location)}/kubernetesVersions`;
  const response = await sendArm(client, 'GET', armUrl(settings.armEndpoint, path, CONTAINER_SERVICE_API_VERSION), what, { signal });
  return armResponseJson(response, what);
}
