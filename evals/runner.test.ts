import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../db/client.ts';
import { personaInProcess } from '../test/cli-in-process.ts';
import { cloneEmptyHome, openEmptyDatabase } from '../test/empty-database.ts';
import { evalResultsOfRun, latestEvalResultsOfRun } from '../db/queries/evals.ts';
import { completeRun, createRun } from '../db/queries/runs.ts';
import { loadSuite } from './registry.ts';
import { exitCodeFor, runEvals } from './runner.ts';
import { checkThresholds, loadThresholds, type Threshold } from './thresholds.ts';
import type { EvalContext, EvalSuite } from './types.ts';

const workDir = mkdtempSync(join(tmpdir(), 'persona-eval-test-'));
afterAll(() => rmSync(workDir, { recursive: true, force: true }));
const context: EvalContext = { workDir, scope: 'gate', log: () => undefined };

const fixedSuite = (name: string, value: number): EvalSuite => ({
  name,
  description: 'a suite with one fixed score',
  run: async () => ({ suite: name, scores: [{ metric: 'grounding', value, scope: 'data' }], failures: [], skipped: [], ms: 1 }),
});
const thresholds: Threshold[] = [{ suite: 'fixed', metric: 'grounding', scope: '*', min: 1 }];

describe('thresholds', () => {
  it('checks min and max bounds, and a named scope that was not measured fails', () => {
    const result = { suite: 's', scores: [{ metric: 'a', value: 0.9, scope: 'x' }, { metric: 'b', value: 0.2, scope: 'x' }], failures: [], skipped: [], ms: 0 };
    const checks = checkThresholds(result, [
      { suite: 's', metric: 'a', scope: '*', min: 0.95 },
      { suite: 's', metric: 'b', scope: 'x', max: 0.3 },
      { suite: 's', metric: 'c', scope: 'x', min: 0 },
      { suite: 's', metric: 'c', scope: '*', min: 0 },
    ]);
    expect(checks.map((c) => [c.metric, c.value, c.passed])).toEqual([['a', 0.9, false], ['b', 0.2, true], ['c', null, false]]);
    // A scope this evaluation did not cover at all (another dataset) is not checked.
    expect(checkThresholds(result, [{ suite: 's', metric: 'a', scope: 'elsewhere', min: 1 }])).toEqual([]);
    const failedThere = { ...result, failures: [{ scope: 'elsewhere', case: 'segmentation', reason: 'failed' }] };
    expect(checkThresholds(failedThere, [{ suite: 's', metric: 'a', scope: 'elsewhere', min: 1 }])[0]).toMatchObject({ value: null, passed: false });
  });
  it('the checked-in file is valid', () => {
    expect(loadThresholds().length).toBeGreaterThan(5);
  });
});

