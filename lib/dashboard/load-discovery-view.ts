import type { Reader } from '../../db/client';
import { selectDiscoveryGroups, type DiscoveryGroup } from '../../db/queries/dashboard-views';
import { fillBuckets } from './fill-buckets';
import { loadFilterChoices } from './filter-choices';
import type { TimePointData } from './time-point';
import type { ViewQuery } from './validation';
import { mean, sumBy, viewWindow, type SpecializedView } from './view-window';

export interface DiscoveryView extends SpecializedView {
  totals: { queries: number; avgEmbeddingMs: number | null; avgSearchMs: number | null; avgResults: number | null };
  /** Mean embedding time and mean vector-search time per bucket (ms). */
  timing: TimePointData[];
  /** Mean results per query per bucket. */
  results: TimePointData[];
  resultsBands: { name: string; value: number }[];
}

const BANDS = ['0', '1-5', '6-10', '11-20', '21+', 'unknown'];

type Sums = Omit<DiscoveryGroup, 'bucket' | 'band'> & { embeddingSumMs: number; searchSumMs: number; resultsSum: number };
const empty = (): Sums => ({ count: 0, embeddingSumMs: 0, embeddingCount: 0, searchSumMs: 0, searchCount: 0, resultsSum: 0, resultsCount: 0 });
function add(sum: Sums, g: DiscoveryGroup): void {
  sum.count += g.count;
  sum.embeddingSumMs += g.embeddingSumMs ?? 0;
  sum.embeddingCount += g.embeddingCount;
  sum.searchSumMs += g.searchSumMs ?? 0;
  sum.searchCount += g.searchCount;
  sum.resultsSum += g.resultsSum ?? 0;
  sum.resultsCount += g.resultsCount;
}

/** Embedding vs search time, results per query, from discovery_metrics (one grouped read). */
export async function loadDiscoveryView(db: Reader, query: ViewQuery, cap?: number): Promise<DiscoveryView> {
  const { window, span } = viewWindow(query, cap);
  const [groups, choices] = await Promise.all([selectDiscoveryGroups(db, window), loadFilterChoices(db, query.range, 'tool_discovery')]);
  const total = sumBy(groups, () => '', empty, add).get('') ?? empty();
  const byBucket = [...sumBy(groups, (g) => g.bucket, empty, add)];
  const bands = sumBy(
    groups,
    (g) => g.band,
    () => ({ count: 0 }),
    (sum, g) => void (sum.count += g.count),
  );
  const noValues = (bucket: string): TimePointData => ({ bucket, values: {} });
  return {
    span,
    capped: total.count >= window.cap,
    rowCap: window.cap,
    services: choices.services,
    totals: {
      queries: total.count,
      avgEmbeddingMs: mean(total.embeddingSumMs, total.embeddingCount),
      avgSearchMs: mean(total.searchSumMs, total.searchCount),
      avgResults: mean(total.resultsSum, total.resultsCount),
    },
    timing: fillBuckets(
      span.keys,
      byBucket.map(([bucket, s]) => ({ bucket, values: { embedding: mean(s.embeddingSumMs, s.embeddingCount), search: mean(s.searchSumMs, s.searchCount) } })),
      noValues,
    ),
    results: fillBuckets(
      span.keys,
      byBucket.map(([bucket, s]) => ({ bucket, values: { results: mean(s.resultsSum, s.resultsCount) } })),
      noValues,
    ),
    resultsBands: BANDS.filter((name) => bands.has(name)).map((name) => ({ name, value: bands.get(name)!.count })),
  };
}
