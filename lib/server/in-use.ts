import fs from 'node:fs';
import path from 'node:path';
import { processAlive } from './process';

/**
 * While `npm start` serves a database it leaves a marker `<db>.server.<pid>.json` beside it, so that
 * commands which must not run under a live server (restore) can refuse. A marker whose process is
 * gone (a crash) does not count.
 */
export interface ServerMarker {
  pid: number;
  startedAt: string;
  database: string;
}

function markerPattern(dbFile: string): RegExp {
  const base = path.basename(dbFile).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${base}\\.server\\.(\\d+)\\.json$`);
}

/** Writes this process's marker; the returned function removes it (call it on exit). */
export function markServerRunning(dbFile: string): () => void {
  const file = `${path.resolve(dbFile)}.server.${process.pid}.json`;
  const marker: ServerMarker = { pid: process.pid, startedAt: new Date().toISOString(), database: path.resolve(dbFile) };
  fs.writeFileSync(file, JSON.stringify(marker));
  return () => fs.rmSync(file, { force: true });
}

/** The live servers using `dbFile` (other than this process). */
export function serversUsing(dbFile: string): ServerMarker[] {
  const dir = path.dirname(path.resolve(dbFile));
  const pattern = markerPattern(dbFile);
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir).flatMap((entry) => {
    const match = pattern.exec(entry);
    const pid = match ? Number(match[1]) : NaN;
    if (!match || pid === process.pid || !processAlive(pid)) return [];
    try {
      return [JSON.parse(fs.readFileSync(path.join(dir, entry), 'utf8')) as ServerMarker];
    } catch {
      return [{ pid, startedAt: 'unknown', database: path.resolve(dbFile) }];
    }
  });
}
