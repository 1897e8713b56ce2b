import type { Sqlite } from '../sqlite-file';

// Settings of database files that stand alone (backups, restores, recoveries), never of the live database.

/** Makes a standalone copy a single file: rollback journal instead of WAL. */
export function switchToRollbackJournal(connection: Sqlite): void {
  connection.pragma('journal_mode = DELETE');
}

/** Moves the whole WAL into the database file and empties it, so the file stands alone (after a bulk write). */
export function checkpointTruncate(connection: Sqlite): void {
  connection.pragma('wal_checkpoint(TRUNCATE)');
}

/** Rows copied as they were found may point at parents that were lost: keep them rather than refuse them. */
export function allowDanglingForeignKeys(connection: Sqlite): void {
  connection.pragma('foreign_keys = OFF');
}
