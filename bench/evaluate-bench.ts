/**
 * Stage times of one segmentation of generated customers (the bundled sample generator: a customer
 * table plus transactions), without the database: features → … → personas, as the worker runs them.
 * Shows what each stage costs, the evaluate stage (bootstrap stability) above all.
 *
 *   node bin/run-ts.mjs bench/evaluate-bench.ts [customers=20000]      prints the JSON
 */
import { computeSegmentation } from '../pipeline/segment/compute.ts';
import { resolveSegmentOptions } from '../pipeline/segment/options.ts';
import { entryArgs } from './entry.ts';
import { generatedFeatureInputs } from './sample-fit-bench.ts';

export async function measureStageTimes(customers = 20_000, seed = 42): Promise<Record<string, unknown>> {
  const { inputs } = generatedFeatureInputs(customers, seed);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const result = await computeSegmentation({ options: resolveSegmentOptions({ seed }), features: inputs });
  const cpu = process.cpuUsage(cpu0);
  const seconds = (performance.now() - t0) / 1000;
  const total = result.stages.reduce((s, st) => s + st.ms, 0);
  return {
    customers,
    transactions: inputs.transactions?.length ?? 0,
    algorithm: result.algorithm,
    segments: result.segments.length,
    stability: result.metrics.stability.mean,
    wallSeconds: Math.round(seconds * 10) / 10,
    // Main-thread CPU only: worker threads' CPU shows in the process total (/usr/bin/time), not here.
    cpuSeconds: Math.round((cpu.user + cpu.system) / 1e5) / 10,
    stages: result.stages.map((s) => ({ stage: s.stage, seconds: Math.round(s.ms / 100) / 10, share: Math.round((s.ms / total) * 1000) / 1000 })),
  };
}

const args = entryArgs(import.meta.url);
if (args) {
  const n = Number(args[0] || 20_000);
  process.stdout.write(`${JSON.stringify(await measureStageTimes(n), null, 2)}\n`);
}
