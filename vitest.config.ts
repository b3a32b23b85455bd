import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    alias: {
      '@': fileURLToPath(new URL('./', import.meta.url)),
      // Outside React's server build the marker package throws; tests import data-layer modules directly.
      'server-only': fileURLToPath(new URL('./node_modules/server-only/empty.js', import.meta.url)),
    },
  },
  test: {
    include: ['lib/**/*.test.ts', 'app/**/*.test.ts', 'components/**/*.test.ts', 'scripts/**/*.test.ts'],
    environment: 'node',
    // Integration tests share one Postgres started by the global setup; files still run in parallel,
    // each in its own database.
    globalSetup: ['./lib/testing/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    // Vitest's default is one worker per CPU minus one — a single worker on a 2-core runner, which runs the files one
    // after another although most of their time is spent waiting on Postgres, spawned processes and the stand-in.
    // Three overlap that waiting: the unit suite went from 288 s to 105 s on 2 cores, all 810 tests passing.
    maxWorkers: 3,
    // next-auth imports 'next/server' without an extension, which Node's ESM resolver refuses; let Vite resolve it.
    server: { deps: { inline: ['next-auth'] } },
  },
});
