/**
 * What "how good are these personas?" answers with: the newest stored evaluation per suite of a run,
 * or, when the run was never evaluated, the offline coherence scores computed now (without the
 * second-seed run and the judge, which take minutes) and stored with the run.
 */
import type { Db } from '../db/client.ts';
import { latestEvalResultsOfRun, saveEvalResult } from '../db/queries/evals.ts';
import type { EvalResultRow } from '../db/schema.ts';
import { loadRunSnapshot } from './coherence/load-snapshot.ts';
import { scoreRun } from './coherence/score-run.ts';
import { checkThresholds, loadThresholds } from './thresholds.ts';
import type { SuiteResult } from './types.ts';

export async function runEvaluation(db: Db, runId: number, options: { computeIfMissing?: boolean } = {}): Promise<{ results: EvalResultRow[]; computedNow: boolean }> {
  const stored = await latestEvalResultsOfRun(db, runId);
  if (stored.length || !options.computeIfMissing) return { results: stored, computedNow: false };
  const started = performance.now();
  const scope = `run ${runId}`;
  const scored = scoreRun(await loadRunSnapshot(db, runId), scope);
  const skipped = [
    { check: 'stability under another seed', reason: 'computed on request: run `persona eval --run ' + runId + '` for the full suite' },
    { check: 'judge model', reason: 'computed on request: run `persona eval --run ' + runId + '` with an endpoint configured' },
  ];
  const result: SuiteResult = { suite: 'coherence', scores: scored.scores, failures: scored.failures, skipped, ms: Math.round(performance.now() - started) };
  const checks = checkThresholds(result, loadThresholds());
  const row = await saveEvalResult(db, { runId, suite: result.suite, scores: result.scores, failures: result.failures, skipped, checks, passed: checks.every((c) => c.passed), ms: result.ms });
  return { results: [row], computedNow: true };
}

/** One readable line per stored suite result. */
export function evaluationLine(row: Pick<EvalResultRow, 'suite' | 'scores' | 'passed'>, metrics?: readonly string[]): string {
  const scores = (row.scores as { metric: string; value: number }[]).filter((s) => !metrics || metrics.includes(s.metric));
  return `${row.suite} (${row.passed ? 'thresholds met' : 'thresholds missed'}): ${scores.map((s) => `${s.metric} ${Number.isInteger(s.value) ? s.value : s.value.toFixed(3)}`).join(' · ')}`;
}
