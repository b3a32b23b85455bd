import { describe, expect, it } from 'vitest';
import { containsPattern } from './like-pattern';

describe('containsPattern', () => {
  it('wraps the text in % and escapes LIKE wildcards and the escape character', () => {
    expect(containsPattern('openssl')).toBe('%openssl%');
    expect(containsPattern('50%_a\\b')).toBe('%50\\%\\_a\\\\b%');
  });
});
