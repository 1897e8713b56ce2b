import type { ReactNode } from 'react';
import { PageHeader } from '@/components/shell/PageHeader';
import { formatCount } from '@/components/shell/format';
import { ChartPage } from '@/components/charts/ChartPage';
import { bucketStepMs } from '@/lib/dashboard/buckets';
import type { ChartMarker } from '@/lib/dashboard/chart-marks';
import { parseRefresh } from '@/lib/dashboard/refresh';
import { firstParam, plainParams, type SearchParamsInput } from '@/lib/dashboard/search-params';
import type { TimeRange } from '@/lib/dashboard/time-range';
import { AutoRefresh } from './AutoRefresh';
import { InvalidQuery } from './InvalidQuery';
import { PendingContent, PendingNavigation } from './PendingNavigation';
import { RangePicker } from './RangePicker';

/** The frame of a chart page: title, range picker, extra controls, and the page's content or why it has none. */
export function ViewShell(props: {
  title: string;
  description: string;
  pathname: string;
  params: SearchParamsInput;
  range?: TimeRange;
  error?: string;
  /** Set when the view read only the newest `rowCap` rows of the range. */
  rowCap?: number;
  controls?: ReactNode;
  /** The Explorer filters this page's own filters stand for: its charts' drill-downs keep them. */
  explore?: Record<string, string | undefined>;
  /** Annotation markers for the page's time charts. */
  markers?: ChartMarker[];
  children?: ReactNode;
}) {
  const plain = plainParams(props.params);
  return (
    <>
      <PageHeader title={props.title} description={props.description} />
      {props.error !== undefined || !props.range ? (
        <InvalidQuery message={props.error ?? ''} resetHref={props.pathname} />
      ) : (
        <PendingNavigation>
          <div className="mb-4 flex flex-col gap-3">
            <div className="flex flex-wrap items-start justify-between gap-3">
              <RangePicker
                pathname={props.pathname}
                params={plain}
                preset={props.range.preset}
                from={props.range.from.toISOString()}
                to={props.range.to.toISOString()}
                granularity={props.range.granularity}
              />
              <AutoRefresh pathname={props.pathname} params={plain} choice={parseRefresh(firstParam(props.params, 'refresh'))} />
            </div>
            {props.controls}
          </div>
          <PendingContent>
            {props.rowCap !== undefined && (
              <p data-testid="row-cap-notice" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                This range has {formatCount(props.rowCap)} rows or more: the charts show the newest {formatCount(props.rowCap)}. Pick a shorter range to see all
                of it.
              </p>
            )}
            <ChartPage
              state={{
                pathname: props.pathname,
                params: plain,
                window: { from: props.range.from.toISOString(), to: props.range.to.toISOString(), stepMs: bucketStepMs(props.range.granularity) },
                explore: props.explore ?? {},
                markers: props.markers ?? [],
              }}
            >
              {props.children}
            </ChartPage>
          </PendingContent>
        </PendingNavigation>
      )}
    </>
  );
}
