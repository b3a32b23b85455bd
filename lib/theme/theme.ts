// The colour scheme a person picked: the system's (no cookie), or light or dark forced. A cookie, not
// localStorage, so the server renders <html> with the right class and the first paint is already right: no flash,
// and no inline script to run before paint (which the nonce-based CSP would have to allow).
import { z } from 'zod';

export const THEME_COOKIE = 'theme';
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

const cookieValue = z.enum(['light', 'dark']);

/** Anything but a known forced scheme (absent, tampered, from an older version) means "follow the system". */
export function parseThemeCookie(value: string | undefined): ThemeChoice {
  const parsed = cookieValue.safeParse(value);
  return parsed.success ? parsed.data : 'system';
}

/** The class on <html> that globals.css reads: `.light` and `.dark` force a scheme, none follows the system. */
export function themeClassName(choice: ThemeChoice): 'light' | 'dark' | undefined {
  return choice === 'system' ? undefined : choice;
}

/** The Set-Cookie string the toggle writes: a year, whole site, not sent cross-site. No secret in it. */
export function themeCookieString(choice: ThemeChoice, secure: boolean): string {
  const attributes = `Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
  return choice === 'system' ? `${THEME_COOKIE}=; Max-Age=0; ${attributes}` : `${THEME_COOKIE}=${choice}; Max-Age=31536000; ${attributes}`;
}
