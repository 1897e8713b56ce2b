import { getDatabase, type Sqlite } from '../../db/connection';
import { processWide } from '../process-wide';
import { commitWrites, type WriteJob } from './commit';
import { prepareWriteConnection } from './wal-checkpointer';

interface Pending {
  job: WriteJob;
  resolve: () => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit: writes submitted while the event loop is busy (with other requests or the previous
 * commit) share one transaction, and each submitter's promise settles only after that commit. With
 * WAL and synchronous=NORMAL a commit is in the OS before the answer leaves, so a 200 survives
 * `kill -9` of the server. If a shared commit fails, each job is retried alone so that one bad job
 * cannot fail its neighbours.
 */
class GroupCommitter {
  private pending: Pending[] = [];
  private scheduled = false;

  submit(job: WriteJob): Promise<void> {
    return new Promise((resolve, reject) => {
      this.pending.push({ job, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => this.flush());
      }
    });
  }

  private flush(): void {
    this.scheduled = false;
    const batch = this.pending;
    this.pending = [];
    let db: Sqlite | undefined;
    try {
      db = prepareWriteConnection(getDatabase());
      commitWrites(
        db,
        batch.map((p) => p.job),
      );
      for (const p of batch) p.resolve();
    } catch (error) {
      if (batch.length === 1 || !db) return batch.forEach((p) => p.reject(error));
      for (const p of batch) {
        try {
          commitWrites(db, [p.job]);
          p.resolve();
        } catch (alone) {
          p.reject(alone);
        }
      }
    }
  }
}

/** Writes a request's metrics and usage entry; resolves once they are committed. */
export function submitWrites(job: WriteJob): Promise<void> {
  return processWide('group-commit', () => new GroupCommitter()).submit(job);
}
