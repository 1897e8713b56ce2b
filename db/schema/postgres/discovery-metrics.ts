import { bigint, doublePrecision, index, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { createdNow, partitionedId, timestamptz } from './columns';

/** Partitioned by RANGE (created_at), one partition a month (migration 0001; drizzle does not declare partitioning). */
export const discoveryMetrics = pgTable(
  'discovery_metrics',
  {
    id: partitionedId(),
    requestId: text('request_id').notNull(),
    timestamp: timestamptz('timestamp').notNull(),
    service: text('service').notNull(),
    durationMs: doublePrecision('duration_ms'),
    query: text('query'),
    resultsCount: bigint('results_count', { mode: 'number' }),
    topKServices: bigint('top_k_services', { mode: 'number' }),
    topNTools: bigint('top_n_tools', { mode: 'number' }),
    embeddingTimeMs: doublePrecision('embedding_time_ms'),
    faissSearchTimeMs: doublePrecision('faiss_search_time_ms'),
    createdAt: createdNow().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.createdAt] }),
    index('idx_discovery_timestamp').on(t.timestamp),
    index('idx_discovery_results').on(t.resultsCount, t.timestamp),
  ],
);
