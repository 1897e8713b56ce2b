import type { Reader } from './client';
import { PostgresDb } from './postgres-client';

export interface EngineInfo {
  engine: Reader['engine'];
  /** The server's or library's version (`3.46.1`, `PostgreSQL 15.18 ...`). */
  version: string;
  /** PostgreSQL: this process's connection pool. */
  pool: { max: number; open: number; idle: number; waiting: number } | null;
}

/** Which engine serves `db`, its version, and (PostgreSQL) this process's pool. */
export async function engineInfo(db: Reader): Promise<EngineInfo> {
  if (db.engine === 'sqlite')
    return { engine: 'sqlite', version: (await db.get<{ version: string }>(`SELECT sqlite_version() AS version`))!.version, pool: null };
  const { version } = (await db.get<{ version: string }>(`SELECT version() AS version`))!;
  return { engine: 'postgres', version: version.split(' on ')[0]!, pool: db instanceof PostgresDb ? db.poolStats() : null };
}
