// Reading the theme cookie (server side: the root layout). Kept apart from theme.ts, which the client-side switch
// imports, so zod stays out of the browser bundle.
import { z } from 'zod';
import type { ThemeChoice } from './theme';

const cookieValue = z.enum(['light', 'dark']);

/** Anything but a known forced scheme (absent, tampered, from an older version) means "follow the system". */
export function parseThemeCookie(value: string | undefined): ThemeChoice {
  const parsed = cookieValue.safeParse(value);
  return parsed.success ? parsed.data : 'system';
}
