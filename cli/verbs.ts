import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError, type Command } from './errors';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O; allowPositionals: true; strict: true }>>['values'];

/** A positional argument: its name in the usage line, and how a message names it when it is missing. */
export interface Arg {
  name: string;
  what: string;
  optional?: boolean;
}

export interface Verb<O extends Options> {
  /** What follows the verb in the usage line, e.g. `REF [--rate-limit N]`. */
  usage: string;
  args?: readonly Arg[];
  options?: O;
  run(input: { args: string[]; values: Values<O> }): Promise<number | void>;
}

/** Declares a verb, with its options' types carried into `run`. */
export function verb<const O extends Options = Record<never, never>>(spec: Verb<O>): Verb<O> {
  return spec;
}

/**
 * A command group (`keys`, `retention`, ...) from its verb table: the usage text, "missing verb",
 * "unknown verb", options a verb does not take, and missing or extra arguments are all answered here,
 * the same way for every group, before a verb runs. `note` ends the usage text (e.g. the common options).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each verb keeps its own option types
export function commandGroup(group: string, verbs: Record<string, Verb<any>>, note?: string): Command {
  const usage = [
    `usage: ${Object.entries(verbs)
      .map(([name, v]) => `${group} ${name}${v.usage ? ` ${v.usage}` : ''}`)
      .join('\n       ')}`,
    ...(note ? [`       (${note})`] : []),
  ].join('\n');
  return async (argv) => {
    const [name, ...rest] = argv;
    if (!name || name.startsWith('-')) throw new CliError(`missing verb\n${usage}`);
    const spec = Object.hasOwn(verbs, name) ? verbs[name]! : undefined;
    if (!spec) throw new CliError(`unknown verb "${name}"\n${usage}`);
    let parsed;
    try {
      parsed = parseArgs({ args: rest, allowPositionals: true, strict: true, options: spec.options ?? {} });
    } catch (error) {
      if (error instanceof TypeError && 'code' in error) throw new CliError(`${name}: ${error.message.split('. ')[0]}\n${usage}`);
      throw error;
    }
    const args = spec.args ?? [];
    const missing = args.find((arg, i) => !arg.optional && parsed.positionals[i] === undefined);
    if (missing) throw new CliError(`${name} needs ${missing.what}\n${usage}`);
    const extra = parsed.positionals.slice(args.length);
    if (extra.length) throw new CliError(`unexpected arguments: ${extra.join(' ')}\n${usage}`);
    return spec.run({ args: parsed.positionals, values: parsed.values });
  };
}
