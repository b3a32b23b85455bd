import { describe, expect, it } from 'vitest';
import { themeClassName, themeCookieString } from './theme';
import { parseThemeCookie } from './theme-cookie';

describe('theme choice', () => {
  it('reads a forced scheme from the cookie and anything else as the system scheme', () => {
    expect(parseThemeCookie('dark')).toBe('dark');
    expect(parseThemeCookie('light')).toBe('light');
    for (const value of [undefined, '', 'system', 'DARK', 'dark; x', '<script>']) expect(parseThemeCookie(value), String(value)).toBe('system');
  });

  it('maps the choice to the class globals.css reads, none for the system scheme', () => {
    expect(themeClassName('dark')).toBe('dark');
    expect(themeClassName('light')).toBe('light');
    expect(themeClassName('system')).toBeUndefined();
  });

  it('writes a site-wide cookie for a forced scheme and deletes it for the system scheme', () => {
    expect(themeCookieString('dark', false)).toBe('theme=dark; Max-Age=31536000; Path=/; SameSite=Lax');
    expect(themeCookieString('light', true)).toBe('theme=light; Max-Age=31536000; Path=/; SameSite=Lax; Secure');
    expect(themeCookieString('system', false)).toBe('theme=; Max-Age=0; Path=/; SameSite=Lax');
  });
});
