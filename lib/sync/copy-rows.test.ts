import { describe, expect, it } from 'vitest';
import { encodeCopyField, encodeCopyLine } from './copy-rows';

describe('COPY text-format encoding', () => {
  it('escapes exactly the characters that end a field or a line, and the backslash', () => {
    expect(encodeCopyField('a\tb\nc\rd\\e')).toBe('a\\tb\\nc\\rd\\\\e');
    // A literal "\N" must not read as NULL: its backslash is escaped.
    expect(encodeCopyField('\\N')).toBe('\\\\N');
    expect(encodeCopyField('"quoted" \'single\' ünï 𝔘,;|')).toBe('"quoted" \'single\' ünï 𝔘,;|');
  });

  it('writes NULL as \\N, dates as ISO instants, and ends a row with one newline', () => {
    expect(encodeCopyLine([null, new Date('2026-12-02T05:00:00Z'), 'x', 3, true])).toBe('\\N\t2026-12-02T05:00:00.000Z\tx\t3\ttrue\n');
    expect(encodeCopyLine([''])).toBe('\n');
  });
});
