import { describe, expect, it } from 'vitest';
import { SOURCE_IDS } from '../domain/model';
import { CONNECTORS, getConnector } from './registry';

describe('connector registry', () => {
  it('registers each implemented source once, with a known id', () => {
    const ids = CONNECTORS.map((c) => c.id);
    expect(ids).toEqual(['inventory', 'defender-assessment', 'defender-vulnerability', 'defender-alert', 'sentinel-incident', 'policy-state']);
    expect(ids.every((id) => (SOURCE_IDS as readonly string[]).includes(id))).toBe(true);
  });

  it('finds a connector by source id, and none for sources not built yet', () => {
    expect(getConnector('defender-assessment')?.id).toBe('defender-assessment');
    expect(getConnector('sentinel-incident')?.id).toBe('sentinel-incident');
    expect(getConnector('policy-state')).toBeUndefined();
  });
});
