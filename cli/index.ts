#!/usr/bin/env tsx
import { CliError, isUserError, type Command } from './errors';

// Command groups load lazily so that `migrate status` does not pay for the server's imports.
const groups: Record<string, { summary: string; load: () => Promise<{ run: Command }> }> = {
  serve: { summary: 'build if needed, migrate, then serve the app', load: () => import('./serve') },
  migrate: { summary: 'status | up [--to N] | down N [--yes] | list | create NAME', load: () => import('./migrate') },
  keys: { summary: 'create --service NAME [...] | list | revoke REF | reactivate REF | set-limits REF [...]  (API keys)', load: () => import('./keys') },
  rollup: { summary: 'rebuild [--from YYYY-MM-DD] [--to YYYY-MM-DD]  (recompute hourly/daily rollups)', load: () => import('./rollup') },
  retention: { summary: 'preview [--table T] | apply [--table T] [--dry-run] | policies | set TABLE DAYS', load: () => import('./retention') },
  backup: { summary: 'create [--out DIR] [--keep N] | verify FILE | restore FILE [--to PATH]', load: () => import('./backup') },
  db: { summary: 'check | recover --out PATH  (integrity and corruption recovery)', load: () => import('./db') },
  admin: { summary: 'create EMAIL [--role admin|viewer] | set-password EMAIL | list  (dashboard users)', load: () => import('./admin') },
};

function usage(): string {
  const width = Math.max(...Object.keys(groups).map((g) => g.length));
  return ['usage: mcp-metrics <command> [args]', '', ...Object.entries(groups).map(([name, g]) => `  ${name.padEnd(width)}  ${g.summary}`)].join('\n');
}

async function main(argv: string[]): Promise<number> {
  // Everything the service writes (database, WAL, backups, the session secret) holds password and key
  // hashes: files 0600 and directories 0700, for this process and the Next server it starts.
  process.umask(0o077);
  const [group, ...rest] = argv;
  if (!group || group === '--help' || group === 'help') {
    console.log(usage());
    return group ? 0 : 2;
  }
  const entry = groups[group];
  if (!entry) throw new CliError(`unknown command "${group}"\n\n${usage()}`);
  const { run } = await entry.load();
  return (await run(rest)) ?? 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    const known = isUserError(error);
    console.error(`error: ${known ? error.message : error instanceof Error ? error.stack : String(error)}`);
    process.exitCode = known ? 2 : 1;
  },
);
