export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { checkAuthConfiguration } = await import('./auth/startup-checks');
  checkAuthConfiguration();
}
