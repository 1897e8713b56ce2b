import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';

type Tool = 'pg_dump' | 'pg_restore' | 'psql';

/** PostgreSQL's own client programs failed, or are not installed (`missing`): the message says which and why. */
export class PgToolError extends Error {
  constructor(
    message: string,
    readonly missing: boolean,
  ) {
    super(message);
    this.name = 'PgToolError';
  }
}

const missingTool = (tool: Tool) =>
  new PgToolError(
    `${tool} was not found on PATH: backups of a PostgreSQL database need PostgreSQL's client tools pg_dump, pg_restore and psql, of the server's major version or newer (Debian: apt-get install postgresql-client)`,
    true,
  );

/**
 * The URL without its password, and the password apart: passed in the environment, never on a command
 * line (`ps` shows those). Notices (`drop cascades to ...`) stay out of what a failure reports.
 */
function connection(url: string): { url: string; env: NodeJS.ProcessEnv } {
  const parsed = new URL(url);
  const password = decodeURIComponent(parsed.password);
  parsed.password = '';
  return {
    url: parsed.toString(),
    env: { ...process.env, PGOPTIONS: '-c client_min_messages=warning', ...(password ? { PGPASSWORD: password } : {}) },
  };
}

/** Starts a tool; `done` resolves with its standard output, or rejects with its own error message. */
function start(tool: Tool, args: string[], env: NodeJS.ProcessEnv, stdin: 'ignore' | 'pipe' = 'ignore') {
  const child = spawn(tool, args, { env, stdio: [stdin, 'pipe', 'pipe'] });
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  child.stdout!.on('data', (chunk: Buffer) => out.push(chunk));
  child.stderr!.on('data', (chunk: Buffer) => err.push(chunk));
  // A tool stopping early closes its input: its exit code tells why.
  child.stdin?.on('error', () => undefined);
  const done = new Promise<string>((resolve, reject) => {
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'ENOENT' ? missingTool(tool) : new PgToolError(`${tool}: ${error.message}`, false)),
    );
    child.on('close', (code, signal) => {
      if (code === 0) return resolve(Buffer.concat(out).toString('utf8'));
      const stderr = Buffer.concat(err).toString('utf8').trim();
      reject(new PgToolError(`${tool} failed: ${stderr || (signal ? `killed by ${signal}` : `exit code ${code}`)}`, false));
    });
  });
  return { child, done };
}

const run = (tool: Tool, args: string[], env: NodeJS.ProcessEnv) => start(tool, args, env).done;

/** A consistent snapshot of the database (pg_dump reads in one repeatable-read transaction), in custom format (compressed). */
export async function dumpDatabase(url: string, file: string): Promise<void> {
  const target = connection(url);
  await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`, `--dbname=${target.url}`], target.env);
}

export interface DumpListing {
  /** The table of contents, one line an object (table, index, table data, ...). */
  entries: string[];
  /** The database it was dumped from, and that server's version, as its header records them. */
  database: string | null;
  serverVersion: string | null;
}

/** The dump's table of contents; refuses (pg_restore does) a file that is not a custom-format dump. */
export async function listDump(file: string): Promise<DumpListing> {
  const lines = (await run('pg_restore', ['--list', file], process.env)).split('\n');
  const header = (name: string) =>
    lines
      .find((line) => line.startsWith(`;     ${name}:`))
      ?.slice(`;     ${name}:`.length)
      .trim() ?? null;
  return { entries: lines.filter((line) => line && !line.startsWith(';')), database: header('dbname'), serverVersion: header('Dumped from database version') };
}

/** Loads a dump into an empty database, in one transaction (a failure leaves it empty). */
export async function restoreDump(file: string, url: string): Promise<void> {
  const target = connection(url);
  await run('pg_restore', ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', `--dbname=${target.url}`, file], target.env);
}

/**
 * Drops every object of the current schema (tables with their partitions, sequences, views, functions)
 * except those of extensions, leaving the schema itself with its owner and grants.
 */
const EMPTY_CURRENT_SCHEMA = `DO $reset$
DECLARE r record;
BEGIN
  FOR r IN SELECT format('DROP %s IF EXISTS %I.%I CASCADE',
                         CASE c.relkind WHEN 'v' THEN 'VIEW' WHEN 'm' THEN 'MATERIALIZED VIEW' WHEN 'S' THEN 'SEQUENCE' WHEN 'f' THEN 'FOREIGN TABLE' ELSE 'TABLE' END,
                         n.nspname, c.relname) AS stmt
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f') AND NOT c.relispartition
      -- a column's own sequence goes with its table
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid
                      AND (d.deptype = 'e' OR (c.relkind = 'S' AND d.deptype IN ('a', 'i'))))
  LOOP EXECUTE r.stmt; END LOOP;
  FOR r IN SELECT format('DROP ROUTINE IF EXISTS %s CASCADE', p.oid::regprocedure) AS stmt
    FROM pg_proc p WHERE p.pronamespace = current_schema()::regnamespace
      AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e')
  LOOP EXECUTE r.stmt; END LOOP;
END
$reset$;`;

/**
 * Replaces everything in the database's schema with what the dump holds, in ONE transaction: psql
 * empties the schema and runs pg_restore's script inside a single BEGIN ... COMMIT, so a failure
 * anywhere leaves the database exactly as it was, and others never see it half restored
 * (`pg_restore --clean` alone would leave behind tables the dump does not have, e.g. of newer migrations).
 */
export async function replaceWithDump(file: string, url: string): Promise<void> {
  const target = connection(url);
  const script = start('pg_restore', ['--no-owner', '--no-privileges', '--file=-', file], target.env);
  const psql = start(
    'psql',
    ['--no-psqlrc', '--quiet', '--single-transaction', '--set=ON_ERROR_STOP=1', `--command=${EMPTY_CURRENT_SCHEMA}`, '--file=-', `--dbname=${target.url}`],
    target.env,
    'pipe',
  );
  // psql commits when its input ends: it ends only once pg_restore has written the whole script. A
  // pg_restore that fails part way ends psql instead (its connection closes, the transaction rolls back).
  script.child.stdout!.pipe(psql.child.stdin!, { end: false });
  const scripted = script.done.then(
    () => void psql.child.stdin!.end(),
    (error: unknown) => {
      psql.child.kill('SIGKILL');
      throw error;
    },
  );
  const [scriptResult, psqlResult] = await Promise.allSettled([scripted, psql.done]);
  if (scriptResult.status === 'rejected') throw scriptResult.reason;
  if (psqlResult.status === 'rejected') throw psqlResult.reason;
}

/** Runs `work` on a new empty database beside `url`'s (same server and credentials), dropped afterwards. */
export async function withScratchDatabase<T>(url: string, work: (scratchUrl: string) => Promise<T>): Promise<T> {
  const name = `mcp_metrics_scratch_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect().catch((error: Error) => {
    throw new PgToolError(`cannot connect to ${connection(url).url}: ${error.message}`, false);
  });
  try {
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } catch (error) {
      throw new PgToolError(
        `cannot create a scratch database to test-restore into (${(error as Error).message}): the database user needs the CREATEDB privilege`,
        false,
      );
    }
    const scratch = new URL(url);
    scratch.pathname = `/${name}`;
    try {
      return await work(scratch.toString());
    } finally {
      // A pool's end() resolves while its connections are still hanging up: let them go (a second at most) rather than terminate them.
      for (let wait = 0; wait < 20 && (await admin.query(`SELECT 1 FROM pg_stat_activity WHERE datname = $1`, [name])).rowCount; wait++) await sleep(50);
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
}
