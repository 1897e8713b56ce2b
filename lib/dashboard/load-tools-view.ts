import type { Reader } from '../../db/client';
import { TOOLS_SOURCE, selectOutcomeGroups } from '../../db/queries/dashboard-views';
import { fillBuckets } from './fill-buckets';
import { loadFilterChoices } from './filter-choices';
import { filterChoices, summarizeOutcomes, type OutcomeStats } from './outcomes';
import type { TimePointData } from './time-point';
import type { ToolsViewQuery } from './validation';
import { viewWindow, type SpecializedView } from './view-window';

export interface ToolsView extends SpecializedView {
  totals: { calls: number; failurePct: number | null; avgDurationMs: number | null };
  calls: TimePointData[];
  topTools: (OutcomeStats & { name: string })[];
  topErrorCodes: { name: string; count: number }[];
  /** The tool servers, MCP methods and clients seen in the range: the server, method and client filters' choices. */
  servers: string[];
  methods: string[];
  clients: string[];
}

export const TOP_TOOLS = 15;

/** Calls over time, the busiest tools with failure rate and latency, and error codes, from tool_metrics. */
export async function loadToolsView(db: Reader, query: ToolsViewQuery, cap?: number): Promise<ToolsView> {
  const { window, span } = viewWindow(query, cap);
  const [groups, choices] = await Promise.all([selectOutcomeGroups(db, TOOLS_SOURCE, window), loadFilterChoices(db, query.range, 'tool_execution')]);
  const { total, servers, byBucket, topCategories, topErrorCodes } = summarizeOutcomes(groups, TOP_TOOLS);
  return {
    span,
    capped: total.count >= window.cap,
    rowCap: window.cap,
    services: choices.services,
    servers,
    methods: filterChoices(groups, 'method'),
    clients: filterChoices(groups, 'client'),
    totals: { calls: total.count, failurePct: total.failurePct, avgDurationMs: total.avgDurationMs },
    calls: fillBuckets(
      span.keys,
      [...byBucket].map(([bucket, o]) => ({ bucket, values: { succeeded: o.succeeded, failed: o.failed, unknown: o.count - o.succeeded - o.failed } })),
      (bucket) => ({ bucket, values: {} }),
    ),
    topTools: topCategories,
    topErrorCodes,
  };
}
