/**
 * Worker thread of the USE embedder: loads the model once, embeds its contiguous share of the texts
 * batch by batch, reports progress after each batch and sends the raw vectors back (transferred).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadUseModel } from './load-use-model.ts';

export interface UseWorkerInput {
  readonly texts: readonly string[];
  readonly batchSize: number;
}

export type UseWorkerMessage =
  | { readonly type: 'progress'; readonly done: number }
  | { readonly type: 'done'; readonly data: Float64Array; readonly rows: number; readonly cols: number }
  | { readonly type: 'error'; readonly message: string };

async function main(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('use-worker.ts must run in a worker thread');
  const { texts, batchSize } = workerData as UseWorkerInput;
  const model = await loadUseModel();
  let data = new Float64Array(0);
  let cols = 0;
  for (let start = 0; start < texts.length; start += batchSize) {
    // The model's tokenizer yields no tokens for '' and the graph then fails or drops the row.
    const batch = texts.slice(start, start + batchSize).map((t) => (t.length === 0 ? ' ' : t));
    const vectors = await model.embed(batch);
    if (vectors.length !== batch.length) throw new Error(`model returned ${vectors.length} vectors for ${batch.length} texts`);
    if (start === 0) {
      cols = vectors[0]?.length ?? 0;
      data = new Float64Array(texts.length * cols);
    }
    vectors.forEach((v, i) => {
      if (v.length !== cols) throw new Error(`model returned a ${v.length}-dim vector, expected ${cols}`);
      data.set(v, (start + i) * cols);
    });
    port.postMessage({ type: 'progress', done: Math.min(start + batchSize, texts.length) } satisfies UseWorkerMessage);
  }
  port.postMessage({ type: 'done', data, rows: texts.length, cols } satisfies UseWorkerMessage, [data.buffer]);
}

main().catch((err: unknown) => {
  parentPort?.postMessage({ type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies UseWorkerMessage);
});
