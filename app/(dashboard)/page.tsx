import { databaseAnswers } from '@/db/queries/health';

export const dynamic = 'force-dynamic';

export default function Home() {
  const healthy = databaseAnswers();
  return (
    <main className="mx-auto max-w-3xl p-8">
      <h1 className="text-2xl font-semibold">mcp-metrics</h1>
      <p data-testid="db-status" className="mt-2 text-sm text-zinc-500">
        Database: {healthy ? 'connected' : 'unavailable'}
      </p>
    </main>
  );
}
