import { describe, expect, it } from 'vitest';
import { tallyControlStatuses } from './control-status';

describe('tallyControlStatuses', () => {
  it('counts each status', () => {
    expect(tallyControlStatuses(['pass', 'fail', 'pass', 'no-evidence', 'pass'])).toEqual({
      pass: 3,
      fail: 1,
      'no-evidence': 1,
    });
  });

  it('reports zeros for statuses that never occur', () => {
    expect(tallyControlStatuses([])).toEqual({ pass: 0, fail: 0, 'no-evidence': 0 });
  });
});
