import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Engine, Reader } from '../../db/client';
import { MigrationError, type Migration, type MigrationModule } from './migration';

export const MIGRATION_FILE = /^(\d{4})_([a-z0-9_]+)\.ts$/;
export const DEFAULT_MIGRATIONS_DIR = path.resolve(/*turbopackIgnore: true*/ process.cwd(), 'migrations');

/** Each numbered migration exists once per engine: SQLite's in migrations/, PostgreSQL's in migrations/postgres/. */
export const migrationsDir = (engine: Engine) => (engine === 'sqlite' ? DEFAULT_MIGRATIONS_DIR : path.join(DEFAULT_MIGRATIONS_DIR, 'postgres'));

export interface MigrationFile {
  version: number;
  name: string;
  file: string;
}

/** The numbered files of a migrations folder, in order; cheap (no import), for listings. */
export function listMigrationFiles(dir: string = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  const files = fs.readdirSync(/*turbopackIgnore: true*/ dir).flatMap((entry) => {
    const match = MIGRATION_FILE.exec(entry);
    return match ? [{ version: Number(match[1]), name: match[2]!, file: path.join(dir, entry) }] : [];
  });
  files.sort((a, b) => a.version - b.version);
  for (let i = 1; i < files.length; i++) {
    if (files[i]!.version === files[i - 1]!.version) {
      throw new MigrationError(`two migrations share version ${files[i]!.version}: ${path.basename(files[i - 1]!.file)} and ${path.basename(files[i]!.file)}`);
    }
  }
  return files;
}

export function checksumOf(text: string): string {
  return createHash('sha256').update(text.replace(/\r\n/g, '\n')).digest('hex');
}

export async function loadMigrations(dir: string = DEFAULT_MIGRATIONS_DIR): Promise<Migration[]> {
  return Promise.all(
    listMigrationFiles(dir).map(async ({ version, name, file }) => {
      const mod = (await import(pathToFileURL(file).href)) as Partial<MigrationModule> & { default?: Partial<MigrationModule> };
      // Loaded as CommonJS (no "type": "module"), named exports may arrive only under `default`.
      const body = typeof mod.up === 'string' ? mod : (mod.default ?? {});
      if (typeof body.up !== 'string' || typeof body.down !== 'string') {
        throw new MigrationError(`${path.basename(file)} must export string constants "up" and "down"`);
      }
      return {
        version,
        name,
        up: body.up,
        down: body.down,
        upData: body.upData,
        downData: body.downData,
        checksum: checksumOf(fs.readFileSync(file, 'utf8')),
      };
    }),
  );
}

/** The migrations of the engine `db` runs on. */
export const migrationsFor = (db: Reader) => loadMigrations(migrationsDir(db.engine));
