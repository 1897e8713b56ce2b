import type { Reader } from '../../db/client';
import { AUTH_SOURCE, selectOutcomeGroups } from '../../db/queries/dashboard-views';
import { fillBuckets } from './fill-buckets';
import { loadFilterChoices } from './filter-choices';
import { summarizeOutcomes, type OutcomeStats } from './outcomes';
import type { TimePointData } from './time-point';
import type { OutcomeViewQuery } from './validation';
import { viewWindow, type SpecializedView } from './view-window';

export interface AuthView extends SpecializedView {
  totals: { attempts: number; successRatePct: number | null; avgDurationMs: number | null };
  successRate: TimePointData[];
  byMethod: (OutcomeStats & { name: string; successRatePct: number | null })[];
  topErrorCodes: { name: string; count: number }[];
  /** The auth servers seen in the range: the server filter's choices. */
  servers: string[];
}

const successPct = (o: OutcomeStats) => (o.failurePct === null ? null : 100 - o.failurePct);

/** Success rate over time, by method, and the most common error codes, from auth_metrics. */
export async function loadAuthView(db: Reader, query: OutcomeViewQuery, cap?: number): Promise<AuthView> {
  const { window, span } = viewWindow(query, cap);
  const [groups, choices] = await Promise.all([selectOutcomeGroups(db, AUTH_SOURCE, window), loadFilterChoices(db, query.range, 'auth_request')]);
  const { total, servers, byBucket, topCategories, topErrorCodes } = summarizeOutcomes(groups, 10);
  return {
    span,
    capped: total.count >= window.cap,
    rowCap: window.cap,
    services: choices.services,
    servers,
    totals: { attempts: total.count, successRatePct: successPct(total), avgDurationMs: total.avgDurationMs },
    successRate: fillBuckets(
      span.keys,
      [...byBucket].map(([bucket, o]) => ({ bucket, values: { success: successPct(o), attempts: o.count } })),
      (bucket) => ({ bucket, values: {} }),
    ),
    byMethod: topCategories.map((m) => ({ ...m, successRatePct: successPct(m) })),
    topErrorCodes,
  };
}
