import type { ReactNode } from 'react';

/** A titled panel around a chart, with the CSV of exactly what it shows. */
export function ChartCard({ title, description, csvHref, children }: { title: string; description?: ReactNode; csvHref?: string; children: ReactNode }) {
  return (
    <section className="rounded-lg border border-zinc-200 p-4 dark:border-zinc-800" aria-label={title}>
      <div className="mb-3 flex flex-wrap items-baseline justify-between gap-2">
        <div>
          <h2 className="font-medium">{title}</h2>
          {description && <p className="text-xs text-zinc-500 dark:text-zinc-400">{description}</p>}
        </div>
        {csvHref && (
          <a href={csvHref} className="text-xs text-blue-600 hover:underline dark:text-blue-400" download>
            Download CSV
          </a>
        )}
      </div>
      {children}
    </section>
  );
}
