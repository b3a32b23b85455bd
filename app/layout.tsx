import type { Metadata, Viewport } from 'next';
import { connection } from 'next/server';
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
  return (
    <html lang="en">
      <body className="min-h-dvh bg-background text-foreground antialiased">{children}</body>
    </html>
  );
}
