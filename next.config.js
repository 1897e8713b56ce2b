/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native addon: must be required at run time, never bundled.
  serverExternalPackages: ['better-sqlite3'],
  poweredByHeader: false,
};

module.exports = nextConfig;
