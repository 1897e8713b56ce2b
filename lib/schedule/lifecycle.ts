import fs from 'node:fs';
import type { Db } from '../../db/client';
import { configuredTarget } from '../../db/target';
import { createBackup } from '../backup/create';
import { alertEvaluationTask } from '../alerts/evaluation-task';
import { createPostgresBackup } from '../backup/create-postgres';
import { defaultBackupDir, listBackups } from '../backup/files';
import { applyRetentionCleanup } from '../retention/apply-cleanup';
import { ensurePartitionsAhead } from '../retention/ensure-partitions';
import { listRetentionRuns } from '../retention/list-runs';
import { settleInterruptedRuns } from '../retention/settle-interrupted-runs';
import { markServerRunning } from '../server/in-use';
import { currentOwner } from '../server/process';
import { config } from '../config/config';
import { every } from './every';
import { whileLeaseHeld } from './lease';

const START_DELAY_MS = 60_000;
export const SCHEDULER_ACTOR = 'scheduler';

function retentionSchedule(db: Db, intervalMs: number, log: (line: string) => void) {
  return every(
    {
      name: 'retention',
      intervalMs,
      startDelayMs: START_DELAY_MS,
      lastRunAt: async () => {
        const last = (await listRetentionRuns(db, 50)).find((r) => !r.dryRun);
        return last ? new Date(last.startedAt) : null;
      },
      // Of several instances on one database, the lease holder runs the cleanup and takes over a run whose instance died.
      exclusive: (turn) => whileLeaseHeld(db, 'retention', currentOwner(), turn),
      run: async () => {
        const interrupted = await settleInterruptedRuns(db, { leaseHolder: currentOwner() });
        if (interrupted) log(`[retention] took over from ${interrupted} run(s) whose instance stopped`);
        const result = await applyRetentionCleanup(db, { dryRun: false, actor: SCHEDULER_ACTOR });
        log(`[retention] run #${result.runId}: deleted ${result.totalDeleted} rows, freed ${result.freedPages} pages`);
      },
    },
    log,
  );
}

function backupSchedule(db: Db, intervalMs: number, keep: number, log: (line: string) => void) {
  const dbFile = db.location;
  const outDir = defaultBackupDir(dbFile);
  return every(
    {
      name: 'backup',
      intervalMs,
      startDelayMs: START_DELAY_MS,
      lastRunAt: async () => {
        const newest = listBackups(outDir, dbFile).at(-1);
        return newest ? fs.statSync(newest).mtime : null;
      },
      exclusive: (turn) => whileLeaseHeld(db, 'backup', currentOwner(), turn),
      run: async () => {
        // pg_dump needs the URL with its password, which db.location leaves out: the configured one (this process's database).
        const target = db.engine === 'postgres' ? configuredTarget() : null;
        const result =
          target?.engine === 'postgres' ? await createPostgresBackup(target.url, { outDir, keep }) : await createBackup({ database: dbFile, outDir, keep });
        const checked = target ? 'verified by a test restore' : 'integrity ok';
        log(`[backup] ${result.file} (${result.bytes} bytes, ${checked}${result.pruned.length ? `, pruned ${result.pruned.length}` : ''})`);
      },
    },
    log,
  );
}

const DAY_MS = 86_400_000;

/** PostgreSQL: the month partitions of the raw and type tables created a year ahead, daily (each instance once at its start, too). */
function partitionSchedule(db: Db, log: (line: string) => void) {
  return every(
    {
      name: 'partitions',
      intervalMs: DAY_MS,
      startDelayMs: START_DELAY_MS,
      lastRunAt: async () => null,
      exclusive: (turn) => whileLeaseHeld(db, 'partitions', currentOwner(), turn),
      run: async () => {
        const { created, busy } = await ensurePartitionsAhead(db);
        if (created.length) log(`[partitions] created ${created.join(', ')}`);
        if (busy.length) log(`[partitions] ${busy.join(', ')} busy (lock not granted within the timeout); trying again tomorrow`);
      },
    },
    log,
  );
}

/**
 * What the `npm start` parent process runs beside the web server: the marker that tells `backup restore`
 * the database is in use, the retention schedule (RETENTION_INTERVAL_HOURS, default 24, 0 off) and the
 * optional backup schedule (BACKUP_INTERVAL_HOURS, default 0 = off; BACKUP_DIR; BACKUP_KEEP, default 7),
 * the alert rules' evaluation every minute, and on PostgreSQL the daily creation of month partitions ahead. The schedules use this process's own
 * `db`; WAL and the busy timeout let it share the file with the server. Returns stop().
 */
export function startServerLifecycle(db: Db, log: (line: string) => void = console.log): () => void {
  const dbFile = db.location;
  const { retention, backup } = config();
  const [retentionMs, backupMs, keep] = [retention.intervalMs, backup.intervalMs, backup.keep];
  // A SQLite file's restore refuses while a server holds it; a PostgreSQL restore goes through the server itself.
  const stops = db.engine === 'sqlite' ? [markServerRunning(dbFile)] : [];
  if (retentionMs > 0) stops.push(retentionSchedule(db, retentionMs, log));
  if (backupMs > 0) stops.push(backupSchedule(db, backupMs, keep, log));
  if (db.engine === 'postgres') stops.push(partitionSchedule(db, log));
  stops.push(every(alertEvaluationTask(db, currentOwner(), log), log));
  log(
    `[serve] retention ${retentionMs ? `every ${retentionMs / 3_600_000} h` : 'schedule off'}; backups ${backupMs ? `every ${backupMs / 3_600_000} h to ${defaultBackupDir(dbFile)}` : 'schedule off'}`,
  );
  return () => stops.forEach((stop) => stop());
}
