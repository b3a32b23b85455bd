// The colour scheme a person picked: the system's (no cookie), or light or dark forced. A cookie, not
// localStorage, so the server renders <html> with the right class and the first paint is already right: no flash,
// and no inline script to run before paint (which the nonce-based CSP would have to allow).
// The theme switch on every page imports this file: it stays free of zod (the cookie is parsed in theme-cookie.ts,
// on the server), which would otherwise ship in every page's first-load JavaScript.
export const THEME_COOKIE = 'theme';
export const THEME_CHOICES = ['system', 'light', 'dark'] as const;
export type ThemeChoice = (typeof THEME_CHOICES)[number];

export const THEME_LABELS: Record<ThemeChoice, string> = { system: 'System', light: 'Light', dark: 'Dark' };

/** The class on <html> that globals.css reads: `.light` and `.dark` force a scheme, none follows the system. */
export function themeClassName(choice: ThemeChoice): 'light' | 'dark' | undefined {
  return choice === 'system' ? undefined : choice;
}

/** The Set-Cookie string the toggle writes: a year, whole site, not sent cross-site. No secret in it. */
export function themeCookieString(choice: ThemeChoice, secure: boolean): string {
  const attributes = `Path=/; SameSite=Lax${secure ? '; Secure' : ''}`;
  return choice === 'system' ? `${THEME_COOKIE}=; Max-Age=0; ${attributes}` : `${THEME_COOKIE}=${choice}; Max-Age=31536000; ${attributes}`;
}
