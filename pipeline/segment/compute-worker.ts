/**
 * Worker-thread entry: runs computeSegmentation off the main event loop and posts progress. Each message
 * is one run's input; a worker runs one at a time and may be given another afterwards (run-compute.ts).
 */
import { parentPort } from 'node:worker_threads';
import { computeSegmentation, type ComputeInput } from './compute.ts';

const port = parentPort;
if (!port) throw new Error('compute-worker must run in a worker thread');

port.on('message', (input: ComputeInput) => {
  computeSegmentation(input, (stage, fraction) => port.postMessage({ type: 'progress', stage, fraction })).then(
    (result) => port.postMessage({ type: 'result', result }),
    (err: unknown) =>
      port.postMessage({
        type: 'error',
        error: {
          message: err instanceof Error ? err.message : String(err),
          code: (err as { code?: string }).code ?? 'internal',
          stack: err instanceof Error ? err.stack : undefined,
        },
      }),
  );
});
