import type { Meter } from '@opentelemetry/api';
import type { Db } from '../../db/client';
import { lastRetentionRunId, retentionRunsAfter, type RetentionRunRow } from '../../db/queries/telemetry';
import { databaseSize } from '../database/size';
import type { Instruments } from './instruments';
import { RowCounts } from './row-counts';

/**
 * Retention runs finished since this process started, counted once each. Runs happen in the `npm
 * start` parent (the schedule) and here (the admin API), so the retention_runs table is where both
 * show up; every scrape reads the runs after the last one counted (a primary-key range).
 */
class RetentionRunCounter {
  private after?: number;
  private readonly counted = new Set<number>();

  constructor(private readonly instruments: Instruments) {}

  async poll(db: Db): Promise<void> {
    this.after ??= await lastRetentionRunId(db);
    const runs = await retentionRunsAfter(db, this.after);
    for (const run of runs) if (run.status !== 'running' && !this.counted.has(run.id)) this.count(run);
    // Runs still going are read again next time; those before the first of them are done with.
    const firstRunning = runs.find((run) => run.status === 'running');
    this.after = firstRunning ? firstRunning.id - 1 : (runs.at(-1)?.id ?? this.after);
    for (const id of this.counted) if (id <= this.after) this.counted.delete(id);
  }

  private count(run: RetentionRunRow): void {
    this.counted.add(run.id);
    const labels = { status: run.status, dry_run: run.dry_run ? 'True' : 'False' };
    this.instruments.retentionRuns.add(1, labels);
    this.instruments.retentionDeleted.add(run.total_deleted, labels);
    const seconds = (new Date(run.finished_at!).getTime() - new Date(run.started_at).getTime()) / 1000;
    if (seconds >= 0) this.instruments.retentionDuration.record(seconds, labels);
  }
}

/** Gauges read at each scrape or push: database and WAL size, rows per table; and the retention runs since the last one. */
export function observeDatabase(meter: Meter, instruments: Instruments, db: () => Db): void {
  const size = meter.createObservableGauge('mcp_metrics_database_size_bytes', { description: 'Size of the SQLite database file' });
  const wal = meter.createObservableGauge('mcp_metrics_database_wal_size_bytes', { description: 'Size of its write-ahead log' });
  const rows = meter.createObservableGauge('mcp_metrics_table_rows', { description: 'Rows per table, counted at most a minute ago' });
  const rowCounts = new RowCounts();
  const retention = new RetentionRunCounter(instruments);
  meter.addBatchObservableCallback(
    async (observer) => {
      const database = db();
      await retention.poll(database);
      if (database.engine === 'sqlite') {
        const bytes = await databaseSize(database);
        observer.observe(size, bytes.fileBytes);
        observer.observe(wal, bytes.walBytes);
      }
      for (const [table, count] of Object.entries(await rowCounts.current(database))) observer.observe(rows, count, { table });
    },
    [size, wal, rows],
  );
}
