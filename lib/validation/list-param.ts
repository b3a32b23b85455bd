// A multi-valued search param (`?severity=high,critical` or repeated keys) parsed into a checked list.
import { z } from 'zod';

export const listParam = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean)))
    .pipe(z.array(z.enum(values)));