describe('runEvals', () => {
  it('passes when every threshold is met and fails (exit code 1) when one is missed', async () => {
    const ok = await runEvals({ context, thresholds, registry: [fixedSuite('fixed', 1)] });
    expect(ok.passed).toBe(true);
    expect(exitCodeFor(ok)).toBe(0);
    const missed = await runEvals({ context, thresholds, registry: [fixedSuite('fixed', 0.9)], outDir: join(workDir, 'out') });
    expect(missed.passed).toBe(false);
    expect(exitCodeFor(missed)).toBe(1);
    expect(readFileSync(join(workDir, 'out', 'report.md'), 'utf8')).toContain('| fixed | grounding | data | 0.900 | ≥ 1 | **FAIL** |');
    expect(JSON.parse(readFileSync(join(workDir, 'out', 'report.json'), 'utf8')).passed).toBe(false);
  });
  it('a crashing suite fails the run; an unknown suite name is an error', async () => {
    const crash: EvalSuite = { name: 'crash', description: '', run: async () => Promise.reject(new Error('boom')) };
    const r = await runEvals({ context, thresholds: [], registry: [crash] });
    expect(r.passed).toBe(false);
    expect(r.suites[0]?.failures[0]?.reason).toBe('crashed: boom');
    await expect(runEvals({ context, thresholds: [], registry: [crash], suites: ['nope'] })).rejects.toThrow(/unknown suite nope/);
  });
  it('reports a suite missing from the checkout as not available, without failing', async () => {
    const loaded = await loadSuite({ name: 'ghost', module: './ghost/index.ts', gate: true });
    expect(loaded).toEqual({ unavailable: 'not available: evals/ghost/index.ts is not in this checkout' });
    const r = await runEvals({ context, thresholds: [], registry: [{ name: 'ghost', module: './ghost/index.ts', gate: true }] });
    expect(r.unavailable).toEqual([{ suite: 'ghost', reason: 'not available: evals/ghost/index.ts is not in this checkout' }]);
    expect(r.passed).toBe(true);
  });
  it('stores the results with the evaluated run', async () => {
    const handle = await openEmptyDatabase();
    try {
      const run = await createRun(handle.db, { status: 'running', datasetIds: [], params: {}, seed: 1 });
      await completeRun(handle.db, run.id, { algorithm: 'kmeans', customers: 0, metrics: {}, stages: [], features: [] }, [], []);
      await runEvals({ context: { ...context, runId: run.id, database: handle.db }, thresholds, registry: [fixedSuite('fixed', 0.5)] });
      await runEvals({ context: { ...context, runId: run.id, database: handle.db }, thresholds, registry: [fixedSuite('fixed', 1)] });
      expect((await evalResultsOfRun(handle.db, run.id)).map((r) => r.passed)).toEqual([false, true]);
      const latest = await latestEvalResultsOfRun(handle.db, run.id);
      expect(latest).toHaveLength(1);
      expect(latest[0]?.scores).toEqual([{ metric: 'grounding', value: 1, scope: 'data' }]);
    } finally {
      await handle.close();
    }
  });
});

describe('persona eval', () => {
  it('exits 1 when a threshold is missed and 0 when all are met, storing the scores with the run', async () => {
    const { home, remove } = await cloneEmptyHome('persona-eval-home');
    try {
      const handle = await openDatabase({ dataDir: join(home, 'db') });
      const run = await createRun(handle.db, { status: 'running', datasetIds: [], params: {}, seed: 1 });
      await completeRun(handle.db, run.id, { algorithm: 'kmeans', customers: 0, metrics: {}, stages: [], features: [] }, [], []);
      await handle.close();
      const met = join(workDir, 'met.json');
      const missed = join(workDir, 'missed.json');
      writeFileSync(met, JSON.stringify({ thresholds: [{ suite: 'coherence', metric: 'segments', scope: `run ${run.id}`, max: 0 }] }));
      writeFileSync(missed, JSON.stringify({ thresholds: [{ suite: 'coherence', metric: 'segments', scope: `run ${run.id}`, min: 1 }] }));
      const out = join(workDir, 'cli-out');
      const passed = await personaInProcess(home, 'eval', '--run', String(run.id), '--thresholds', met, '--out', out);
      expect(passed.code, passed.stderr).toBe(0);
      expect(passed.stdout).toContain('Gate: **passed**');
      const failed = await personaInProcess(home, 'eval', '--run', String(run.id), '--thresholds', missed, '--out', out);
      expect(failed.code).toBe(1);
      expect(failed.stdout).toContain('Gate: **FAILED**');
      expect(readFileSync(join(out, 'report.md'), 'utf8')).toContain('**FAIL**');
      const reopened = await openDatabase({ dataDir: join(home, 'db') });
      expect((await evalResultsOfRun(reopened.db, run.id)).map((r) => [r.suite, r.passed])).toEqual([['coherence', true], ['coherence', false]]);
      await reopened.close();
      const unknown = await personaInProcess(home, 'eval', 'nope');
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('unknown suite nope');
    } finally {
      remove();
    }
  }, 300_000);
});
