import type { ApiKeyRecord } from '../db/queries/api-keys';
import { cliActor } from '../lib/audit/record';
import { createApiKey } from '../lib/keys/create';
import { keyJson } from '../lib/keys/json';
import { listApiKeys } from '../lib/keys/list';
import { reactivateApiKey } from '../lib/keys/reactivate';
import { revokeApiKey } from '../lib/keys/revoke';
import { setAllowedServices } from '../lib/keys/set-allowed-services';
import { setKeyLimits } from '../lib/keys/set-limits';
import { DB_OPTION, withDatabase } from './database';
import { CliError, wholeNumber } from './errors';
import { commandGroup, verb, type Arg } from './verbs';

/** A limit option: a whole number, or "none" to remove a daily/monthly limit (undefined when not given). */
function limitOption(value: string | undefined, flag: string, allowNone: boolean): number | null | undefined {
  if (value === undefined) return undefined;
  if (allowNone && value === 'none') return null;
  return wholeNumber(value, flag);
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
    key.allowedServices ? `for ${key.allowedServices.join(',')}` : null,
    limits.filter(Boolean).join(' '),
    `used ${key.usageCount}x${key.lastUsedAt ? `, last ${key.lastUsedAt}` : ''}`,
    key.description ? `"${key.description}"` : null,
  ]
    .filter(Boolean)
    .join('  ');
}

const ref: Arg = { name: 'REF', what: 'a key id or prefix' };

/** `a,b` -> ['a', 'b']; `any` -> null (no restriction). */
const servicesOption = (value: string) => (value === 'any' ? null : value.split(',').map((service) => service.trim()));
const LIMITS = { 'rate-limit': { type: 'string' }, 'daily-limit': { type: 'string' }, 'monthly-limit': { type: 'string' } } as const;

const setActiveVerb = (active: boolean) =>
  verb({
    usage: '<id|prefix>',
    args: [ref],
    options: DB_OPTION,
    run: ({ args: [key], values }) =>
      withDatabase(values.db, async (db) => {
        const changed = await (active ? reactivateApiKey : revokeApiKey)(db, key!, cliActor());
        console.log(`${active ? 'reactivated' : 'revoked'} ${line(changed)}`);
      }),
  });

export const run = commandGroup(
  'keys',
  {
    create: verb({
      usage: '--service NAME [--rate-limit N] [--daily-limit N] [--monthly-limit N] [--allowed-services A,B] [--description TEXT] [--admin] [--json]',
      options: {
        ...DB_OPTION,
        ...LIMITS,
        service: { type: 'string' },
        'allowed-services': { type: 'string' },
        description: { type: 'string' },
        admin: { type: 'boolean' },
        json: { type: 'boolean' },
      },
      run: ({ values }) => {
        if (values.service === undefined) throw new CliError('create needs --service NAME');
        const service = values.service;
        return withDatabase(values.db, async (db) => {
          const { key, record } = await createApiKey(
            db,
            {
              service,
              rateLimit: limitOption(values['rate-limit'], '--rate-limit', false) ?? undefined,
              dailyUsageLimit: limitOption(values['daily-limit'], '--daily-limit', false),
              monthlyUsageLimit: limitOption(values['monthly-limit'], '--monthly-limit', false),
              description: values.description,
              isAdmin: values.admin ?? false,
              allowedServices: values['allowed-services'] === undefined ? null : servicesOption(values['allowed-services']),
            },
            cliActor(),
          );
          if (values.json) console.log(JSON.stringify({ key, ...keyJson(record) }));
          else console.log(`created ${line(record)}\n\n  ${key}\n\nStore this key now: only its hash is kept, it cannot be shown again.`);
        });
      },
    }),
    list: verb({
      usage: '[--json]',
      options: { ...DB_OPTION, json: { type: 'boolean' } },
      run: ({ values }) =>
        withDatabase(values.db, async (db) => {
          const keys = await listApiKeys(db);
          if (values.json) console.log(JSON.stringify(keys.map(keyJson)));
          else console.log(keys.length ? keys.map(line).join('\n') : '(no keys; create one with: npm run keys -- create --service NAME)');
        }),
    }),
    'set-services': verb({
      usage: '<id|prefix> SERVICE,SERVICE...|any',
      args: [ref, { name: 'SERVICES', what: 'the services the key may write for (a,b), or "any"' }],
      options: DB_OPTION,
      run: ({ args: [key, services], values }) =>
        withDatabase(values.db, async (db) => {
          console.log(`updated ${line(await setAllowedServices(db, key!, servicesOption(services!), cliActor()))}`);
        }),
    }),
    revoke: setActiveVerb(false),
    reactivate: setActiveVerb(true),
    'set-limits': verb({
      usage: '<id|prefix> [--rate-limit N] [--daily-limit N|none] [--monthly-limit N|none]',
      args: [ref],
      options: { ...DB_OPTION, ...LIMITS },
      run: ({ args: [key], values }) =>
        withDatabase(values.db, async (db) => {
          const changed = await setKeyLimits(
            db,
            key!,
            {
              rateLimit: limitOption(values['rate-limit'], '--rate-limit', false) ?? undefined,
              dailyUsageLimit: limitOption(values['daily-limit'], '--daily-limit', true),
              monthlyUsageLimit: limitOption(values['monthly-limit'], '--monthly-limit', true),
            },
            cliActor(),
          );
          console.log(`updated ${line(changed)}`);
        }),
    }),
  },
  'option of every verb: --db FILE',
);
