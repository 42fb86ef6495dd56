import { Command, CommanderError } from 'commander';
import { errorMessage, isPersonaError } from '../lib/errors.ts';
import { visibleControls } from '../lib/terminal-text.ts';
import { registerImport } from './commands/import.ts';
import { registerProfile } from './commands/profile.ts';
import { registerDemo } from './commands/demo.ts';
import { registerRuns } from './commands/runs.ts';
import { registerSegment } from './commands/segment.ts';
import { registerShow } from './commands/show.ts';
import { registerExport } from './commands/export.ts';
import { registerAssign } from './commands/assign.ts';
import { registerServe } from './commands/serve.ts';
import { registerAsk } from './commands/ask.ts';
import { takeCommandFailed } from './exit-status.ts';
import { registerEval } from './commands/eval.ts';
import { registerGc } from './commands/gc.ts';
import { registerHoldout } from './commands/holdout.ts';

export function buildProgram(): Command {
  const program = new Command()
    .name('persona')
    .description('Persona Explorer: behavioural customer personas from raw data, with evidence')
    .exitOverride()
    .showHelpAfterError();
  registerDemo(program);
  registerImport(program);
  registerProfile(program);
  registerSegment(program);
  registerRuns(program);
  registerShow(program);
  registerExport(program);
  registerAssign(program);
  registerAsk(program);
  registerServe(program);
  registerEval(program);
  registerHoldout(program);
  registerGc(program);
  return program;
}

/** Runs the CLI and returns the exit code; errors become one clear line (or JSON with --json). */
export async function main(argv: readonly string[]): Promise<number> {
  const program = buildProgram();
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
    if (!isPersonaError(err) && process.env.PERSONA_DEBUG) process.stderr.write(`${(err as Error).stack ?? ''}\n`);
    return 1;
  }
}
