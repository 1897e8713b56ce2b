/**
 * What to do when a chart has nothing to show: before the first metric ever, how to send one;
 * otherwise, that the range or filters exclude everything.
 */
export function EmptyState({
  neverReceived,
  hint,
  origin,
}: {
  neverReceived: boolean;
  hint?: string;
  /** Where this server is reached, for the example. */ origin?: string;
}) {
  if (!neverReceived) {
    return (
      <div
        data-testid="empty-state"
        className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm text-zinc-600 dark:border-zinc-700 dark:text-zinc-400"
      >
        {hint ?? 'No metrics in this range with these filters. Pick a longer range or clear the filters.'}
      </div>
    );
  }
  return (
    <div data-testid="empty-state" className="rounded-lg border border-dashed border-zinc-300 p-6 text-sm dark:border-zinc-700">
      <h2 className="font-medium">No metrics yet</h2>
      <p className="mt-1 text-zinc-600 dark:text-zinc-400">
        Create an API key for your service (on the API keys page, or <code>npm run keys -- create --service my-service</code>), then send a first metric:
      </p>
      <pre className="mt-3 overflow-x-auto rounded-md bg-zinc-100 p-3 text-xs dark:bg-zinc-900">
        {`curl -X POST ${origin ?? 'https://METRICS_HOST'}/metrics \\
  -H "Content-Type: application/json" \\
  -H "X-API-Key: mcp_metrics_..." \\
  -d '{"service": "my-service", "metrics": [
        {"type": "auth_request", "value": 1, "duration_ms": 42,
         "dimensions": {"success": true, "method": "jwt"}}]}'`}
      </pre>
      <p className="mt-2 text-zinc-600 dark:text-zinc-400">It shows up here at once: rollups are written with every accepted metric.</p>
    </div>
  );
}
