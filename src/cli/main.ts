import { SnapshotError } from '../index/snapshot.ts';
import { CommandFailure, formatHelp, parseCommandArgs, UsageError, type CommandSpec, type ParsedCommand } from './args.ts';

/** One command: its flags and what it does. Modules load lazily so `--help` stays fast. */
export interface Command {
  spec: CommandSpec;
  run(args: ParsedCommand): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  index: async () => (await import('./index-command.ts')).indexCommand,
  parse: async () => (await import('./parse-command.ts')).parseCommand,
  search: async () => (await import('./search-command.ts')).searchCommand,
  serve: async () => (await import('./serve-command.ts')).serveCommand,
  eval: async () => (await import('./eval-command.ts')).evalCommand,
};

const SUMMARIES: Record<string, string> = {
  index: 'read article files and folders and build the search index',
  parse: 'parse article files without indexing, one JSON line per article',
  search: 'search the index from the command line',
  serve: 'serve the search pages and API over HTTP',
  eval: 'measure ranking quality on a test collection with relevance judgments',
};

const USAGE = `Usage: broadsheet <command> [options]

Broadsheet: a self-hosted search engine for news archives.

Commands:
${Object.entries(SUMMARIES)
  .map(([name, summary]) => `  ${name.padEnd(8)} ${summary}`)
  .join('\n')}

Run \`broadsheet <command> --help\` for a command's options.
`;

/** Runs the command line and returns the exit code: 0 done, 1 failed, 2 usage error. */
export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    (name === undefined ? process.stderr : process.stdout).write(USAGE);
    return name === undefined ? 2 : 0;
  }
  const load = COMMANDS[name];
  if (load === undefined) {
    process.stderr.write(`broadsheet: unknown command "${name}"; commands are ${Object.keys(COMMANDS).join(', ')} (see \`broadsheet --help\`).\n`);
    return 2;
  }
  try {
    const command = await load();
    const args = parseCommandArgs(command.spec, rest);
    if (args.help) {
      process.stdout.write(formatHelp(command.spec));
      return 0;
    }
    return await command.run(args);
  } catch (error) {
    return reportError(error);
  }
}

function reportError(error: unknown): number {
  if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  if (error instanceof UsageError) {
    process.stderr.write(`broadsheet: ${error.message}\n`);
    return 2;
  }
  if (error instanceof CommandFailure || error instanceof SnapshotError) {
    process.stderr.write(`broadsheet: ${error.message}\n`);
    return 1;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`broadsheet: ${message}${process.env.DEBUG ? '' : ' (set DEBUG=1 for details)'}\n`);
  return 1;
}
