/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers: required at run time, never bundled (better-sqlite3 is a native addon).
  serverExternalPackages: ['better-sqlite3', 'pg'],
  poweredByHeader: false,
  // Lets several builds (e.g. parallel test runs) live side by side; `npm start` reads the same variable.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

module.exports = nextConfig;
