import { createHash, timingSafeEqual } from 'node:crypto';
import { config } from '../config/config';
import { detail } from '../http/respond';
import type { Access } from '../http/route';
import { lookupApiKey } from '../keys/authenticate';

const digest = (text: string) => createHash('sha256').update(text).digest();

/** Who scraped: the configured token, or an admin API key. */
export type Scraper = 'scrape-token' | 'admin-key';

/**
 * GET /metrics on the main port: `Authorization: Bearer $PROMETHEUS_SCRAPE_TOKEN` (when set), or an
 * active admin API key, as that bearer token (what Prometheus' `authorization` sends) or in X-API-Key.
 * Anyone else gets 401. (Port 9465 asks nothing, like the old service's: it is for the internal network.)
 */
export const prometheusScraper: Access<Scraper> = {
  serve: async ({ request, db }, handler) => {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.get('authorization') ?? '')?.[1];
    const token = config().telemetry.scrapeToken;
    if (bearer && token && timingSafeEqual(digest(bearer), digest(token))) return handler('scrape-token');
    for (const candidate of [bearer, request.headers.get('x-api-key')]) {
      const found = candidate ? await lookupApiKey(db, candidate) : null;
      if (found?.status === 'active' && found.key.isAdmin) return handler('admin-key');
    }
    return detail(401, 'scraping /metrics needs Authorization: Bearer <PROMETHEUS_SCRAPE_TOKEN> or an admin API key', { 'WWW-Authenticate': 'Bearer' });
  },
};
