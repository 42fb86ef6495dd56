/**
 * The clustering suite: generated scenarios of graded difficulty, each segmented by the product with
 * each algorithm; ARI and NMI of the delivered segments against the planted ones, whether the right
 * number of segments was found, and whether the product admits there is nothing to find when the data
 * has no structure. Scores per difficulty are the worst scenario of that difficulty.
 */
import { join } from 'node:path';
import { errorMessage } from '../../lib/errors.ts';
import type { AlgorithmChoice } from '../../pipeline/segment/options.ts';
import type { EvalContext, EvalFailure, EvalScore, EvalSuite, SuiteResult } from '../types.ts';
import { runScenario, type ScenarioOutcome } from './run-scenario.ts';
import { generateScenario, scenarios, type Difficulty } from './scenarios.ts';

export const clusteringDefaults = {
  seed: 20261203,
  gateAlgorithms: ['auto'] as readonly AlgorithmChoice[],
  fullAlgorithms: ['auto', 'kmeans', 'hdbscan', 'agglomerative'] as readonly AlgorithmChoice[],
} as const;

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;

/** Scores from scenario outcomes (pure: tested on hand-made outcomes). */
export function clusteringScores(outcomes: readonly ScenarioOutcome[], difficultyOf: (scenario: string) => Difficulty): { scores: EvalScore[]; failures: EvalFailure[] } {
  const scores: EvalScore[] = [];
  const failures: EvalFailure[] = [];
  for (const o of outcomes) {
    const scope = `${o.scenario}/${o.algorithm}`;
    if (!o.ok) {
      failures.push({ scope, case: 'segmentation', reason: o.error ?? 'failed' });
      continue;
    }
    scores.push({ metric: 'ari', value: round4(o.ari), scope }, { metric: 'nmi', value: round4(o.nmi), scope }, { metric: 'segments_found', value: o.segmentsFound, scope });
    if (difficultyOf(o.scenario) !== 'none') scores.push({ metric: 'right_count', value: o.segmentsFound === o.segmentsPlanted ? 1 : 0, scope });
    // The run's own verdict per scenario, so a false alarm (or a missed no-structure) can be found.
    scores.push({ metric: 'confident', value: o.confident ? 1 : 0, scope });
  }
  const algorithms = [...new Set(outcomes.map((o) => o.algorithm))];
  for (const algorithm of algorithms) {
    const mine = outcomes.filter((o) => o.algorithm === algorithm);
    for (const difficulty of ['easy', 'medium', 'hard'] as const) {
      const of = mine.filter((o) => difficultyOf(o.scenario) === difficulty);
      if (of.length) scores.push({ metric: `ari.${difficulty}`, value: round4(Math.min(...of.map((o) => (o.ok ? o.ari : 0)))), scope: algorithm });
    }
    // A structured scenario the run called unreliable: the verdict's false alarms (reported, not gated).
    const structured = mine.filter((o) => o.ok && (difficultyOf(o.scenario) === 'easy' || difficultyOf(o.scenario) === 'medium'));
    if (structured.length) scores.push({ metric: 'verdict.false_alarms', value: structured.filter((o) => !o.confident).length, scope: algorithm, better: 'lower' });
    const counted = mine.filter((o) => difficultyOf(o.scenario) !== 'none');
    if (counted.length) scores.push({ metric: 'right_count.share', value: round4(counted.filter((o) => o.ok && o.segmentsFound === o.segmentsPlanted).length / counted.length), scope: algorithm });
    for (const o of mine.filter((x) => difficultyOf(x.scenario) === 'none')) {
      const confident = o.ok && o.confident ? o.segmentsFound : 0;
      scores.push({ metric: 'no_structure.confident_personas', value: confident, scope: algorithm, better: 'lower' });
      if (confident > 0) failures.push({ scope: `${o.scenario}/${algorithm}`, case: 'no structure', reason: `presented ${confident} segments as reliable where the data has none` });
    }
  }
  return { scores, failures };
}

export const clusteringSuite: EvalSuite = {
  name: 'clustering',
  description: 'generated scenarios of graded difficulty: ARI/NMI per scenario and algorithm, right number of segments, no-structure verdict',
  async run(context: EvalContext): Promise<SuiteResult> {
    const started = performance.now();
    const algorithms = context.scope === 'gate' ? clusteringDefaults.gateAlgorithms : clusteringDefaults.fullAlgorithms;
    const outcomes: ScenarioOutcome[] = [];
    const failures: EvalFailure[] = [];
    for (const spec of scenarios) {
      context.log(`clustering: ${spec.name} (${spec.difficulty}) with ${algorithms.join(', ')}`);
      try {
        const generated = generateScenario(spec, clusteringDefaults.seed);
        outcomes.push(...(await runScenario(generated, algorithms, join(context.workDir, `clustering-${spec.name}`), 42)));
      } catch (err) {
        failures.push({ scope: spec.name, case: 'scenario', reason: errorMessage(err) });
      }
    }
    const difficulty = new Map(scenarios.map((s) => [s.name, s.difficulty]));
    const scored = clusteringScores(outcomes, (name) => difficulty.get(name) ?? 'hard');
    return { suite: 'clustering', scores: scored.scores, failures: [...failures, ...scored.failures], skipped: [], ms: Math.round(performance.now() - started) };
  },
};

export default clusteringSuite;
