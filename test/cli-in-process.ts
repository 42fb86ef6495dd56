/**
 * The `persona` command run through main() in this test process, for tests about what a command does
 * rather than about the process (cli/main.test.ts spawns real ones). A spawned CLI loads every module
 * afresh, seconds of CPU each time; here they are loaded once. The environment is the one a clean shell
 * gives the CLI (no database server, no model endpoint) plus the home, and is restored afterwards.
 */
import { main } from '../cli/main.ts';

export interface CliResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

const cleanEnvironment = { DATABASE_URL: '', OPENAI_BASE_URL: '', OPENAI_API_KEY: '' } as const;

/** Runs one command with PERSONA_HOME = home; output is captured, so a passing test prints nothing. */
export async function personaInProcess(home: string, ...args: string[]): Promise<CliResult> {
  const env: Record<string, string> = { ...cleanEnvironment, PERSONA_HOME: home };
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  const captured = { stdout: '', stderr: '' };
  const { write: writeOut } = process.stdout;
  const { write: writeErr } = process.stderr;
  Object.assign(process.env, env);
  process.stdout.write = ((chunk: string | Uint8Array) => ((captured.stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((captured.stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    return { code: await main(['node', 'persona', ...args]), ...captured };
  } finally {
    process.stdout.write = writeOut;
    process.stderr.write = writeErr;
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
