/**
 * Clustering benchmark: our HDBSCAN against hdbscan-ts on the same 2,000×10 blobs, ours at 10,000×10,
 * 50,000×10, 100,000×10 and 1,000,000×10 (Borůvka over a kd-tree, the 'auto' rule below 17 columns),
 * Prim's at 20,000×10 for the quadratic reference, and k-means at 10,000×50 (k = 8). Every case runs in its own child process (clean
 * memory, and a hard time limit for the baseline); inside it a sampler thread reads
 * process.memoryUsage().rss every 50 ms while the main thread is busy fitting.
 *
 *   node bin/run-ts.mjs bench/cluster-bench.ts          prints the JSON
 *   import { runClusterBench } from './cluster-bench.ts'
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { createRng } from '../lib/rng.ts';
import { fitHdbscan } from '../pipeline/cluster/hdbscan.ts';
import { fitKMeans } from '../pipeline/cluster/kmeans.ts';
import { gaussianBlobs, type Blobs } from '../pipeline/cluster/synthetic.ts';
import { adjustedRandIndex } from '../pipeline/evaluate/partition-agreement.ts';

const SELF = fileURLToPath(import.meta.url);
const RUN_TS = resolve(dirname(SELF), '../bin/run-ts.mjs');
const BASELINE_LIMIT_SECONDS = 120;
const SEED = 42;

type CaseName = 'ours-2k' | 'hdbscan-ts-2k' | 'ours-10k' | 'ours-50k' | 'ours-100k' | 'ours-1m' | 'prim-20k' | 'kmeans-10k-50d';

const ROWS: Record<CaseName, [number, number]> = {
  'ours-2k': [2_000, 10],
  'hdbscan-ts-2k': [2_000, 10],
  'ours-10k': [10_000, 10],
  'ours-50k': [50_000, 10],
  'ours-100k': [100_000, 10],
  'ours-1m': [1_000_000, 10],
  'prim-20k': [20_000, 10],
  'kmeans-10k-50d': [10_000, 50],
};

/** 8 blobs, std 1, centres ≥ 20 apart: the same data for a given size, in parent and child alike. */
function blobs(rows: number, dims: number): Blobs {
  return gaussianBlobs({ blobs: 8, perBlob: rows / 8, dims }, createRng(SEED));
}

/** Starts a thread that keeps the peak RSS in shared memory; it runs while the main thread is blocked. */
function startRssSampler(): { peakMb: () => number; stop: () => Promise<number> } {
  const shared = new Float64Array(new SharedArrayBuffer(8));
  const code = `
    const { workerData } = require('node:worker_threads');
    const peak = new Float64Array(workerData);
    const tick = () => { const r = process.memoryUsage().rss; if (r > peak[0]) peak[0] = r; };
    tick();
    setInterval(tick, 50);`;
  const worker = new Worker(code, { eval: true, workerData: shared.buffer });
  const peakMb = () => Math.round(Math.max(shared[0] as number, process.memoryUsage().rss) / 2 ** 20);
  return { peakMb, stop: async () => (await worker.terminate(), peakMb()) };
}

