import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { createdNow } from './columns';

export const discoveryMetrics = sqliteTable(
  'discovery_metrics',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    requestId: text('request_id').notNull(),
    timestamp: text('timestamp').notNull(),
    service: text('service').notNull(),
    durationMs: real('duration_ms'),
    query: text('query'),
    resultsCount: integer('results_count'),
    topKServices: integer('top_k_services'),
    topNTools: integer('top_n_tools'),
    embeddingTimeMs: real('embedding_time_ms'),
    faissSearchTimeMs: real('faiss_search_time_ms'),
    createdAt: createdNow(),
  },
  (t) => [index('idx_discovery_timestamp').on(t.timestamp), index('idx_discovery_results').on(t.resultsCount, t.timestamp)],
);
