// Runs every registered source once, inventory first (findings are attached to the clusters and registries
// it records). A failing source does not stop the others; the caller gets one result per source.
import type pg from 'pg';
import { CONNECTORS } from '../connectors/registry';
import type { AzureSettings } from '../connectors/types';
import type { SourceId } from '../domain/model';
import { runConnector, type RunOptions, type RunResult } from './run-source';

export interface SyncAllOptions extends Omit<RunOptions, 'sweep'> {
  only?: readonly SourceId[];
  signal?: AbortSignal;
  onStart?: (source: SourceId) => void;
  onResult?: (result: RunResult) => void;
}

export async function syncAll(pool: pg.Pool, azure: AzureSettings, options: SyncAllOptions): Promise<RunResult[]> {
  const ordered = [...CONNECTORS].sort((a, b) => Number(b.id === 'inventory') - Number(a.id === 'inventory'));
  const results: RunResult[] = [];
  for (const connector of ordered) {
    if (options.only && !options.only.includes(connector.id)) continue;
    if (options.signal?.aborted) break;
    options.onStart?.(connector.id);
    const result = await runConnector(pool, connector, { azure, signal: options.signal, progress: options.onProgress }, options);
    options.onResult?.(result);
    results.push(result);
  }
  return results;
}
