import fs from 'node:fs';
import path from 'node:path';
import { listMigrationFiles, migrationsDir } from './load';
import { MigrationError } from './migration';

const template = (clientModule: string) => `import type { Tx } from '${clientModule}';

// Runs in one transaction with its schema_migrations row. Keep \`down\` an exact inverse of \`up\`;
// where SQLite cannot DROP a column (indexed, UNIQUE, referenced), rebuild the table instead.
export const up = \`
\`;

export const down = \`
\`;

// Optional data steps, in the same transaction: upData runs after \`up\`, downData before \`down\`.
export async function upData(_tx: Tx): Promise<void> {}

export async function downData(_tx: Tx): Promise<void> {}
`;

/**
 * Writes the next numbered migration template into each folder (by default SQLite's and PostgreSQL's,
 * one number for both) and returns their paths.
 */
export function createMigration(rawName: string, dirs: string[] = [migrationsDir('sqlite'), migrationsDir('postgres')]): string[] {
  const name = rawName
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
  if (!/^[a-z][a-z0-9_]{0,59}$/.test(name)) {
    throw new MigrationError(`migration name must be letters, digits, spaces, "-" or "_", starting with a letter (got "${rawName}")`);
  }
  const next = Math.max(0, ...dirs.flatMap((dir) => listMigrationFiles(dir).map((m) => m.version))) + 1;
  if (next > 9999) throw new MigrationError('migration numbers are exhausted (9999)');
  return dirs.map((dir) => {
    const file = path.join(dir, `${String(next).padStart(4, '0')}_${name}.ts`);
    const clientModule = path.relative(dir, path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'db/client')).split(path.sep).join('/');
    fs.writeFileSync(file, template(clientModule.startsWith('.') ? clientModule : `./${clientModule}`), { flag: 'wx' });
    return file;
  });
}
