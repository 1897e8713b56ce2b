// A reader thread of the PostgreSQL engine (PostgresDb.longReads): the read-only tasks it is sent, on a
// pool of its own, answered with their results.
import { workerData } from 'node:worker_threads';
import { PostgresDb } from './postgres-client';
import { runTaskRequest, serveRequests, yieldToServer, type TaskRequest } from './worker-thread';

const { url, poolSize } = workerData as { url: string; poolSize: number };
const db = PostgresDb.open(url, { poolSize });
yieldToServer();

serveRequests((request: TaskRequest) => runTaskRequest(db, request));
