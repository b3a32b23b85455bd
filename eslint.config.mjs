// Static analysis run by `npm test` (`npm run lint`): Next.js's own rules (core web vitals, TypeScript), the
// security rules of eslint-plugin-security and Microsoft's SDL rules. A dashboard that asks its users to run static
// analysis passes it itself; every disabled rule below says why.
import sdl from '@microsoft/eslint-plugin-sdl';
import nextVitals from 'eslint-config-next/core-web-vitals';
import nextTypescript from 'eslint-config-next/typescript';
import security from 'eslint-plugin-security';

/**
 * The SDL configs bring their own copies of eslint-plugin-react and eslint-plugin-security; flat config refuses a
 * plugin name defined twice, so their rules run with the copies Next's config and ours already register.
 */
function withoutPlugins(configs, names) {
  return configs.map((config) => {
    if (!config.plugins) return config;
    const plugins = Object.fromEntries(Object.entries(config.plugins).filter(([name]) => !names.includes(name)));
    return { ...config, plugins };
  });
}

const config = [
  {
    ignores: ['node_modules/**', '.next/**', '.data/**', 'lib/generated/**', 'test-results/**', 'playwright-report/**', 'coverage/**', 'bench-results/**', 'next-env.d.ts'],
  },
  ...nextVitals,
  ...nextTypescript,
  security.configs.recommended,
  ...withoutPlugins([...sdl.configs.common, ...sdl.configs.node, ...sdl.configs.react], ['react', 'security']),
  {
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      // No `any` and no switched-off type checks (the project's style).
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': true, 'ts-nocheck': true, 'ts-expect-error': 'allow-with-description' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Flags every computed member access (`counts[severity]`), whatever its type: 148 findings, all on keys that
      // TypeScript types as a closed union or that zod has parsed to one. No request-controlled string indexes an
      // object here (search params and bodies are parsed to enums first), which is what the rule tries to catch.
      'security/detect-object-injection': 'off',
      // Loopback HTTP is what a local stand-in, a test or the demo's sign-in pages use; anything else is flagged.
      '@microsoft/sdl/no-insecure-url': ['error', { exceptions: ['^http:\\/\\/(localhost|127\\.0\\.0\\.1)([:/]|$)', '^http:\\/\\/www\\.w3\\.org\\/'] }],
    },
  },
  {
    // Operator-side code: paths come from the operator's configuration (DATA_DIR, SCOPES_CONFIG_FILE, the federated
    // token file), the CLI's own arguments, or the repository (migrations, fixtures) — never from a web request.
    // Files the web server reads per request are not in this list, so the rule still guards them.
    files: [
      'scripts/**',
      'e2e/**',
      '**/*.test.ts',
      'lib/**/testing/**',
      'lib/cli/**',
      'lib/db/**',
      'lib/demo/**',
      'lib/runtime/**',
      'lib/security/dast/**',
      'lib/auth/local-idp/**',
      'lib/auth/federated-fetch.ts',
      'lib/auth/seed-group-scopes.ts',
      '*.config.*',
    ],
    rules: { 'security/detect-non-literal-fs-filename': 'off' },
  },
  {
    // Tests are not React: vitest fixtures named `use…` are not hooks.
    files: ['**/*.test.ts'],
    rules: { 'react-hooks/rules-of-hooks': 'off' },
  },
];

export default config;
