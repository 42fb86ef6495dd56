/** "How good are these personas?": the run's evaluation scores, computed on request when missing. */
import { z } from 'zod';
import { runEvaluation } from '../evals/stored.ts';
import { defineTool } from './define.ts';
import { resolveRun } from './resolve.ts';

const headline = ['grounding', 'claim_precision', 'identifiability', 'distinctiveness.max_similarity', 'evidence_relevance', 'stability.bootstrap_jaccard', 'stability.same_names', 'terms.npmi'];

export const evaluatePersonas = defineTool({
  name: 'evaluate_personas',
  description:
    'How good are these personas? Scores of a run: grounding (quotes verbatim, numbers match the data), claim precision, identifiability, distinctiveness, evidence relevance, stability, term coherence, and whether the thresholds are met.',
  schema: z
    .object({
      runId: z.number().int().positive().optional().describe('Run id; omit for the run in focus, else the newest successful run'),
    })
    .strict(),
  async run(ctx, args) {
    const run = await resolveRun(ctx.db, ctx.focus, args.runId);
    const { results, computedNow } = await runEvaluation(ctx.db, run.id, { computeIfMissing: true });
    return {
      ok: true,
      data: {
        runId: run.id,
        computedNow,
        suites: results.map((r) => ({
          suite: r.suite,
          thresholdsMet: r.passed,
          scores: (r.scores as { metric: string; value: number; scope?: string }[]).filter((s) => headline.includes(s.metric) || r.suite !== 'coherence'),
          failedChecks: (r.checks as { metric: string; value: number | null; passed: boolean }[]).filter((c) => !c.passed),
          problems: (r.failures as { case: string; reason: string }[]).slice(0, 5),
          evaluatedAt: r.createdAt,
        })),
      },
      focus: { ...ctx.focus, runId: run.id },
    };
  },
});
