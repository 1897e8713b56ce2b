import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { writeTransaction } from '../../db/client';
import { integrityProblems } from '../../db/queries/database';
import { insertRows } from '../../db/queries/insert-rows';
import { allowDanglingForeignKeys, checkpointTruncate } from '../../db/queries/standalone-file';
import { firstRowidFrom, maxRowid, raiseSequence, readSchema, readSequences, rowAt, rowsAfter, type Row } from '../../db/queries/recovery';
import { SqliteDb } from '../../db/sqlite-client';
import type { Sqlite } from '../../db/sqlite-file';
import { UserError } from '../errors';

export interface TableRecovery {
  table: string;
  recovered: number;
  /** Rowid ranges that could not be read (lost rows lie within them). */
  unreadable: Array<[number, number]>;
}

export interface RecoveryReport {
  out: string;
  tables: TableRecovery[];
  /** Schema objects (indexes, triggers...) that could not be recreated, with the reason. */
  schemaErrors: string[];
  /** integrity_check of the new file: empty when sound. */
  integrity: string[];
}

const BATCH = 1000;
const SEARCH_LIMIT = 2 ** 40;

/** True when a rowid seek from `from` works, i.e. `from` lies past any damaged page. */
function readableFrom(src: Sqlite, table: string, from: number): boolean {
  try {
    firstRowidFrom(src, table, from);
    return true;
  } catch {
    return false;
  }
}

/**
 * After a read failed past `after`: the next rowid from which reading works. A damaged row (its page
 * fine) is skipped alone; a damaged page is stepped over by doubling, then narrowed by bisection.
 */
function nextReadable(src: Sqlite, table: string, after: number, rescue: (row: Row) => void): { resumeAfter: number; lost: [number, number] | null } | null {
  try {
    const rowid = firstRowidFrom(src, table, after + 1);
    if (rowid === null) return null;
    try {
      const row = rowAt(src, table, rowid);
      if (row) rescue(row);
      return { resumeAfter: rowid, lost: null };
    } catch {
      return { resumeAfter: rowid, lost: [rowid, rowid] };
    }
  } catch {
    let bad = after + 1;
    let step = 1;
    while (!readableFrom(src, table, bad + step)) {
      bad += step;
      step *= 2;
      if (step > SEARCH_LIMIT) return null;
    }
    let good = bad + step;
    while (good - bad > 1) {
      const mid = bad + Math.floor((good - bad) / 2);
      if (readableFrom(src, table, mid)) good = mid;
      else bad = mid;
    }
    return { resumeAfter: good - 1, lost: [after + 1, good - 1] };
  }
}

async function copyTable(src: Sqlite, dst: SqliteDb, table: string): Promise<TableRecovery> {
  const result: TableRecovery = { table, recovered: 0, unreadable: [] };
  let batch: Row[] = [];
  const flush = async () => {
    if (!batch.length) return;
    const rows = batch;
    const columns = Object.keys(rows[0]!);
    await writeTransaction(dst, (tx) =>
      insertRows(
        tx,
        table,
        columns,
        rows.map((row) => columns.map((column) => row[column])),
      ),
    );
    result.recovered += rows.length;
    batch = [];
  };
  let last: number | null = null;
  try {
    last = maxRowid(src, table);
  } catch {
    // the rightmost page is damaged; the search below still finds the end
  }
  let after = Number.MIN_SAFE_INTEGER;
  for (;;) {
    try {
      for (const { rowid, row } of rowsAfter(src, table, after)) {
        batch.push(row);
        after = rowid;
        if (batch.length >= BATCH) await flush();
      }
      break;
    } catch {
      await flush();
      if (last !== null && after >= last) break;
      const next = nextReadable(src, table, after, (row) => batch.push(row));
      if (!next) {
        result.unreadable.push([after + 1, last ?? after + 1]);
        break;
      }
      if (next.lost) result.unreadable.push(next.lost);
      after = next.resumeAfter;
    }
  }
  await flush();
  return result;
}

/**
 * Rebuilds a damaged database into a new file from whatever can still be read, like the spec's
 * `.dump` procedure: the schema, then each table's rows in rowid order (skipping damaged pages), then
 * indexes and triggers. The damaged file is only read.
 */
export async function recoverDatabase(source: string, out: string): Promise<RecoveryReport> {
  const from = path.resolve(source);
  const to = path.resolve(out);
  if (!fs.existsSync(from)) throw new UserError(`no database at ${from}`, 404);
  if (fs.existsSync(to)) throw new UserError(`${to} already exists; recover writes a new file`, 409);
  const src = new Database(from, { readonly: true, fileMustExist: true });
  const staging = `${to}.partial`;
  let dst: SqliteDb | undefined;
  try {
    let schema;
    try {
      schema = readSchema(src);
    } catch (error) {
      throw new UserError(`the schema of ${from} cannot be read, nothing to recover from: ${(error as Error).message}`, 422);
    }
    const target = (dst = SqliteDb.open(staging));
    await target.betweenTransactions(allowDanglingForeignKeys);
    const execSchemaSql = (sql: string) => writeTransaction(target, (tx) => tx.exec(sql));
    const schemaErrors: string[] = [];
    const tables: TableRecovery[] = [];
    for (const object of schema.filter((o) => o.type === 'table' && o.sql)) {
      try {
        await execSchemaSql(object.sql!);
        tables.push(await copyTable(src, target, object.name));
      } catch (error) {
        schemaErrors.push(`table ${object.name}: ${(error as Error).message}`);
      }
    }
    try {
      const sequences = readSequences(src);
      await writeTransaction(target, async (tx) => {
        for (const { name, seq } of sequences) await raiseSequence(tx, name, seq);
      });
    } catch (error) {
      schemaErrors.push(`sqlite_sequence: ${(error as Error).message}`);
    }
    for (const object of schema.filter((o) => o.type !== 'table' && o.sql)) {
      try {
        await execSchemaSql(object.sql!);
      } catch (error) {
        schemaErrors.push(`${object.type} ${object.name}: ${(error as Error).message}`);
      }
    }
    const integrity = await integrityProblems(target);
    await target.betweenTransactions(checkpointTruncate);
    await target.close();
    dst = undefined;
    fs.renameSync(staging, to);
    return { out: to, tables, schemaErrors, integrity };
  } finally {
    src.close();
    await dst?.close();
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(staging + suffix, { force: true });
  }
}
