/**
 * Universal Sentence Encoder (lite, 512-dim) embedder. The model runs in worker threads so a long embed
 * never blocks the main event loop: the texts are cut into contiguous chunks on batch boundaries, one
 * chunk per worker, each worker loads the model once, and the rows come back in input order. Workers
 * live for one embed call only, so nothing is left running afterwards.
 *
 * Reproducibility: the same texts with the same batchSize give identical bytes, whatever the number of
 * workers (chunks are cut on batch boundaries, so every batch is the same). A different batchSize can
 * move values by ~1e-7, because the model's kernels sum in a different order for other batch shapes.
 */
import type { Worker } from 'node:worker_threads';
import { PersonaError } from '../../lib/errors.ts';
import { createMatrix, type Matrix } from '../../lib/matrix.ts';
import type { Embedder } from '../types.ts';
import { checkTexts, normaliseRows } from './normalise.ts';
import { startTsWorker } from '../../lib/ts-worker.ts';
import type { UseWorkerInput, UseWorkerMessage } from './use-worker.ts';

export const USE_DIM = 512;

export type UseEmbedderSettings = {
  /** Texts per model call inside a worker. */
  readonly batchSize: number;
  /** Worker threads; each holds its own copy of the model (~30 MB). */
  readonly workers: number;
};

export interface UseEmbedderOptions extends Partial<UseEmbedderSettings> {
  /** Called on the main thread after every batch; not part of the (serialisable) options. */
  readonly onProgress?: (done: number, total: number) => void;
}

/** The model id runs record (and the embedding cache keys on) for the bundled encoder. */
export const useModelId = 'use-lite-512';

export const useEmbedderDefaults: UseEmbedderSettings = Object.freeze({ batchSize: 32, workers: 2 });

export function createUseEmbedder(options: UseEmbedderOptions = {}): Embedder {
  const settings: UseEmbedderSettings = Object.freeze({
    batchSize: options.batchSize ?? useEmbedderDefaults.batchSize,
    workers: options.workers ?? useEmbedderDefaults.workers,
  });
  const onProgress = options.onProgress;
  return {
    model: useModelId,
    options: settings,
    embed: (texts) => embedUse(texts, settings, onProgress),
  };
}

function checkSettings(s: UseEmbedderSettings): void {
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1 || s.batchSize > 4096) {
    throw new PersonaError('bad_option', `use embedder: batchSize must be an integer in 1..4096, got ${s.batchSize}`);
  }
  if (!Number.isInteger(s.workers) || s.workers < 1 || s.workers > 64) {
    throw new PersonaError('bad_option', `use embedder: workers must be an integer in 1..64, got ${s.workers}`);
  }
}

async function embedUse(
  texts: readonly string[],
  settings: UseEmbedderSettings,
  onProgress: ((done: number, total: number) => void) | undefined,
): Promise<Matrix> {
  checkSettings(settings);
  checkTexts(texts, 'use embedder');
  const n = texts.length;
  if (n === 0) return createMatrix(0, USE_DIM, new Float32Array(0));

  const { batchSize } = settings;
  const batches = Math.ceil(n / batchSize);
  const workerCount = Math.min(settings.workers, batches);
  const perWorker = Math.ceil(batches / workerCount) * batchSize;
  const chunks: { start: number; texts: string[] }[] = [];
  for (let start = 0; start < n; start += perWorker) chunks.push({ start, texts: texts.slice(start, start + perWorker) });

  const doneByChunk = new Array<number>(chunks.length).fill(0);
  const report = (chunk: number, done: number): void => {
    doneByChunk[chunk] = done;
    if (onProgress) onProgress(doneByChunk.reduce((a, b) => a + b, 0), n);
  };

  const workers: Worker[] = [];
  try {
    const results = await Promise.all(
      chunks.map((chunk, i) => {
        const input: UseWorkerInput = { texts: chunk.texts, batchSize };
        const worker = startTsWorker(new URL('./use-worker.ts', import.meta.url), input);
        workers.push(worker);
        return collect(worker, chunk.texts.length, (done) => report(i, done));
      }),
    );
    const raw = new Float64Array(n * USE_DIM);
    results.forEach((data, i) => raw.set(data, (chunks[i] as { start: number }).start * USE_DIM));
    return normaliseRows(raw, n, USE_DIM);
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
}

/** Resolves with one worker's vectors; rejects if it reports an error or exits before finishing. */
function collect(worker: Worker, rows: number, progress: (done: number) => void): Promise<Float64Array> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (message: string): void => {
      if (settled) return;
      settled = true;
      reject(new PersonaError('internal', `use embedder: ${message}`));
    };
    worker.on('message', (msg: UseWorkerMessage) => {
      if (msg.type === 'progress') progress(msg.done);
      else if (msg.type === 'error') fail(msg.message);
      else if (msg.rows !== rows || msg.cols !== USE_DIM) fail(`worker returned ${msg.rows}×${msg.cols}, expected ${rows}×${USE_DIM}`);
      else if (!settled) {
        settled = true;
        resolve(msg.data);
      }
    });
    worker.on('error', (err) => fail(err.message));
    worker.on('exit', (code) => fail(`worker exited (code ${code}) before returning its ${rows} vectors`));
  });
}
