import type { Reader } from '../client';
import { isoPrefix } from './dialect';

export interface KeyUsageBucket {
  /** The ISO prefix of the hour (`YYYY-MM-DDTHH`) or day (`YYYY-MM-DD`). */
  bucket: string;
  requests: number;
  clientErrors: number;
  rateLimited: number;
}

/**
 * One key's requests per hour or day in [from, to) (ISO bounds or bucket-key prefixes), from
 * api_key_usage_log through its (key_hash, timestamp) index.
 */
export function keyUsageBuckets(db: Reader, keyHash: string, bucketLength: 10 | 13, from: string, to: string): Promise<KeyUsageBucket[]> {
  return db.all<KeyUsageBucket>(
    `SELECT ${isoPrefix(db, 'timestamp', bucketLength)} AS bucket,
            SUM(request_count) AS requests,
            SUM(CASE WHEN status_code BETWEEN 400 AND 499 THEN request_count ELSE 0 END) AS "clientErrors",
            SUM(CASE WHEN status_code = 429 THEN request_count ELSE 0 END) AS "rateLimited"
       FROM api_key_usage_log
      WHERE key_hash = ? AND timestamp >= ? AND timestamp < ?
      GROUP BY bucket
      ORDER BY bucket`,
    [keyHash, from, to],
  );
}
