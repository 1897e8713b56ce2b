export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Files this server writes (the database, its WAL) hold password and key hashes: owner-only, also under a plain `next start`.
  process.umask(0o077);
  const { checkAuthConfiguration } = await import('./auth/startup-checks');
  checkAuthConfiguration();
  const { recordClientAddresses } = await import('./lib/http/record-client-address');
  const hops = process.env.TRUSTED_PROXY_HOPS ?? '0';
  if (!/^\d+$/.test(hops)) {
    console.error(`[serve] TRUSTED_PROXY_HOPS must be a whole number of proxies in front of the server (0: none), got "${hops}"`);
    process.exit(1);
  }
  recordClientAddresses(Number(hops));
}
