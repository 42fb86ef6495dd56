/**
 * The coherence suite: are a run's personas grounded, precise, identifiable, distinct, relevant, stable
 * and well-termed? With `--run` it scores that stored run; otherwise it segments each dataset in scope
 * into a scratch database and scores that run. A judge model adds Persona Perception Scale scores when
 * an endpoint is configured, and is reported as skipped otherwise.
 */
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { openDatabase, type Db } from '../../db/client.ts';
import { errorMessage } from '../../lib/errors.ts';
import { runSegmentation } from '../../services/segment/run-segmentation.ts';
import { datasetsInScope, importSource } from '../datasets.ts';
import type { EvalContext, EvalFailure, EvalScore, EvalSuite, SuiteResult } from '../types.ts';
import { agreementUnderAnotherSeed } from './another-seed.ts';
import { judgeCard, judgementScores, type Judgement } from './judge.ts';
import { loadRunSnapshot } from './load-snapshot.ts';
import { scoreRun } from './score-run.ts';

type Skipped = { check: string; reason: string };

export async function scoreStoredRun(db: Db, runId: number, scope: string, context: EvalContext): Promise<{ scores: EvalScore[]; failures: EvalFailure[]; skipped: Skipped[] }> {
  const snapshot = await loadRunSnapshot(db, runId);
  const result = scoreRun(snapshot, scope);
  const scores = [...result.scores];
  const failures = [...result.failures];
  const skipped: Skipped[] = [];
  try {
    const agreement = await agreementUnderAnotherSeed(db, runId);
    scores.push({ metric: 'stability.seed_jaccard', value: round4(agreement.meanJaccard ?? 0), scope });
    scores.push({ metric: 'stability.same_names', value: round4(agreement.sameNameShare ?? 0), scope });
    context.log(`${scope}: seeds ${agreement.seeds.join(' vs ')}: mean best-match Jaccard ${agreement.meanJaccard?.toFixed(3)}`);
  } catch (err) {
    skipped.push({ check: `stability under another seed (${scope})`, reason: errorMessage(err) });
  }
  if (!context.judge) {
    skipped.push({ check: `judge model (${scope})`, reason: 'no OpenAI-compatible endpoint configured (set OPENAI_BASE_URL or OPENAI_API_KEY)' });
  } else {
    const judgements: Judgement[] = [];
    for (const segment of snapshot.segments) {
      if (!segment.card) continue;
      const judged = await judgeCard(segment.card, segment, context.judge);
      if ('judgement' in judged) judgements.push(judged.judgement);
      else failures.push({ scope, case: `segment ${segment.index}: judge`, reason: judged.error });
    }
    for (const [dimension, value] of judgementScores(judgements)) scores.push({ metric: `judge.${dimension}`, value: round4(value), scope });
  }
  return { scores, failures, skipped };
}

export const coherenceSuite: EvalSuite = {
  name: 'coherence',
  description: 'persona cards: grounding, claim precision, identifiability, distinctiveness, evidence relevance, stability, term quality, judge',
  async run(context: EvalContext): Promise<SuiteResult> {
    const started = performance.now();
    const scores: EvalScore[] = [];
    const failures: EvalFailure[] = [];
    const skipped: Skipped[] = [];
    if (context.runId !== undefined) {
      if (!context.database) throw new Error('coherence: --run needs the operator database');
      const r = await scoreStoredRun(context.database, context.runId, `run ${context.runId}`, context);
      return { suite: 'coherence', scores: r.scores, failures: r.failures, skipped: r.skipped, ms: Math.round(performance.now() - started) };
    }
    const { available, missing } = datasetsInScope(context.scope, context.dataDir, context.datasets);
    for (const name of missing) skipped.push({ check: `dataset ${name}`, reason: `not available (data folder: ${context.dataDir ?? 'none'})` });
    for (const source of available) {
      const dir = join(context.workDir, `coherence-${source.name}`);
      mkdirSync(dir, { recursive: true });
      const handle = await openDatabase({ dataDir: join(dir, 'db') });
      try {
        context.log(`coherence: segmenting ${source.name}`);
        const imported = await importSource(handle.db, source, context.scope, context.dataDir, dir);
        const run = await runSegmentation(handle.db, { datasetIds: imported.datasetIds, ...(imported.labelsColumn ? { labelsColumn: imported.labelsColumn } : {}) });
        if (run.status !== 'succeeded') {
          failures.push({ scope: source.name, case: 'segmentation', reason: run.error });
          continue;
        }
        const r = await scoreStoredRun(handle.db, run.runId, source.name, context);
        scores.push(...r.scores);
        failures.push(...r.failures);
        skipped.push(...r.skipped);
      } catch (err) {
        failures.push({ scope: source.name, case: 'evaluation', reason: errorMessage(err) });
      } finally {
        await handle.close();
      }
    }
    return { suite: 'coherence', scores, failures, skipped, ms: Math.round(performance.now() - started) };
  },
};

export default coherenceSuite;

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
