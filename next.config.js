/** @type {import('next').NextConfig} */
const nextConfig = {
  // Database drivers: required at run time, never bundled (better-sqlite3 is a native addon). The
  // OpenTelemetry SDK too: one copy per server process, shared by every route chunk and the instrumentation hook.
  serverExternalPackages: [
    'better-sqlite3',
    'pg',
    '@opentelemetry/api',
    '@opentelemetry/core',
    '@opentelemetry/exporter-metrics-otlp-proto',
    '@opentelemetry/exporter-prometheus',
    '@opentelemetry/resources',
    '@opentelemetry/sdk-metrics',
    '@opentelemetry/semantic-conventions',
  ],
  poweredByHeader: false,
  // Lets several builds (e.g. parallel test runs) live side by side; `npm start` reads the same variable.
  distDir: process.env.NEXT_DIST_DIR || '.next',
  // On every answer: no content-type sniffing, no URLs (dashboard filters) in other sites' Referer,
  // and no framing of the dashboard by another page (clickjacking an admin's buttons).
  async headers() {
    return [
      {
        source: '/:path*',
        headers: [
          { key: 'X-Content-Type-Options', value: 'nosniff' },
          { key: 'Referrer-Policy', value: 'same-origin' },
          { key: 'Content-Security-Policy', value: "frame-ancestors 'none'" },
          { key: 'X-Frame-Options', value: 'DENY' },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
