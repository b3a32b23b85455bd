// End-to-end tests in Debian's Chromium (Playwright's own browser download is not available here). The web
// server is the real `npm start` — embedded Postgres, demo Azure stand-in, local identity provider — on its own
// port and data directory, so a developer's running dashboard is left alone.
import { defineConfig, devices } from '@playwright/test';

const PORT = Number(process.env.E2E_PORT ?? 3100);
export const E2E_BASE_URL = `http://localhost:${PORT}`;

export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results/e2e',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL: E2E_BASE_URL,
    trace: 'retain-on-failure',
    // No ignoreHTTPSErrors: a demo user's browser never meets the self-signed certificate (the local identity
    // provider's sign-in pages are served on plain-HTTP loopback), and these tests prove it.
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      // This machine has no network beyond loopback: keep Chromium from reaching out at start.
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  projects: [
    { name: 'setup', testMatch: /.*\.setup\.ts/ },
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1600, height: 1000 } }, dependencies: ['setup'] },
  ],
  webServer: {
    command: 'npm start',
    url: `${E2E_BASE_URL}/api/health`,
    timeout: 300_000,
    reuseExistingServer: !process.env.CI,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATA_DIR: '.data/e2e',
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? '54340',
      SYNC_INTERVAL_MINUTES: '0',
      SYNC_ON_START: 'true',
      // Every e2e sign-in comes from 127.0.0.1; the limiter itself is covered by unit tests (lib/security).
      SIGN_IN_RATE_LIMIT_PER_MINUTE: '1000',
      // Resource Graph pages answered after 1.5 s: the image-vulnerability sync lasts long enough for the admin's
      // live progress to be seen (overview.spec "sync now"); three pages, so the start-up sync loses a few seconds.
      DEMO_SLOW_PATHS: '/providers/Microsoft.ResourceGraph/resources',
    },
  },
});
