import { writeTransaction, type Db } from '../client';

/**
 * The stored secret `name`, or `candidate` stored as it when there is none yet. Instances starting
 * together all get the one the first commit stored (a conflicting insert changes nothing).
 */
export function claimSecret(db: Db, name: string, candidate: string): Promise<string> {
  return writeTransaction(db, async (tx) => {
    await tx.run(`INSERT INTO service_secrets (name, value) VALUES (?, ?) ON CONFLICT (name) DO NOTHING`, [name, candidate]);
    return (await tx.get<{ value: string }>(`SELECT value FROM service_secrets WHERE name = ?`, [name]))!.value;
  });
}
