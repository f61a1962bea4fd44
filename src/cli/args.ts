import { parseArgs } from 'node:util';

/** A mistake in how a command was called: exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A command that could not do its work: exit code 1, one sentence on stderr. */
export class CommandFailure extends Error {
  override name = 'CommandFailure';
}

export interface OptionSpec {
  type: 'string' | 'boolean';
  multiple?: boolean;
  /** Placeholder for help, e.g. `FILE`. */
  value?: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  usage: string;
  summary: string;
  options: Record<string, OptionSpec>;
  /** How many positional arguments: at least `min`, at most `max` (Infinity for any). */
  positionals: { min: number; max: number; name: string };
}

export interface ParsedCommand {
  values: Record<string, string | boolean | string[] | undefined>;
  positionals: string[];
  help: boolean;
}

/** Parses a command's arguments against its spec; every mistake is a `UsageError` naming the flag. */
export function parseCommandArgs(spec: CommandSpec, argv: string[]): ParsedCommand {
  const options = Object.fromEntries(
    Object.entries(spec.options).map(([name, option]) => [name, { type: option.type, multiple: option.multiple ?? false }]),
  );
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { ...options, help: { type: 'boolean', short: 'h' } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError(describeParseError(spec, error));
  }
  const help = parsed.values.help === true;
  const { help: _help, ...values } = parsed.values;
  if (!help) {
    const count = parsed.positionals.length;
    if (count < spec.positionals.min) {
      throw new UsageError(`\`broadsheet ${spec.name}\` needs ${spec.positionals.name}; usage: ${spec.usage}`);
    }
    if (count > spec.positionals.max) {
      throw new UsageError(`\`broadsheet ${spec.name}\` takes ${spec.positionals.max === 0 ? 'no arguments' : `at most ${spec.positionals.max} ${spec.positionals.name}`}, got "${parsed.positionals.join(' ')}"; usage: ${spec.usage}`);
    }
  }
  return { values, positionals: parsed.positionals, help };
}

/** Reads an option that must be a whole number within a range. */
export function readIntegerOption(value: unknown, flag: string, min: number, max: number): number | undefined {
  if (value === undefined) return undefined;
  const text = String(value);
  const number = Number(text);
  if (!/^\d+$/.test(text) || number < min || number > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, not "${text}".`);
  }
  return number;
}

export function formatHelp(spec: CommandSpec): string {
  const rows = Object.entries(spec.options).map(([name, option]) => {
    const flag = `--${name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`;
    return `  ${flag.padEnd(22)} ${option.description}`;
  });
  rows.push(`  ${'--help'.padEnd(22)} show this help`);
  return `Usage: ${spec.usage}\n\n${spec.summary}\n\nOptions:\n${rows.join('\n')}\n`;
}

function describeParseError(spec: CommandSpec, error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /Unknown option '([^']+)'/.exec(message);
  if (unknown) return `Unknown flag ${unknown[1]} for \`broadsheet ${spec.name}\`; see \`broadsheet ${spec.name} --help\`.`;
  const missing = /Option '(?:-\w, )?(--[\w-]+)(?: <value>)?' argument missing/.exec(message);
  if (missing) return `${missing[1]} needs a value; see \`broadsheet ${spec.name} --help\`.`;
  return `${message.replace(/\.$/, '')}; see \`broadsheet ${spec.name} --help\`.`;
}
