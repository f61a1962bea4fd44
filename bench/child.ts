import { writeFile } from 'node:fs/promises';
import { describeFailure } from './measure.ts';

/**
 * Entry of every benchmark child process: `child.ts <phase> <json arguments>`. Each phase runs
 * in a fresh process (started with --expose-gc and a heap limit by `spawn-child.ts`), so one
 * phase's garbage and JIT state never colours another's numbers. The result goes as JSON to
 * `resultPath`; progress goes to stderr.
 */
const [phase, rawArgs] = process.argv.slice(2);
const args = JSON.parse(rawArgs ?? '{}') as Record<string, unknown> & { resultPath?: string };

async function run(): Promise<unknown> {
  switch (phase) {
    case 'profile': {
      const { buildQuerySet } = await import('./query-set.ts');
      const set = await buildQuerySet(String(args.corpus), Number(args.seed), Number(args.perType));
      await writeFile(String(args.queries), JSON.stringify(set, null, 1));
      return set.profile;
    }
    case 'build': {
      const { buildPhase } = await import('./phase-broadsheet.ts');
      return buildPhase(args as unknown as Parameters<typeof buildPhase>[0]);
    }
    case 'load': {
      const { loadPhase } = await import('./phase-broadsheet.ts');
      return loadPhase(args as unknown as Parameters<typeof loadPhase>[0]);
    }
    case 'minisearch': {
      const { miniSearchPhase } = await import('./phase-minisearch.ts');
      return miniSearchPhase(args as unknown as Parameters<typeof miniSearchPhase>[0]);
    }
    case 'floor': {
      const { floorPhase } = await import('./phase-floor.ts');
      return floorPhase(args as unknown as Parameters<typeof floorPhase>[0]);
    }
    case 'server': {
      const { serverPhase } = await import('./http-server.ts');
      await serverPhase(args as unknown as Parameters<typeof serverPhase>[0]);
      return undefined;
    }
    case 'http-load': {
      const { httpLoadPhase } = await import('./http-load.ts');
      return httpLoadPhase(args as unknown as Parameters<typeof httpLoadPhase>[0]);
    }
    default:
      throw new Error(`unknown benchmark phase "${phase}"`);
  }
}

try {
  const result = await run();
  if (args.resultPath !== undefined) await writeFile(args.resultPath, JSON.stringify(result));
  process.exit(0);
} catch (error) {
  process.stderr.write(`bench child ${phase} failed: ${describeFailure(error)}\n`);
  if (process.env.DEBUG && error instanceof Error) process.stderr.write(`${error.stack}\n`);
  process.exit(1);
}
