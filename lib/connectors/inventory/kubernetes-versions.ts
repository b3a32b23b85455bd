// Kubernetes versions AKS offers in a region (ManagedClusters_ListKubernetesVersions, `.../locations/{location}/
// kubernetesVersions`): the reference a cluster's version is judged against (supported, oldest supported, or no
// longer offered). The response is `{ values: [{ version: "1.30", isPreview, isDefault, capabilities:
// { supportPlan: [...] }, patchVersions: { "1.30.4": { upgrades: [...] } } }] }`.
import { z } from 'zod';
import { createRawBodyRecorder, describeAzureFailure } from '../shared/raw-body';
import { RecordError } from '../shared/record';
import type { AzureSettings } from '../types';
import { createContainerServiceClient } from './client';

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
  const recorder = createRawBodyRecorder();
  const client = createContainerServiceClient(settings, subscriptionId, [{ policy: recorder.policy, position: 'perCall' }]);
  try {
    await client.managedClusters.listKubernetesVersions(location, { abortSignal: signal });
  } catch (error) {
    throw describeAzureFailure(what, error, recorder.lastFailureBody());
  }
  return recorder.take(what);
}
