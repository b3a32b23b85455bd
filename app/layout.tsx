import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
import { currentTheme } from '@/lib/theme/current-theme';
import { themeClassName } from '@/lib/theme/theme';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'AKS Posture', template: '%s · AKS Posture' },
  description: 'DevSecOps posture of your Azure Kubernetes Service estate, per lifecycle stage and team role.',
  robots: { index: false, follow: false },
  // Served from public/: a browser bookmark per cluster deserves a recognisable icon.
  icons: { icon: [{ url: '/favicon.ico', sizes: '32x32' }, { url: '/icon.svg', type: 'image/svg+xml' }], apple: '/apple-touch-icon.png' },
};

export const viewport: Viewport = { colorScheme: 'light dark' };

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: the Content-Security-Policy nonce is per request, and a prerendered page
  // would ship scripts without it (blocked by the policy).
  await connection();
  // A forced scheme is a class rendered by the server, so the first paint is in it (no flash, no inline script).
  const theme = await currentTheme();
  return (
    <html lang="en" className={themeClassName(theme)}>
      <body className="min-h-dvh bg-background text-foreground antialiased">
        {/* First stop of the keyboard on every page (every layout's content is <main id="main">): parked above the
            viewport, still in the accessibility tree, and slid into view when it takes focus. */}
        <a
          href="#main"
          className="fixed left-4 top-2 z-50 -translate-y-24 rounded-md bg-primary px-3 py-2 text-sm font-medium text-primary-foreground shadow-md focus:translate-y-0"
        >
          Skip to content
        </a>
        {children}
      </body>
    </html>
  );
}
