import { describe, expect, it } from 'vitest';
import { clusterPageParamsSchema } from './cluster-page';
import { dropEmptyParams } from './query-string';

describe('dropEmptyParams', () => {
  it('treats a filter form\'s "Any" (an empty value) as no filter, and keeps the rest', () => {
    const raw = { stage: '', severity: 'high', status: 'open', source: '', q: ['', ''] };
    expect(dropEmptyParams(raw)).toEqual({ severity: 'high', status: 'open' });
    expect(clusterPageParamsSchema.safeParse(raw).success).toBe(false);
    const parsed = clusterPageParamsSchema.parse(dropEmptyParams(raw));
    expect(parsed).toMatchObject({ severity: ['high'], status: 'open' });
    expect(parsed.stage ?? parsed.source).toBeUndefined();
  });
});
