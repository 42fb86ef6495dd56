import { Command, CommanderError } from 'commander';
import { errorMessage, isPersonaError } from '../lib/errors.ts';
import { readCliSettings } from '../lib/config.ts';
import { visibleControls } from '../lib/terminal-text.ts';
import { takeCommandFailed } from './exit-status.ts';

type Register = (program: Command) => void;

/**
 * Each command's module, loaded only when that command runs: a command imports its own dependencies
 * (the importer needs neither the language model stack nor the sentence encoder), so `persona import`
 * starts in about a quarter of the time it takes to load everything. Help loads them all.
 */
const commandModules: Readonly<Record<string, () => Promise<Register>>> = {
  demo: async () => (await import('./commands/demo.ts')).registerDemo,
  import: async () => (await import('./commands/import.ts')).registerImport,
  profile: async () => (await import('./commands/profile.ts')).registerProfile,
  datasets: async () => (await import('./commands/profile.ts')).registerProfile,
  segment: async () => (await import('./commands/segment.ts')).registerSegment,
  runs: async () => (await import('./commands/runs.ts')).registerRuns,
  show: async () => (await import('./commands/show.ts')).registerShow,
  export: async () => (await import('./commands/export.ts')).registerExport,
  assign: async () => (await import('./commands/assign.ts')).registerAssign,
  ask: async () => (await import('./commands/ask.ts')).registerAsk,
  chat: async () => (await import('./commands/ask.ts')).registerAsk,
  serve: async () => (await import('./commands/serve.ts')).registerServe,
  eval: async () => (await import('./commands/eval.ts')).registerEval,
  holdout: async () => (await import('./commands/holdout.ts')).registerHoldout,
  gc: async () => (await import('./commands/gc.ts')).registerGc,
};

/** The program with the command named in `argv` registered, or every command (help, unknown names). */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = new Command()
    .name('persona')
    .description('Persona Explorer: behavioural customer personas from raw data, with evidence')
    .exitOverride()
    .showHelpAfterError();
  // The CLI has no global options, so the first word after the script is the command's name.
  const named = argv.slice(2).find((a) => !a.startsWith('-'));
  const wanted = named !== undefined && Object.hasOwn(commandModules, named) ? [named] : Object.keys(commandModules);
  const registered = new Set<Register>();
  for (const name of wanted) {
    const register = await commandModules[name]!();
    if (registered.has(register)) continue;
    registered.add(register);
    register(program);
  }
  return program;
}

/** Runs the CLI and returns the exit code; errors become one clear line (or JSON with --json). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = await buildProgram(argv);
  takeCommandFailed();
  try {
    process.exitCode = undefined;
    await program.parseAsync([...argv]);
    return takeCommandFailed() ? 1 : 0;
  } catch (err) {
    takeCommandFailed();
    if (err instanceof CommanderError) return err.exitCode === 0 ? 0 : 2;
    const json = argv.includes('--json');
    if (json) {
      const error = isPersonaError(err) ? err.toJSON() : { code: 'internal', message: errorMessage(err) };
      process.stdout.write(`${JSON.stringify({ error }, null, 2)}\n`);
    }
    process.stderr.write(`persona: ${visibleControls(errorMessage(err))}\n`);
    if (!isPersonaError(err) && readCliSettings().debug) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 1;
  }
}
