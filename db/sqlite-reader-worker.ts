// A reader thread of the SQLite engine (SqliteDb.longReads): statements on its own read-only
// connection, each its own snapshot, answered with their rows; and read-only tasks on it.
import { workerData } from 'node:worker_threads';
import type { Params } from './client';
import { sqliteReader } from './sqlite-client';
import { openDatabase } from './sqlite-file';
import { runTaskRequest, serveRequests, yieldToServer, type TaskRequest } from './worker-thread';

export interface ReadRequest {
  sql: string;
  params: Params;
  /** The first row only (Reader.get) rather than all of them. */
  first: boolean;
}

const { file, busyTimeoutMs } = workerData as { file: string; busyTimeoutMs?: number };
const connection = openDatabase(file, { readonly: true, busyTimeoutMs });
// Reads here scan ranges once (the file's pages stay in the OS cache): a small page cache of its own keeps
// each thread's memory down, where the default 10,000 pages would hold ~40 MB per thread.
connection.pragma('cache_size = -8192');
const reader = sqliteReader(connection);
yieldToServer();

serveRequests((request: ReadRequest | TaskRequest) =>
  'sql' in request ? (request.first ? reader.get(request.sql, request.params) : reader.all(request.sql, request.params)) : runTaskRequest(reader, request),
);
