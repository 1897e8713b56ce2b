import type { Tx } from '../../db/client';
import { UserError } from '../errors';

/** What a file in migrations/ exports. Version and name come from its file name `NNNN_name.ts`. */
export interface MigrationModule {
  up: string;
  down: string;
  /** Data step run after `up` in the same transaction (the spec's `python_up`). */
  upData?: (tx: Tx) => Promise<void>;
  /** Data step run before `down` in the same transaction (the spec's `python_down`). */
  downData?: (tx: Tx) => Promise<void>;
}

export interface Migration extends MigrationModule {
  version: number;
  name: string;
  /** sha256 of the file's text, so an edit to an applied migration is noticed. */
  checksum: string;
}

export class MigrationError extends UserError {
  constructor(message: string) {
    super(message, 409);
  }
}

/** `0007_retention_runs`: how a migration is named in messages and in schema_migrations listings. */
export const migrationLabel = (m: { version: number; name: string }) => `${String(m.version).padStart(4, '0')}_${m.name}`;

/** The message of a migration that failed to apply or revert. */
export function migrationFailure(migration: Migration, error: unknown): string {
  return `migration ${migrationLabel(migration)} failed: ${error instanceof Error ? error.message : String(error)}`;
}
