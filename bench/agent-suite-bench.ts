/**
 * The offline agent over the whole agent question suite on a warm service: every dataset present is
 * imported and segmented once, the suite is asked once to warm caches (encoder, catalogues, run
 * tables), then asked again and every turn timed. Re-segmentation turns are reported apart, since they
 * run a segmentation. BENCH_AGENT_DATASETS=generated,sample limits the datasets.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDataset, unavailable, type PreparedDataset } from '../evals/agent/datasets.ts';
import { agentCases } from '../evals/agent/index.ts';
import { quantile, runCases } from '../evals/agent/runner.ts';
import type { AgentDataset } from '../evals/agent/types.ts';
import { createResidentEmbedder } from '../pipeline/embed/resident-embedder.ts';
import type { Embedder } from '../pipeline/types.ts';

export async function runAgentSuiteBench(env: NodeJS.ProcessEnv = process.env): Promise<Record<string, unknown>> {
  const wanted = env.BENCH_AGENT_DATASETS?.split(',').map((s) => s.trim()) as AgentDataset[] | undefined;
  const datasets = [...new Set(agentCases.map((c) => c.dataset))].filter((d) => (!wanted || wanted.includes(d)) && !unavailable(d));
  const workDir = mkdtempSync(join(tmpdir(), 'persona-agent-bench-'));
  const resident = createResidentEmbedder();
  // Counts what each question costs in sentence-encoder round trips (the worker thread), warm.
  const counts = { calls: 0, texts: 0, ms: 0 };
  const encoder: Embedder = {
    model: resident.model,
    options: resident.options,
    async embed(texts: readonly string[]) {
      const started = performance.now();
      try {
        return await resident.embed(texts);
      } finally {
        counts.calls++;
        counts.texts += texts.length;
        counts.ms += performance.now() - started;
      }
    },
  };
  const prepared: Partial<Record<AgentDataset, PreparedDataset>> = {};
  try {
    for (const d of datasets) prepared[d] = await prepareDataset(d, workDir);
    const cases = agentCases.filter((c) => datasets.includes(c.dataset));
    await runCases(cases, { workDir, encoder, prepared });
    Object.assign(counts, { calls: 0, texts: 0, ms: 0 });
    const loadBefore = loadavg()[0] ?? 0;
    const measured = await runCases(cases, { workDir, encoder, prepared });
    const loadAfter = loadavg()[0] ?? 0;
    const heavy = new Set(['resegment', 'run_compare']);
    const all = measured.outcomes.flatMap((o) => o.ms).sort((a, b) => a - b);
    const light = measured.outcomes.filter((o) => !heavy.has(o.category)).flatMap((o) => o.ms).sort((a, b) => a - b);
    const figures = (xs: number[]) => ({ questions: xs.length, p50Ms: xs.length ? quantile(xs, 0.5) : null, p95Ms: xs.length ? quantile(xs, 0.95) : null });
    const turns = all.length || 1;
    return {
      datasets,
      cases: cases.length,
      allTurns: figures(all),
      withoutResegmentation: figures(light),
      passed: measured.outcomes.filter((o) => o.passed).length,
      encoderPerQuestion: { calls: Math.round((counts.calls / turns) * 100) / 100, texts: Math.round((counts.texts / turns) * 100) / 100, ms: Math.round((counts.ms / turns) * 10) / 10 },
      // Timings on a shared machine mean little without the load they were taken under.
      loadAverage1m: { before: Math.round(loadBefore * 100) / 100, after: Math.round(loadAfter * 100) / 100 },
    };
  } finally {
    for (const p of Object.values(prepared)) await p?.handle.close();
    await resident.close();
    rmSync(workDir, { recursive: true, force: true });
  }
}
