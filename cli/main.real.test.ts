/**
 * The README's first command as a newcomer runs it: `persona demo` in an empty PERSONA_HOME, a real
 * process that writes, imports and segments the bundled sample from scratch (embedding every text).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const bin = resolve(import.meta.dirname, '../bin/persona.mjs');
let home: string;

beforeAll(() => {
  home = mkdtempSync(join(tmpdir(), 'persona-cli-fresh-'));
});
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe('persona demo in an empty home', () => {
  it('imports the three sample files, segments them and recovers the planted segments', () => {
    const env = { ...process.env, PERSONA_HOME: home, DATABASE_URL: '', OPENAI_BASE_URL: '', OPENAI_API_KEY: '' };
    const child = spawnSync(process.execPath, [bin, 'demo', '--json'], { encoding: 'utf8', env });
    expect(child.status, child.stderr).toBe(0);
    for (const kind of ['customers', 'transactions', 'texts']) expect(child.stderr).toMatch(new RegExp(`sample ${kind}: imported \\d+ rows`));
    const run = JSON.parse(child.stdout);
    expect(run).toMatchObject({ status: 'succeeded', seed: 42, customers: 360 });
    expect(run.metrics.coverage).toBe(1);
    expect(run.metrics.ari).toBeGreaterThanOrEqual(0.8);
    expect(typeof run.runId).toBe('number');
    expect(typeof run.algorithm).toBe('string');
    // The documented segment document.
    for (const s of run.segments) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['id', 'size', 'share', 'label', 'topFeatures', 'topTerms']));
    }
    expect(Object.keys(run.metrics)).toEqual(
      expect.arrayContaining(['silhouette', 'calinskiHarabasz', 'daviesBouldin', 'noiseRate', 'coverage', 'stability']),
    );
    for (const s of run.stages) {
      // A stage may add plain-language notes (for example why value used a proxy); nothing else.
      expect(Object.keys(s).filter((k) => k !== 'notes')).toEqual(['stage', 'ms', 'rowsIn', 'rowsOut']);
      if ('notes' in s) expect(s.notes.length > 0 && s.notes.every((n: unknown) => typeof n === 'string' && n.length > 0)).toBe(true);
    }
    const runs = spawnSync(process.execPath, [bin, 'runs', '--json'], { encoding: 'utf8', env });
    expect(JSON.parse(runs.stdout)[0]).toMatchObject({ runId: run.runId, status: 'succeeded', isDefault: true });
  });
});
