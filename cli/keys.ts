import path from 'node:path';
import { parseArgs } from 'node:util';
import { databasePath, openDatabase } from '../db/connection';
import type { ApiKeyRecord } from '../db/queries/api-keys';
import { cliActor } from '../lib/audit/record';
import { createApiKey } from '../lib/keys/create';
import { listApiKeys } from '../lib/keys/list';
import { reactivateApiKey } from '../lib/keys/reactivate';
import { revokeApiKey } from '../lib/keys/revoke';
import { setKeyLimits } from '../lib/keys/set-limits';
import { CliError, wholeNumber } from './errors';

const USAGE = `usage: keys create --service NAME [--rate-limit N] [--daily-limit N] [--monthly-limit N] [--description TEXT] [--admin] [--json]
       keys list [--json]
       keys revoke <id|prefix> | reactivate <id|prefix>
       keys set-limits <id|prefix> [--rate-limit N] [--daily-limit N|none] [--monthly-limit N|none]
       (option: --db FILE)`;

/** A limit option: a whole number, or "none" to remove a daily/monthly limit (undefined when not given). */
function limitOption(value: string | undefined, flag: string, allowNone: boolean): number | null | undefined {
  if (value === undefined) return undefined;
  if (allowNone && value === 'none') return null;
  return wholeNumber(value, flag);
}

function describe(key: ApiKeyRecord) {
  return {
    id: key.id,
    service: key.serviceName,
    prefix: key.keyPrefix,
    active: key.isActive,
    admin: key.isAdmin,
    rate_limit: key.rateLimit,
    daily_limit: key.dailyUsageLimit,
    monthly_limit: key.monthlyUsageLimit,
    usage_count: key.usageCount,
    last_used_at: key.lastUsedAt,
    created_at: key.createdAt,
    description: key.description,
  };
}

function line(key: ApiKeyRecord): string {
  const limits = [
    `${key.rateLimit}/min`,
    key.dailyUsageLimit === null ? null : `${key.dailyUsageLimit}/day`,
    key.monthlyUsageLimit === null ? null : `${key.monthlyUsageLimit}/month`,
  ];
  return [
    `#${key.id}`,
    key.serviceName,
    `${key.keyPrefix ?? '?'}…`,
    key.isActive ? 'active' : 'REVOKED',
    key.isAdmin ? 'admin' : null,
    limits.filter(Boolean).join(' '),
    `used ${key.usageCount}x${key.lastUsedAt ? `, last ${key.lastUsedAt}` : ''}`,
    key.description ? `"${key.description}"` : null,
  ]
    .filter(Boolean)
    .join('  ');
}

export async function run(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      service: { type: 'string' },
      'rate-limit': { type: 'string' },
      'daily-limit': { type: 'string' },
      'monthly-limit': { type: 'string' },
      description: { type: 'string' },
      admin: { type: 'boolean' },
      json: { type: 'boolean' },
      db: { type: 'string' },
    },
  });
  const [verb, ref, ...extra] = positionals;
  if (extra.length) throw new CliError(`unexpected arguments: ${extra.join(' ')}\n${USAGE}`);
  if (!['create', 'list', 'revoke', 'reactivate', 'set-limits'].includes(verb ?? ''))
    throw new CliError(`${verb ? `unknown verb "${verb}"` : 'missing verb'}\n${USAGE}`);
  const needsRef = ['revoke', 'reactivate', 'set-limits'].includes(verb!);
  if (needsRef && !ref) throw new CliError(`${verb} needs a key id or prefix\n${USAGE}`);
  if (!needsRef && ref) throw new CliError(`"${verb}" takes no argument, got "${ref}"\n${USAGE}`);

  const db = openDatabase(path.resolve(values.db ?? databasePath()));
  try {
    const actor = cliActor();
    switch (verb) {
      case 'create': {
        if (values.service === undefined) throw new CliError(`create needs --service NAME\n${USAGE}`);
        const { key, record } = createApiKey(
          db,
          {
            service: values.service,
            rateLimit: limitOption(values['rate-limit'], '--rate-limit', false) ?? undefined,
            dailyUsageLimit: limitOption(values['daily-limit'], '--daily-limit', false),
            monthlyUsageLimit: limitOption(values['monthly-limit'], '--monthly-limit', false),
            description: values.description,
            isAdmin: values.admin ?? false,
          },
          actor,
        );
        if (values.json) console.log(JSON.stringify({ key, ...describe(record) }));
        else console.log(`created ${line(record)}\n\n  ${key}\n\nStore this key now: only its hash is kept, it cannot be shown again.`);
        return 0;
      }
      case 'list': {
        const keys = listApiKeys(db);
        if (values.json) console.log(JSON.stringify(keys.map(describe)));
        else console.log(keys.length ? keys.map(line).join('\n') : '(no keys; create one with: npm run keys -- create --service NAME)');
        return 0;
      }
      case 'revoke':
        console.log(`revoked ${line(revokeApiKey(db, ref!, actor))}`);
        return 0;
      case 'reactivate':
        console.log(`reactivated ${line(reactivateApiKey(db, ref!, actor))}`);
        return 0;
      case 'set-limits': {
        const key = setKeyLimits(
          db,
          ref!,
          {
            rateLimit: limitOption(values['rate-limit'], '--rate-limit', false) ?? undefined,
            dailyUsageLimit: limitOption(values['daily-limit'], '--daily-limit', true),
            monthlyUsageLimit: limitOption(values['monthly-limit'], '--monthly-limit', true),
          },
          actor,
        );
        console.log(`updated ${line(key)}`);
        return 0;
      }
    }
    return 2;
  } finally {
    db.close();
  }
}
