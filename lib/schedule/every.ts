/** A task repeated every `intervalMs`, first due `intervalMs` after its last run (soon, if overdue or never run). */
export interface RecurringTask {
  name: string;
  intervalMs: number;
  /** When the task last ran, as recorded (so a restart does not reset the clock). */
  lastRunAt: () => Promise<Date | null>;
  run: () => Promise<void>;
  /** The earliest a first run starts after the server comes up. */
  startDelayMs: number;
}

/** Schedules a task; never two runs at once; a failure is logged and the schedule goes on. Returns stop(). */
export function every(task: RecurringTask, log: (line: string) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(tick, Math.max(0, delayMs));
    timer.unref();
  };
  const tick = async () => {
    try {
      await task.run();
    } catch (error) {
      log(`[${task.name}] failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    schedule(task.intervalMs);
  };
  task.lastRunAt().then(
    (last) => schedule(Math.max(task.startDelayMs, last ? last.getTime() + task.intervalMs - Date.now() : 0)),
    (error: unknown) => {
      log(`[${task.name}] cannot read when it last ran (${error instanceof Error ? error.message : String(error)}); running it on schedule from now`);
      schedule(Math.max(task.startDelayMs, task.intervalMs));
    },
  );
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** A non-negative number of hours from the environment (0 turns the schedule off), in milliseconds. */
export function hoursFromEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  const hours = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(hours) || hours < 0) throw new Error(`${name} must be a number of hours (0 disables), got "${raw}"`);
  return hours * 3_600_000;
}
