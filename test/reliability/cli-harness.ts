/** Runs the real `persona` binary in child processes against a temporary PERSONA_HOME. */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

export const bin = resolve(import.meta.dirname, '../../bin/persona.mjs');

export interface CliResult {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function cliEnv(home: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { ...process.env, PERSONA_HOME: home, DATABASE_URL: '', OPENAI_BASE_URL: '', OPENAI_API_KEY: '', PERSONA_API_KEY: '', SLACK_SIGNING_SECRET: '', SLACK_BOT_TOKEN: '', ...extra };
}

export function persona(home: string, args: readonly string[], extra: Record<string, string> = {}): CliResult {
  const child = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env: cliEnv(home, extra), timeout: 900_000 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

/** Starts `persona …` in the background; resolves once stderr matches `ready`. */
export function startPersona(home: string, args: readonly string[], ready: RegExp, extra: Record<string, string> = {}): Promise<{ child: ChildProcess; stderr: () => string; match: RegExpMatchArray }> {
  const child = spawn(process.execPath, [bin, ...args], { env: cliEnv(home, extra), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  return new Promise((resolveStart, reject) => {
    const timer = setTimeout(() => reject(new Error(`persona ${args.join(' ')} did not become ready: ${err}`)), 120_000);
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
      const match = err.match(ready);
      if (match) {
        clearTimeout(timer);
        resolveStart({ child, stderr: () => err, match });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`persona ${args.join(' ')} exited with ${code} before it was ready: ${err}`));
    });
  });
}

export function waitForExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((done) => child.once('exit', (code) => done(code)));
}
