/**
 * The bundled sentence encoder kept loaded in one worker thread: for interactive lookups (intent of a
 * question, segment search, meaning filters), where starting a model per call would cost seconds. An
 * Embedder like every other; rows are L2-normalised, so a dot product is the cosine. Repeated texts
 * come from a bounded in-memory cache. `close()` ends the worker.
 */
import type { Worker } from 'node:worker_threads';
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { startTsWorker } from '../../lib/ts-worker.ts';
import type { Embedder } from '../types.ts';
import type { ResidentReply, ResidentRequest } from './resident-worker.ts';
import { USE_DIM, useModelId } from './use-embedder.ts';

export type ClosableEmbedder = Embedder & { close(): Promise<void> };

const cacheLimit = 5000;

export function createResidentEmbedder(): ClosableEmbedder {
  let worker: Worker | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (v: Float32Array[]) => void; reject: (e: Error) => void }>();
  const cache = new Map<string, Float32Array>();

  const failAll = (message: string) => {
    for (const p of pending.values()) p.reject(new PersonaError('internal', `sentence encoder: ${message}`));
    pending.clear();
    worker = null;
  };
  const start = (): Worker => {
    const w = startTsWorker(new URL('./resident-worker.ts', import.meta.url), null);
    w.on('message', (reply: ResidentReply) => {
      const p = pending.get(reply.id);
      if (!p) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if (reply.type === 'error') p.reject(new PersonaError('internal', `sentence encoder: ${reply.message}`));
      else p.resolve(Array.from({ length: reply.rows }, (_, i) => normalise(reply.data.subarray(i * reply.cols, (i + 1) * reply.cols))));
    });
    w.on('error', (err) => failAll(err.message));
    w.on('exit', (code) => failAll(`worker exited (code ${code})`));
    // An idle encoder must not keep the process alive; a busy one must (see request).
    w.unref();
    return w;
  };

  const request = (texts: readonly string[]): Promise<Float32Array[]> => {
    worker ??= start();
    const id = nextId++;
    const w = worker;
    // Referenced while an answer is awaited: otherwise a process whose only pending work is this request
    // (a CLI `ask` while the model loads) ends early with an unsettled top-level await (exit code 13).
    w.ref();
    return new Promise((resolve, reject) => {
      pending.set(id, { resolve, reject });
      w.postMessage({ id, texts } satisfies ResidentRequest);
    });
  };

  return {
    model: useModelId,
    options: { resident: true },
    async embed(texts: readonly string[]): Promise<Matrix> {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      if (missing.length) {
        const vectors = await request(missing);
        missing.forEach((t, i) => cache.set(t, vectors[i] as Float32Array));
        // Segment catalogues change per run; keep the cache bounded.
        if (cache.size > cacheLimit) for (const key of [...cache.keys()].slice(0, cache.size - cacheLimit)) cache.delete(key);
      }
      const rows = texts.map((t) => cache.get(t) as Float32Array);
      const cols = rows[0]?.length ?? USE_DIM;
      const data = new Float32Array(rows.length * cols);
      rows.forEach((r, i) => data.set(r, i * cols));
      return { rows: rows.length, cols, data };
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

/** An embedder's rows as separate vectors, for callers comparing a few texts with cosine(). */
export async function embedRows(embedder: Embedder, texts: readonly string[]): Promise<Float32Array[]> {
  const m = await embedder.embed(texts);
  return Array.from({ length: m.rows }, (_, i) => Float32Array.from(m.data.subarray(i * m.cols, (i + 1) * m.cols)));
}

function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(v, (x) => x / norm);
}

/** Dot product of two unit vectors. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}
