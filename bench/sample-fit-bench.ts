/**
 * Sample, fit, transform against a full fit on generated customers (the bundled sample generator at
 * 100,000 customers, customers table plus transactions): the same features and fusion, then reduce and
 * cluster once on everyone and once on the stratified sample with the rest placed by the fitted models.
 * Reports the agreement (ARI) between the two, each one's ARI against the planted segments, and times.
 *
 *   node bin/run-ts.mjs bench/sample-fit-bench.ts [customers]       prints the JSON
 */
import { createRng } from '../lib/rng.ts';
import { adjustedRandIndex } from '../pipeline/evaluate/partition-agreement.ts';
import { buildFeatures } from '../pipeline/features/build-features.ts';
import type { FeatureInputs } from '../pipeline/features/inputs.ts';
import { fuseBlocks } from '../pipeline/fuse/fuse.ts';
import { generateSample } from '../pipeline/sample/generate.ts';
import { defaultWeights } from '../pipeline/segment/compute.ts';
import { resolveSegmentOptions, type SegmentOptions } from '../pipeline/segment/options.ts';
import { reduceAndCluster, sampleFitDefaults } from '../pipeline/segment/sample-fit.ts';
import { entryArgs } from './entry.ts';

export interface SampleFitAgreement {
  readonly customers: number;
  readonly transactions: number;
  readonly dims: number;
  readonly sampleSize: number;
  readonly ariSampleVsFull: number;
  readonly full: { readonly seconds: number; readonly segments: number; readonly ariVsPlanted: number; readonly algorithm: string };
  readonly sampled: { readonly seconds: number; readonly segments: number; readonly ariVsPlanted: number; readonly algorithm: string };
}

export function generatedFeatureInputs(customers: number, seed: number): { inputs: FeatureInputs; truth: string[] } {
  const data = generateSample({ customers, seed });
  const inputs: FeatureInputs = {
    customerIds: data.customers.map((c) => c.customerId),
    customers: data.customers.map(({ customerId, plantedSegment: _planted, ...attributes }) => ({ id: customerId, attributes })),
    transactions: data.transactions.map((t) => ({
      customerId: t.customerId,
      orderId: t.orderId,
      at: Date.parse(`${t.orderDate.replace(' ', 'T')}Z`),
      quantity: t.quantity,
      price: t.unitPrice,
      amount: null,
      isCancellation: t.quantity < 0,
      attributes: { channel: t.channel, category: t.category },
    })),
  };
  return { inputs, truth: data.customers.map((c) => c.plantedSegment) };
}

/**
 * `options` fixes the model (for example `{ algorithm: 'kmeans', k: 6 }`): then both fits use the same
 * clusterer and the agreement measures the transform alone; without it each fit makes its own auto
 * choice, so a different segment count on the sample shows up as disagreement.
 */
export async function measureSampleFitAgreement(customers = 100_000, seed = 42, options: SegmentOptions = {}): Promise<SampleFitAgreement> {
  const { inputs, truth } = generatedFeatureInputs(customers, seed);
  const features = buildFeatures(inputs);
  const blocks = features.blocks.filter((b) => b.scaled.cols > 0).map((b) => ({ name: b.name, matrix: b.scaled }));
  const fused = fuseBlocks(blocks, defaultWeights(blocks.map((b) => b.name))).matrix;
  const classes = new Map<string, number>();
  const truthIds = truth.map((t) => classes.get(t) ?? (classes.set(t, classes.size), classes.size - 1));
  const run = async (sampleFitAbove: number) => {
    const t0 = performance.now();
    const r = await reduceAndCluster(fused, resolveSegmentOptions({ ...options, seed, sampleFitAbove }), createRng(seed));
    return { r, seconds: Math.round((performance.now() - t0) / 100) / 10 };
  };
  const full = await run(Number.MAX_SAFE_INTEGER);
  const sampled = await run(sampleFitDefaults.sampleFitAbove);
  const round = (v: number) => Math.round(v * 10000) / 10000;
  return {
    customers,
    transactions: inputs.transactions?.length ?? 0,
    dims: fused.cols,
    sampleSize: sampleFitDefaults.sampleSize,
    ariSampleVsFull: round(adjustedRandIndex(full.r.clustered.labels, sampled.r.clustered.labels)),
    full: { seconds: full.seconds, segments: full.r.clustered.clusterCount, ariVsPlanted: round(adjustedRandIndex(truthIds, full.r.clustered.labels)), algorithm: full.r.clustered.algorithm },
    sampled: {
      seconds: sampled.seconds,
      segments: sampled.r.clustered.clusterCount,
      ariVsPlanted: round(adjustedRandIndex(truthIds, sampled.r.clustered.labels)),
      algorithm: sampled.r.clustered.algorithm,
    },
  };
}

export async function runSampleFitBench(): Promise<Record<string, unknown>> {
  return {
    target: { ariSampleVsFull: 0.9 },
    at100k: await measureSampleFitAgreement(100_000),
    at100kKmeans6: await measureSampleFitAgreement(100_000, 42, { algorithm: 'kmeans', k: 6 }),
  };
}

const args = entryArgs(import.meta.url);
if (args) {
  const n = Number(args[0] || 100_000);
  process.stdout.write(`${JSON.stringify(await measureSampleFitAgreement(n), null, 2)}\n`);
}
