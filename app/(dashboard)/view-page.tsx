import type { ReactNode } from 'react';
import type { Unit } from '@/components/charts/format';
import { choicesWith } from '@/components/dashboard/choices';
import { EmptyState } from '@/components/dashboard/EmptyState';
import { FilterSelect } from '@/components/dashboard/FilterSelect';
import { KpiCard } from '@/components/dashboard/KpiCard';
import { ViewShell } from '@/components/dashboard/ViewShell';
import type { Reader } from '@/db/client';
import { getDb } from '@/db/connection';
import type { OutcomeFilter } from '@/db/queries/dashboard-views';
import { loadChartMarkers } from '@/lib/dashboard/chart-marks';
import { hrefWith, plainParams, type SearchParamsInput } from '@/lib/dashboard/search-params';
import type { ToolsViewQuery } from '@/lib/dashboard/validation';
import type { SpecializedView } from '@/lib/dashboard/view-window';
import { readPageQuery } from './read-page-query';

type PageProps = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** What makes one of the Auth, Discovery and Tools pages: the rest of the page is the same for all three. */
export interface ViewPageSpec<Q extends ToolsViewQuery, V extends SpecializedView> {
  path: string;
  /** The view's name under /export/<name>/<chart>. */
  exportName: string;
  title: string;
  description: string;
  /** The metric type the view reads: its charts' drill-downs open the Explorer on it. */
  metricType: string;
  parse: (params: SearchParamsInput, now: Date) => Q;
  load: (db: Reader, query: Q) => Promise<V>;
  kpis: (view: V) => { testId: string; title: string; value: number | null; unit: Unit }[];
  /** Rows in the range (0: the empty state instead of the charts). */
  rows: (view: V) => number;
  emptyHint: string;
  /** The filters besides the service, for views that have them (Auth: server; Tools: server, method, client): a URL parameter each. */
  filters?: { name: OutcomeFilter; label: string; allLabel: string; choices: (view: V) => string[] }[];
  charts: (view: V, csv: (chart: string) => string) => ReactNode;
}

/** One of the specialized views' pages: range and filters from the URL, KPIs, and its charts or the empty state. */
export function viewPage<Q extends ToolsViewQuery, V extends SpecializedView>(spec: ViewPageSpec<Q, V>) {
  const text = { title: spec.title, description: spec.description };
  return async function ViewPage({ searchParams }: PageProps) {
    const { params, query, error } = await readPageQuery(spec.path, searchParams, spec.parse);
    if (error !== undefined) return <ViewShell {...text} pathname={spec.path} params={params} error={error} />;
    const db = getDb();
    const [view, markers] = await Promise.all([spec.load(db.longReads, query), loadChartMarkers(db, query.range, query.service)]);
    const plain = plainParams(params);
    const kpis = spec.kpis(view);
    return (
      <ViewShell
        {...text}
        pathname={spec.path}
        params={params}
        range={query.range}
        explore={{ service: query.service, type: spec.metricType, server: query.server, method: query.method, client: query.client }}
        markers={markers}
        rowCap={view.capped ? view.rowCap : undefined}
        controls={
          <div className="flex flex-wrap gap-3">
            <FilterSelect
              pathname={spec.path}
              params={plain}
              name="service"
              label="Service"
              value={query.service}
              allLabel="All services"
              options={choicesWith(view.services, query.service)}
            />
            {spec.filters?.map((filter) => (
              <FilterSelect
                key={filter.name}
                pathname={spec.path}
                params={plain}
                name={filter.name}
                label={filter.label}
                value={query[filter.name]}
                allLabel={filter.allLabel}
                options={choicesWith(filter.choices(view), query[filter.name])}
              />
            ))}
          </div>
        }
      >
        <div className={`mb-4 grid grid-cols-2 gap-3 ${kpis.length === 4 ? 'lg:grid-cols-4' : 'lg:grid-cols-3'}`}>
          {kpis.map((k) => (
            <KpiCard key={k.testId} testId={k.testId} title={k.title} kpi={{ current: k.value }} unit={k.unit} />
          ))}
        </div>
        {spec.rows(view) === 0 ? (
          <EmptyState neverReceived={false} hint={spec.emptyHint} />
        ) : (
          <div className="grid gap-4 xl:grid-cols-2">{spec.charts(view, (chart) => hrefWith(`/export/${spec.exportName}/${chart}`, params, {}))}</div>
        )}
      </ViewShell>
    );
  };
}
