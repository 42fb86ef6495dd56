/**
 * A sentence encoder that stays loaded in one worker thread: for the agent's interactive lookups
 * (intent of a question, segment search), where starting a model per call would cost seconds. Vectors
 * are L2-normalised, so a dot product is the cosine. `close()` ends the worker.
 */
import type { Worker } from 'node:worker_threads';
import { PersonaError } from '../../lib/errors.ts';
import { startTsWorker } from '../../lib/ts-worker.ts';
import type { ResidentReply, ResidentRequest } from './resident-worker.ts';

export interface ResidentEncoder {
  encode(texts: readonly string[]): Promise<Float32Array[]>;
  close(): Promise<void>;
}

export function createResidentEncoder(): ResidentEncoder {
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
    async encode(texts) {
      const missing = [...new Set(texts.filter((t) => !cache.has(t)))];
      if (missing.length) {
        const vectors = await request(missing);
        missing.forEach((t, i) => cache.set(t, vectors[i] as Float32Array));
        // Segment catalogues change per run; keep the cache bounded.
        if (cache.size > 5000) for (const key of [...cache.keys()].slice(0, cache.size - 5000)) cache.delete(key);
      }
      return texts.map((t) => cache.get(t) as Float32Array);
    },
    async close() {
      const w = worker;
      worker = null;
      if (w) await w.terminate();
    },
  };
}

function normalise(v: Float32Array): Float32Array {
  let norm = 0;
  for (const x of v) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return Float32Array.from(v, (x) => x / norm);
}

export function cosine(a: Float32Array, b: Float32Array): number {
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += (a[i] as number) * (b[i] as number);
  return dot;
}
