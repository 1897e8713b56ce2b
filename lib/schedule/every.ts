/** A task repeated every `intervalMs`, first due `intervalMs` after its last run (soon, if overdue or never run). */
export interface RecurringTask {
  name: string;
  intervalMs: number;
  /** When the task last ran, as recorded (so a restart does not reset the clock). */
  lastRunAt: () => Promise<Date | null>;
  run: () => Promise<void>;
  /** The earliest a first run starts after the server comes up. */
  startDelayMs: number;
  /**
   * Runs a turn (the due check and the run) exclusively among the instances sharing the database, or
   * answers undefined when another instance holds the turn (see lease.ts). Default: no one else runs it.
   */
  exclusive?: <T>(turn: () => Promise<T>) => Promise<T | undefined>;
}

/** How soon an instance that found the task taken by another looks again. */
const TAKEN_RETRY_MS = 5 * 60_000;
/** A due time this close counts as now (timers fire a little early or late). */
const DUE_SLACK_MS = 1000;

/**
 * Schedules a task; never two runs at once, and with `exclusive` never two across instances: each turn
 * checks again, inside the exclusive section, whether the task is still due (another instance may have
 * run it meanwhile). A failure is logged and the schedule goes on. Returns stop().
 */
export function every(task: RecurringTask, log: (line: string) => void): () => void {
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(tick, Math.max(0, delayMs));
    timer.unref();
  };
  const exclusive = task.exclusive ?? ((turn) => turn());
  // The delay until the next turn: a full interval after a run, the rest of it when another instance ran it.
  const turn = async (): Promise<number> => {
    const last = await task.lastRunAt();
    const dueInMs = last ? last.getTime() + task.intervalMs - Date.now() : 0;
    if (dueInMs > DUE_SLACK_MS) return dueInMs;
    await task.run();
    return task.intervalMs;
  };
  const tick = async () => {
    let nextInMs = task.intervalMs;
    try {
      nextInMs = (await exclusive(turn)) ?? Math.min(task.intervalMs, TAKEN_RETRY_MS);
    } catch (error) {
      log(`[${task.name}] failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    schedule(nextInMs);
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
