/**
 * Runs the heavy computation in a worker thread so a server stays responsive while a segmentation runs;
 * errors come back as PersonaErrors with the worker's message.
 *
 * Starting a worker costs about a second of CPU (TypeScript loader and the pipeline's modules), more than
 * a small segmentation itself, so one idle worker is kept for the next run of this process. The
 * computation holds no state between runs (every input carries its data, options and seed), so a reused
 * worker gives the same bytes as a new one. The idle worker is unreferenced, so it never keeps a process
 * alive, and ends after a minute unused, so a long-lived server does not hold a big run's heap. A worker
 * that crashed, exited or was cancelled is never reused; concurrent runs each get their own.
 */
import type { Worker } from 'node:worker_threads';
import { startTsWorker } from '../../lib/ts-worker.ts';
import { PersonaError, type ErrorCode } from '../../lib/errors.ts';
import type { ComputeInput, ComputeProgress, ComputeResult } from './compute.ts';

type WorkerMessage =
  | { type: 'progress'; stage: string; fraction: number }
  | { type: 'result'; result: ComputeResult }
  | { type: 'error'; error: { message: string; code: string; stack?: string } };

const idleLimitMs = 60_000;

/** The kept worker, the listener that forgets it if it dies while idle, and its idle timer. */
let idle: { readonly worker: Worker; readonly forget: () => void; readonly timer: NodeJS.Timeout } | null = null;

function takeWorker(): Worker {
  const kept = idle;
  idle = null;
  if (!kept) return startTsWorker(new URL('./compute-worker.ts', import.meta.url), null);
  clearTimeout(kept.timer);
  kept.worker.off('exit', kept.forget).off('error', kept.forget);
  kept.worker.ref();
  return kept.worker;
}

/** Keeps a healthy worker (its run's listeners already removed) for the next run, or ends it. */
function keepIdle(worker: Worker): void {
  if (idle !== null) {
    void worker.terminate();
    return;
  }
  const forget = () => {
    if (idle?.worker === worker) idle = null;
  };
  worker.on('exit', forget).on('error', forget);
  worker.unref();
  const timer = setTimeout(() => {
    forget();
    void worker.terminate();
  }, idleLimitMs);
  timer.unref();
  idle = { worker, forget, timer };
}

export function runComputeInWorker(input: ComputeInput, onProgress: ComputeProgress = () => undefined, signal?: AbortSignal): Promise<ComputeResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled(signal));
      return;
    }
    const worker = takeWorker();
    let settled = false;
    const finish = (reusable: boolean, fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      worker.off('message', onMessage).off('error', onError).off('exit', onExit);
      fn();
      if (reusable) keepIdle(worker);
      else void worker.terminate();
    };
    const onAbort = () => finish(false, () => reject(cancelled(signal!)));
    const onError = (err: Error) => finish(false, () => reject(err));
    const onExit = (code: number) => finish(false, () => reject(new PersonaError('internal', `segmentation worker exited with code ${code}`)));
    const onMessage = (msg: WorkerMessage) => {
      switch (msg.type) {
        case 'progress':
          onProgress(msg.stage, msg.fraction);
          break;
        case 'result':
          finish(true, () => resolve(msg.result));
          break;
        case 'error':
          // The computation rejected and said so: the worker itself is intact and may run the next input.
          finish(true, () => reject(new PersonaError(asCode(msg.error.code), msg.error.message)));
          break;
        default: {
          const never: never = msg;
          throw new Error(`unexpected worker message ${JSON.stringify(never)}`);
        }
      }
    };
    worker.on('message', onMessage).on('error', onError).on('exit', onExit);
    // Cancelling stops the computation itself: the worker is terminated, not left running unseen.
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage(input);
  });
}

const knownCodes: readonly string[] = ['bad_option', 'bad_value', 'shape_mismatch', 'not_found', 'bad_config'];

function asCode(code: string): ErrorCode {
  return (knownCodes.includes(code) ? code : 'internal') as ErrorCode;
}

function cancelled(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new PersonaError('cancelled', 'the segmentation was cancelled');
}
