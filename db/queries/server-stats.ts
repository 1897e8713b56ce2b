import type { Reader } from '../client';

// What a PostgreSQL server tells about one database: `db check` and `backup restore` read it.
// PostgreSQL only: SQLite's counterparts are PRAGMAs (database.ts).

function requirePostgres(db: Reader): void {
  if (db.engine !== 'postgres') throw new Error(`server statistics are PostgreSQL's; this database is ${db.engine}`);
}

/** Sessions of clients other than this one connected to the current database (servers, psql...). */
export async function otherSessions(db: Reader): Promise<{ pid: number; application: string; client: string | null }[]> {
  requirePostgres(db);
  return db.all(
    `SELECT pid, application_name AS application, client_addr::text AS client FROM pg_stat_activity
     WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' ORDER BY pid`,
  );
}

export interface TableStats {
  table: string;
  /** pg_total_relation_size of the table and, for a partitioned table, of every partition: heap, indexes and TOAST. */
  bytes: number;
  /** Partitions below the table (0 for a plain table). */
  partitions: number;
  /** The statistics collector's live and dead row estimates (n_live_tup, n_dead_tup), summed over partitions. */
  liveRows: number;
  deadRows: number;
  /** When (auto)vacuum last reclaimed dead rows of any of its partitions, or null. */
  lastVacuum: string | null;
}

/** Every table of the current schema (partitions counted into their parent), by name. */
export function tableStats(db: Reader): Promise<TableStats[]> {
  requirePostgres(db);
  return db.all<TableStats>(
    `SELECT t.relname AS "table",
            coalesce(sum(pg_total_relation_size(tree.relid)), 0) AS bytes,
            count(*) FILTER (WHERE tree.relid <> t.oid) AS partitions,
            coalesce(sum(s.n_live_tup), 0) AS "liveRows",
            coalesce(sum(s.n_dead_tup), 0) AS "deadRows",
            max(greatest(s.last_vacuum, s.last_autovacuum)) AS "lastVacuum"
     FROM pg_class t
     -- pg_partition_tree lists a partitioned table's tree (itself included), nothing for a plain table
     CROSS JOIN LATERAL (SELECT t.oid AS relid UNION SELECT relid FROM pg_partition_tree(t.oid)) AS tree
     LEFT JOIN pg_stat_user_tables s ON s.relid = tree.relid
     WHERE t.relnamespace = current_schema()::regnamespace AND t.relkind IN ('r', 'p') AND NOT t.relispartition
     GROUP BY t.oid, t.relname
     ORDER BY t.relname`,
  );
}
