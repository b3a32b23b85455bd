import { describe, expect, it } from 'vitest';
import { describeFreshness, type SourceFreshness } from './freshness';

const NOW = '2025-11-26T12:00:00Z';
const base: SourceFreshness = { source: 'defender-alert', lastSuccessAt: null, lastFailure: null };

describe('describeFreshness', () => {
  it('says never synced when nothing ever ran', () => {
    expect(describeFreshness(base, NOW)).toEqual({ kind: 'never' });
  });

  it('shows the last success when it is the latest news', () => {
    const state = describeFreshness(
      { ...base, lastSuccessAt: '2025-11-26T11:00:00Z', lastFailure: { at: '2025-11-25T08:00:00Z', error: 'old' } },
      NOW,
    );
    expect(state).toEqual({ kind: 'synced', at: new Date('2025-11-26T11:00:00Z'), stale: false });
  });

  it('puts a failure newer than the last success first, keeping when data was last good', () => {
    const state = describeFreshness(
      {
        ...base,
        lastSuccessAt: '2025-11-25T11:00:00Z',
        lastFailure: { at: '2025-11-26T10:00:00Z', error: '403 AuthorizationFailed' },
      },
      NOW,
    );
    expect(state).toEqual({
      kind: 'failed',
      at: new Date('2025-11-26T10:00:00Z'),
      error: '403 AuthorizationFailed',
      lastSuccessAt: new Date('2025-11-25T11:00:00Z'),
    });
  });

  it('reports a failure for a source that never succeeded', () => {
    const state = describeFreshness({ ...base, lastFailure: { at: '2025-11-26T10:00:00Z', error: 'timeout' } }, NOW);
    expect(state.kind).toBe('failed');
    expect(state.kind === 'failed' && state.lastSuccessAt).toBeNull();
  });

  it('marks a success older than the stale threshold', () => {
    const entry = { ...base, lastSuccessAt: '2025-11-25T10:00:00Z' };
    expect(describeFreshness(entry, NOW)).toMatchObject({ kind: 'synced', stale: true });
    expect(describeFreshness(entry, NOW, 48 * 3_600_000)).toMatchObject({ kind: 'synced', stale: false });
  });
});

describe('describeFreshness for a source without a connector', () => {
  it('says not connected instead of never synced', () => {
    expect(describeFreshness({ source: 'defender-alert', lastSuccessAt: null, lastFailure: null, connected: false })).toEqual({ kind: 'not-connected' });
    expect(describeFreshness({ source: 'defender-alert', lastSuccessAt: null, lastFailure: null, connected: true })).toEqual({ kind: 'never' });
  });
});
