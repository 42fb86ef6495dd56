/**
 * The agent suite: realistic questions over several datasets, each checked by machine. `gate` scope runs
 * the generated member table only (fast, no shared data); `full` runs every dataset that is present.
 */
import { createResidentEmbedder } from '../../pipeline/embed/resident-embedder.ts';
import type { EvalContext, EvalSuite, SuiteResult } from '../types.ts';
import { heldoutCases } from './cases-heldout.ts';
import { tuningCases } from './cases-tuning.ts';
import { runCases, scoreOutcomes, type CasesResult, type RunCasesOptions } from './runner.ts';
import type { AgentCase, AgentDataset } from './types.ts';

export type SplitCase = AgentCase & { readonly split: 'tuning' | 'heldout' };

export const agentCases: readonly SplitCase[] = [
  ...heldoutCases.map((c) => ({ ...c, split: 'heldout' as const })),
  ...tuningCases.map((c) => ({ ...c, split: 'tuning' as const })),
];

/** The cases of a scope, optionally only some datasets, splits or ids. */
export function selectCases(filter: { scope?: 'gate' | 'full'; datasets?: readonly AgentDataset[]; split?: 'tuning' | 'heldout'; ids?: readonly string[] } = {}): SplitCase[] {
  return agentCases.filter(
    (c) =>
      (filter.scope !== 'gate' || c.dataset === 'generated') &&
      (!filter.datasets || filter.datasets.includes(c.dataset)) &&
      (!filter.split || c.split === filter.split) &&
      (!filter.ids || filter.ids.includes(c.id)),
  );
}

/** Standalone entry: run the chosen cases and score them (used by tests, the bench and the suite). */
export async function runAgentEval(cases: readonly SplitCase[], options: Omit<RunCasesOptions, 'encoder'> & { encoder?: RunCasesOptions['encoder'] }): Promise<CasesResult & ReturnType<typeof scoreOutcomes>> {
  const own = options.encoder ? null : createResidentEmbedder();
  try {
    const result = await runCases(cases, { ...options, ...(own ? { encoder: own } : {}) });
    return { ...result, ...scoreOutcomes(result.outcomes) };
  } finally {
    await own?.close();
  }
}

export const agentSuite: EvalSuite = {
  name: 'agent',
  description: 'Questions marketers ask, over several datasets: tools, arguments, segments meant, numbers and wording checked; pass rates per category on a tuning and a held-out half.',
  async run(context: EvalContext): Promise<SuiteResult> {
    const started = Date.now();
    const result = await runAgentEval(selectCases({ scope: context.scope }), { workDir: context.workDir, log: context.log });
    return { suite: 'agent', scores: result.scores, failures: result.failures, skipped: result.skipped, ms: Date.now() - started };
  },
};

export default agentSuite;
