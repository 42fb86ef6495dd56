/**
 * Worker thread of the resident sentence encoder: loads the model once and answers embed requests for
 * as long as it lives, so interactive lookups (one question, a few labels) cost milliseconds.
 */
import { parentPort } from 'node:worker_threads';
import { loadUseModel } from './load-use-model.ts';

export type ResidentRequest = { readonly id: number; readonly texts: readonly string[] };
export type ResidentReply =
  | { readonly id: number; readonly type: 'done'; readonly data: Float32Array; readonly rows: number; readonly cols: number }
  | { readonly id: number; readonly type: 'error'; readonly message: string };

const port = parentPort;
if (!port) throw new Error('resident-worker.ts must run in a worker thread');
const modelReady = loadUseModel();

port.on('message', (req: ResidentRequest) => {
  void (async () => {
    try {
      const model = await modelReady;
      const vectors = await model.embed(req.texts.map((t) => (t.length === 0 ? ' ' : t)));
      const cols = vectors[0]?.length ?? 0;
      const data = new Float32Array(req.texts.length * cols);
      vectors.forEach((v, i) => data.set(v, i * cols));
      port.postMessage({ id: req.id, type: 'done', data, rows: req.texts.length, cols } satisfies ResidentReply, [data.buffer]);
    } catch (err) {
      port.postMessage({ id: req.id, type: 'error', message: err instanceof Error ? err.message : String(err) } satisfies ResidentReply);
    }
  })();
});
