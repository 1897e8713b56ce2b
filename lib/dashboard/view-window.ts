import { VIEW_ROW_CAP, type ViewWindow } from '../../db/queries/dashboard-views';
import { bucketSpan, type BucketSpan } from './buckets';
import type { ToolsViewQuery } from './validation';

export interface SpecializedView {
  span: BucketSpan;
  /** The range held VIEW_ROW_CAP rows or more: the view shows the newest ones. */
  capped: boolean;
  rowCap: number;
  /** The services that reported this view's metric type in the range: the service filter's choices. */
  services: string[];
}

/** The exact window of the range (the specialized tables are read row by row, so no bucket rounding), with its filters. */
export function viewWindow({ range, service, server, method, client }: ToolsViewQuery, cap = VIEW_ROW_CAP): { window: ViewWindow; span: BucketSpan } {
  return {
    window: {
      from: range.from.toISOString(),
      to: range.to.toISOString(),
      bucket: range.granularity,
      cap,
      service,
      server,
      method,
      client,
    },
    span: bucketSpan(range),
  };
}

/** Folds groups into one sum per key (bucket, category, ...), in first-seen order. */
export function sumBy<G, S>(groups: readonly G[], keyOf: (g: G) => string, empty: () => S, add: (sum: S, g: G) => void): Map<string, S> {
  const sums = new Map<string, S>();
  for (const group of groups) {
    const key = keyOf(group);
    let sum = sums.get(key);
    if (!sum) sums.set(key, (sum = empty()));
    add(sum, group);
  }
  return sums;
}

/** The biggest `limit` entries by count (ties by name), as named rows. */
export const topByCount = <S extends { count: number }>(sums: Map<string, S>, limit: number): (S & { name: string })[] =>
  [...sums]
    .map(([name, sum]) => ({ ...sum, name }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, limit);

export const mean = (sum: number | null, count: number) => (count === 0 || sum === null ? null : sum / count);
