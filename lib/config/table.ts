import { ENV_KEY_VARIABLE, literalDefault, VARIABLES, type Group } from './variables';

const GROUPS: Group[] = ['server', 'database', 'keys', 'retention', 'dashboard', 'observability', 'accepted'];

/** A literal default (`3000`, `./data/metrics.db`) in code font; a description (every interface) as it is. */
const shown = (variable: { default: string }) => (literalDefault(variable) ? `\`${variable.default}\`` : variable.default);

/** The README's configuration table: every variable of lib/config/variables.ts, grouped as listed there. */
export function configurationTable(): string {
  const rows = [...VARIABLES, ENV_KEY_VARIABLE].sort((a, b) => GROUPS.indexOf(a.group) - GROUPS.indexOf(b.group));
  return ['| variable | default | meaning |', '| --- | --- | --- |', ...rows.map((v) => `| \`${v.name}\` | ${shown(v)} | ${v.meaning} |`)].join('\n');
}
