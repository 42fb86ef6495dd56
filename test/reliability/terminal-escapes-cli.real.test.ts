/**
 * Real tier (each process start takes ~20 s on a busy machine). Customer text never drives the terminal. Escape sequences (colours, screen clears, OSC-8 hyperlinks,
 * window titles), BEL, carriage returns, C1 controls and bidi overrides planted in stored segments and
 * answers are shown as visible symbols in the human output of `persona show` and `persona ask` (real
 * processes on a real home) and of the `persona chat` REPL; `--json` keeps the text as it is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { embeddedDataDir, openDatabase } from '../../db/client.ts';
import { completeRun, createRun } from '../../db/queries/runs.ts';
import { acting, payloads } from '../../evals/reliability/terminal-payloads.ts';

const bin = resolve(import.meta.dirname, '../../bin/persona.mjs');

let home: string;

function persona(...args: string[]) {
  const env = { ...process.env, PERSONA_HOME: home, DATABASE_URL: '', OPENAI_BASE_URL: '', OPENAI_API_KEY: '' };
  const child = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', env, timeout: 900_000 });
  return { code: child.status, stdout: child.stdout, stderr: child.stderr };
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'persona-tty-'));
  const handle = await openDatabase({ dataDir: embeddedDataDir(home) });
  try {
    const run = await createRun(handle.db, { status: 'running', datasetIds: [], params: {}, seed: 1 });
    await completeRun(
      handle.db,
      run.id,
      { algorithm: 'kmeans', customers: 4, metrics: {}, stages: [], features: [] },
      payloads.slice(0, 4).map((p, i) => ({
        segmentIndex: i, size: 1, share: 0.25, label: p, topFeatures: [], topTerms: [], stability: 1, profile: {},
        description: { reasons: [payloads[(i + 4) % payloads.length], payloads[(i + 8) % payloads.length]], activity: { peakHour: null, peakWeekday: null } },
      })),
      payloads.slice(0, 4).map((_, i) => ({ customerExternalId: `c${i}`, segmentIndex: i, probability: 1, wasNoise: false, x: 0, y: 0 })),
    );
  } finally {
    await handle.close();
  }
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('terminal escapes in customer text', () => {
  it('persona show prints them visibly; --json keeps them', () => {
    const shown = persona('show');
    expect(shown.code, shown.stderr).toBe(0);
    for (const tag of ['Tq0', 'Tq1', 'Tq2', 'Tq3', 'Tq4', 'Tq5', 'Tq6', 'Tq7', 'Tq8', 'Tq9', 'Tq10', 'Tq11']) expect(shown.stdout).toContain(tag);
    expect(shown.stdout).not.toMatch(acting);
    expect(shown.stdout).toContain('\u241b]8;;https://evil.example\u2407click me');
    expect(shown.stdout).toContain('invoice<U+202E>gnp.exe');
    const json = JSON.parse(persona('show', '--json').stdout) as { segments: { label: string }[] };
    expect(json.segments.map((s) => s.label)).toEqual(payloads.slice(0, 4));
  });

  it('persona ask prints an answer quoting them visibly', () => {
    const asked = persona('ask', 'list the segments');
    expect(asked.code, asked.stderr).toBe(0);
    expect(asked.stdout).toContain('Tq0');
    expect(asked.stdout).not.toMatch(acting);
  });
});
