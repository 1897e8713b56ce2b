// The SQLite engine's writer thread (SqliteDb.runTask): its own write connection, on which it runs the
// tasks it is sent, one at a time.
import { workerData } from 'node:worker_threads';
import { SqliteDb } from './sqlite-client';
import { runTaskRequest, serveRequests, type TaskRequest } from './worker-thread';

const { file, autoCheckpointPages, busyTimeoutMs } = workerData as { file: string; autoCheckpointPages?: number; busyTimeoutMs?: number };
const db = SqliteDb.open(file, { autoCheckpointPages, busyTimeoutMs });

serveRequests((request: TaskRequest) => runTaskRequest(db, request));
