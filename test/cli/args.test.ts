import { describe, expect, it } from 'vitest';
import { parseCommandArgs, readIntegerOption, UsageError, type CommandSpec } from '../../src/cli/args.ts';

const spec: CommandSpec = {
  name: 'demo',
  usage: 'broadsheet demo PATH [--out FILE]',
  summary: 'demo',
  positionals: { min: 1, max: 1, name: 'a PATH' },
  options: { out: { type: 'string', description: 'out' }, json: { type: 'boolean', description: 'json' } },
};

describe('parseCommandArgs', () => {
  it('reads flags and positionals', () => {
    expect(parseCommandArgs(spec, ['a', '--out', 'f', '--json'])).toEqual({ values: { out: 'f', json: true }, positionals: ['a'], help: false });
  });
  it('names the unknown flag', () => {
    expect(() => parseCommandArgs(spec, ['a', '--nope'])).toThrow(new UsageError('Unknown flag --nope for `broadsheet demo`; see `broadsheet demo --help`.'));
  });
  it('names the flag missing its value', () => {
    expect(() => parseCommandArgs(spec, ['a', '--out'])).toThrow(/--out needs a value/);
  });
  it('counts positionals, except for --help', () => {
    expect(() => parseCommandArgs(spec, [])).toThrow(/needs a PATH/);
    expect(() => parseCommandArgs(spec, ['a', 'b'])).toThrow(/at most 1/);
    expect(parseCommandArgs(spec, ['--help']).help).toBe(true);
  });
  it('checks whole numbers', () => {
    expect(readIntegerOption('7', 'limit', 1, 10)).toBe(7);
    expect(() => readIntegerOption('0', 'limit', 1, 10)).toThrow(/--limit must be a whole number from 1 to 10/);
  });
});
