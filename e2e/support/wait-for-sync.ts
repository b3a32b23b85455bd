// The launcher syncs the demo tenant right after start; views are checked once every connected source has a
// successful sync, read from the public health endpoint.
import { expect, type APIRequestContext } from '@playwright/test';

export const CONNECTED_SOURCES = ['inventory', 'defender-assessment', 'defender-vulnerability', 'defender-alert', 'sentinel-incident', 'policy-state'] as const;

export async function waitForFirstSync(request: APIRequestContext): Promise<void> {
  await expect
    .poll(
      async () => {
        const res = await request.get('/api/health');
        if (!res.ok()) return false;
        const body = (await res.json()) as { sources: { source: string; lastSuccessAt: string | null }[] };
        return CONNECTED_SOURCES.every((s) => body.sources.find((x) => x.source === s)?.lastSuccessAt);
      },
      { timeout: 120_000, intervals: [500, 1000, 2000] },
    )
    .toBe(true);
}
