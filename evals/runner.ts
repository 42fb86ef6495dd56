/**
 * One runner for every suite: loads the suites asked for (all by default), runs them one after another,
 * checks their scores against the checked-in thresholds, writes report.json and report.md, stores the
 * results with the run when a stored run was evaluated, and says whether the gate passed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { saveEvalResult } from '../db/queries/evals.ts';
import { errorMessage, PersonaError } from '../lib/errors.ts';
import { loadSuite, suiteEntries, type SuiteEntry } from './registry.ts';
import { renderMarkdown, type EvalReport } from './report.ts';
import { checkThresholds, loadThresholds, type Threshold } from './thresholds.ts';
import type { EvalContext, EvalSuite, SuiteResult } from './types.ts';

export interface RunEvalsOptions {
  /** Suite names; empty = every registered suite (the gate suites in the gate scope). */
  readonly suites?: readonly string[];
  readonly context: EvalContext;
  /** Defaults to evals/thresholds.json. */
  readonly thresholds?: readonly Threshold[];
  /** Suites given directly instead of the registry (tests, embedding). */
  readonly registry?: readonly (SuiteEntry | EvalSuite)[];
  /** Folder for report.json and report.md. */
  readonly outDir?: string;
}

export async function runEvals(options: RunEvalsOptions): Promise<EvalReport> {
  const { context } = options;
  const registry = options.registry ?? suiteEntries;
  const names = registry.map((r) => r.name);
  const unknown = (options.suites ?? []).filter((s) => !names.includes(s));
  if (unknown.length) throw new PersonaError('bad_option', `unknown suite ${unknown.join(', ')}; known: ${names.join(', ')}`);
  const chosen = options.suites?.length
    ? registry.filter((r) => options.suites?.includes(r.name))
    : registry.filter((r) => context.scope !== 'gate' || !('gate' in r) || (r as SuiteEntry).gate);
  const thresholds = options.thresholds ?? loadThresholds();

  const suites: SuiteResult[] = [];
  const unavailable: { suite: string; reason: string }[] = [];
  let crashed = false;
  for (const entry of chosen) {
    const loaded = 'module' in entry ? await loadSuite(entry as SuiteEntry) : { suite: entry as EvalSuite };
    if ('unavailable' in loaded) {
      context.log(`${entry.name}: ${loaded.unavailable}`);
      unavailable.push({ suite: entry.name, reason: loaded.unavailable });
      continue;
    }
    context.log(`${entry.name}: running (${context.scope})`);
    const started = performance.now();
    try {
      suites.push(await loaded.suite.run(context));
    } catch (err) {
      crashed = true;
      suites.push({ suite: entry.name, scores: [], failures: [{ case: 'suite', reason: `crashed: ${errorMessage(err)}` }], skipped: [], ms: Math.round(performance.now() - started) });
    }
  }
  const checks = suites.flatMap((s) => checkThresholds(s, thresholds));
  const report: EvalReport = {
    scope: context.scope,
    runId: context.runId ?? null,
    suites,
    unavailable,
    checks,
    passed: !crashed && checks.every((c) => c.passed),
  };
  if (context.runId !== undefined && context.database) {
    for (const s of suites) {
      const own = checks.filter((c) => c.suite === s.suite);
      await saveEvalResult(context.database, {
        runId: context.runId,
        suite: s.suite,
        scores: s.scores,
        failures: s.failures,
        skipped: s.skipped,
        checks: own,
        passed: own.every((c) => c.passed) && !s.failures.some((f) => f.case === 'suite'),
        ms: s.ms,
      });
    }
  }
  if (options.outDir) writeReport(options.outDir, report);
  return report;
}

export function writeReport(dir: string, report: EvalReport): { json: string; markdown: string } {
  mkdirSync(dir, { recursive: true });
  const json = join(dir, 'report.json');
  const markdown = join(dir, 'report.md');
  writeFileSync(json, `${JSON.stringify(report, null, 2)}\n`);
  writeFileSync(markdown, renderMarkdown(report));
  return { json, markdown };
}

/** The process exit code for a report: 0 passed, 1 a threshold was missed or a suite crashed. */
export function exitCodeFor(report: EvalReport): number {
  return report.passed ? 0 : 1;
}
