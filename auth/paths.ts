// Kept apart from options.ts so that proxy.ts does not pull the database into its bundle.
export const SIGN_IN_PATH = '/signin';
