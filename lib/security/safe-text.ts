// Free text from URLs and forms: control characters (NUL above all, which Postgres refuses in text and turns
// into a 500) are a 400 with a reason, not a database error.
import { z } from 'zod';

// Matching control characters is the point (the rule that flags them is off in this config's recommended set).
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

export function safeText(max: number) {
  return z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !CONTROL.test(s), 'must not contain control characters');
}
