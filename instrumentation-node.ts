/** The Node.js server's start-up (instrumentation.ts): file mode, configuration, then telemetry. */
export async function registerNode() {
  // Files this server writes (the database, its WAL) hold password and key hashes: owner-only, also under a plain `next start`.
  process.umask(0o077);
  const { config, ConfigError } = await import('./lib/config/config');
  try {
    config();
  } catch (error) {
    // Also under a plain `next start`: a bad value stops the server at once, in one line naming it.
    if (!(error instanceof ConfigError)) throw error;
    console.error(`[serve] ${error.message}`);
    process.exit(1);
  }
  const { checkAuthConfiguration } = await import('./auth/startup-checks');
  checkAuthConfiguration();
  const { recordClientAddresses } = await import('./lib/http/record-client-address');
  recordClientAddresses(config().http.trustedProxyHops);
  // The server process only: `next build` runs this hook too, and must neither listen nor push.
  if (process.env.NEXT_PHASE === 'phase-production-build') return;
  const { startTelemetry } = await import('./lib/telemetry/telemetry');
  await startTelemetry();
}
