/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addon: must be required at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
  // Lets several builds (e.g. parallel test runs) live side by side; `npm start` reads the same variable.
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

module.exports = nextConfig;
