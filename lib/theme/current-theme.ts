import 'server-only';
import { cookies } from 'next/headers';
import { THEME_COOKIE, type ThemeChoice } from './theme';
import { parseThemeCookie } from './theme-cookie';

/** The signed-out and signed-in pages alike render in the scheme the visitor picked (the root layout reads this). */
export async function currentTheme(): Promise<ThemeChoice> {
  return parseThemeCookie((await cookies()).get(THEME_COOKIE)?.value);
}
