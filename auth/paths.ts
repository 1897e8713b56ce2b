// Kept apart from options.ts so that proxy.ts does not pull the database into its bundle.
export const SIGN_IN_PATH = '/signin';

/** Set by proxy.ts on dashboard requests: the path and query the browser asked for. */
export const REQUEST_PATH_HEADER = 'x-mcp-metrics-path';
