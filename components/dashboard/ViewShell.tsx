import type { ReactNode } from 'react';
import { PageHeader } from '@/components/shell/PageHeader';
import { formatCount } from '@/components/shell/format';
import { plainParams, type SearchParamsInput } from '@/lib/dashboard/search-params';
import type { TimeRange } from '@/lib/dashboard/time-range';
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
  children?: ReactNode;
}) {
  return (
    <>
      <PageHeader title={props.title} description={props.description} />
      {props.error !== undefined || !props.range ? (
        <InvalidQuery message={props.error ?? ''} resetHref={props.pathname} />
      ) : (
        <PendingNavigation>
          <div className="mb-4 flex flex-col gap-3">
            <RangePicker
              pathname={props.pathname}
              params={plainParams(props.params)}
              preset={props.range.preset}
              from={props.range.from.toISOString()}
              to={props.range.to.toISOString()}
              granularity={props.range.granularity}
            />
            {props.controls}
          </div>
          <PendingContent>
            {props.rowCap !== undefined && (
              <p data-testid="row-cap-notice" className="mb-4 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 dark:bg-amber-950 dark:text-amber-200">
                This range has {formatCount(props.rowCap)} rows or more: the charts show the newest {formatCount(props.rowCap)}. Pick a shorter range to see all
                of it.
              </p>
            )}
            {props.children}
          </PendingContent>
        </PendingNavigation>
      )}
    </>
  );
}