async function runCase(name: CaseName): Promise<Record<string, unknown>> {
  const sampler = startRssSampler();
  // Give the sampler thread time to start before the main thread blocks.
  await new Promise((r) => setTimeout(r, 200));
  const [rows, dims] = ROWS[name];
  const { x, truth } = blobs(rows, dims);
  const t0 = performance.now();
  let labels: ArrayLike<number>;
  let params: Record<string, unknown> = {};
  switch (name) {
    case 'ours-2k':
    case 'ours-10k':
    case 'ours-50k':
    case 'ours-100k':
    case 'ours-1m':
    case 'prim-20k': {
      const c = fitHdbscan(x, { minClusterSize: 15, mstAlgorithm: name === 'prim-20k' ? 'prim' : 'auto' });
      labels = c.labels;
      params = c.report.params;
      break;
    }
    case 'hdbscan-ts-2k': {
      const { HDBSCAN } = createRequire(import.meta.url)('hdbscan-ts') as typeof import('hdbscan-ts');
      const points = Array.from({ length: rows }, (_, i) => Array.from(x.data.subarray(i * dims, (i + 1) * dims)));
      labels = new HDBSCAN({ minClusterSize: 15, minSamples: 15 }).fit(points);
      params = { minClusterSize: 15, minSamples: 15 };
      break;
    }
    case 'kmeans-10k-50d': {
      const c = fitKMeans(x, createRng(SEED), { k: 8 });
      labels = c.labels;
      params = c.report.params;
      break;
    }
    default: {
      const unreachable: never = name;
      throw new Error(`unknown case ${String(unreachable)}`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const peakRssMb = await sampler.stop();
  const distinct = new Set(Array.from(labels).filter((l) => l >= 0));
  // Agreement on the rows the method did cluster: separates "wrong groups" from "too much noise".
  const kept = Array.from({ length: labels.length }, (_, i) => i).filter((i) => (labels[i] as number) >= 0);
  let noise = 0;
  for (let i = 0; i < labels.length; i++) if ((labels[i] as number) < 0) noise++;
  return {
    data: `${rows}×${dims}, 8 Gaussian blobs`,
    seconds: Math.round(seconds * 100) / 100,
    ari: Math.round(adjustedRandIndex(truth, labels) * 10000) / 10000,
    ariOnClustered: kept.length ? Math.round(adjustedRandIndex(kept.map((i) => truth[i] as number), kept.map((i) => labels[i] as number)) * 10000) / 10000 : null,
    clusters: distinct.size,
    noise,
    peakRssMb,
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    params,
  };
}

/** Runs one case in a fresh child process; null result when it ran past the limit. */
function inChild(name: CaseName, limitSeconds: number): Record<string, unknown> {
  const started = performance.now();
  const child = spawnSync(process.execPath, [RUN_TS, SELF, `--case=${name}`], {
    encoding: 'utf8',
    timeout: limitSeconds * 1000,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 24,
  });
  const wall = Math.round((performance.now() - started) / 100) / 10;
  if (child.error && (child.error as NodeJS.ErrnoException).code === 'ETIMEDOUT') return { timedOut: true, limitSeconds, wallSeconds: wall };
  if (child.status !== 0) return { error: (child.stderr || String(child.error)).trim().split('\n').slice(-3).join(' ') };
  return JSON.parse(child.stdout.trim().split('\n').pop() as string) as Record<string, unknown>;
}

export async function runClusterBench(): Promise<Record<string, unknown>> {
  const step = (label: string) => process.stderr.write(`cluster-bench: ${label}…\n`);
  step('our HDBSCAN, 2,000×10');
  const ours2k = inChild('ours-2k', 600);
  step(`hdbscan-ts, 2,000×10 (limit ${BASELINE_LIMIT_SECONDS} s)`);
  const baseline = inChild('hdbscan-ts-2k', BASELINE_LIMIT_SECONDS);
  step('our HDBSCAN, 10,000×10');
  const ours10k = inChild('ours-10k', 600);
  step('our HDBSCAN, 50,000×10');
  const ours50k = inChild('ours-50k', 900);
  step("Prim's HDBSCAN, 20,000×10");
  const prim20k = inChild('prim-20k', 900);
  step('our HDBSCAN, 100,000×10');
  const ours100k = inChild('ours-100k', 900);
  step('our HDBSCAN, 1,000,000×10');
  const ours1m = inChild('ours-1m', 1800);
  step('k-means, 10,000×50, k = 8');
  const km = inChild('kmeans-10k-50d', 600);
  return {
    targets: { hdbscan10kSeconds: 5, hdbscan50kSeconds: 60, hdbscan100kSeconds: 30, hdbscan1mSeconds: 300, peakRssMb: 1024 },
    notes: [
      'peakRssMb: process.memoryUsage().rss sampled every 50 ms from a worker thread; maxRssMb: the OS high-water mark (process.resourceUsage)',
      'both HDBSCANs use minClusterSize 15 and minSamples 15; hdbscan-ts excludes the point itself from its neighbours and uses squared distances, ours counts the point itself',
    ],
    hdbscan2k: { ours: ours2k, hdbscanTs: baseline },
    hdbscan10k: ours10k,
    hdbscan50k: ours50k,
    hdbscan100k: ours100k,
    hdbscan1m: ours1m,
    primReference20k: prim20k,
    kmeans10k50d: km,
  };
}

/** run-ts.mjs removes the entry from process.argv, so the original command line is checked too. */
function commandLine(): string[] {
  const args = process.argv.slice(1);
  try {
    args.push(...readFileSync('/proc/self/cmdline', 'utf8').split('\0'));
  } catch {
    // Not Linux: process.argv is all there is.
  }
  return args.filter((a) => a.length > 0);
}

const args = commandLine();
const caseArg = args.find((a) => a.startsWith('--case='));
if (caseArg) {
  process.stdout.write(`${JSON.stringify(await runCase(caseArg.slice('--case='.length) as CaseName))}\n`);
} else if (args.some((a) => resolve(a) === SELF)) {
  process.stdout.write(`${JSON.stringify(await runClusterBench(), null, 2)}\n`);
}
