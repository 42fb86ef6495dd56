/**
 * Runs the heavy computation in a worker thread so a server stays responsive while a segmentation runs;
 * errors come back as PersonaErrors with the worker's message.
 */
import { startTsWorker } from '../../lib/ts-worker.ts';
import { PersonaError, type ErrorCode } from '../../lib/errors.ts';
import type { ComputeInput, ComputeProgress, ComputeResult } from './compute.ts';

type WorkerMessage =
  | { type: 'progress'; stage: string; fraction: number }
  | { type: 'result'; result: ComputeResult }
  | { type: 'error'; error: { message: string; code: string; stack?: string } };

export function runComputeInWorker(input: ComputeInput, onProgress: ComputeProgress = () => undefined, signal?: AbortSignal): Promise<ComputeResult> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(cancelled(signal));
      return;
    }
    const worker = startTsWorker(new URL('./compute-worker.ts', import.meta.url), input);
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      fn();
      void worker.terminate();
    };
    worker.on('message', (msg: WorkerMessage) => {
      switch (msg.type) {
        case 'progress':
          onProgress(msg.stage, msg.fraction);
          break;
        case 'result':
          finish(() => resolve(msg.result));
          break;
        case 'error':
          finish(() => reject(new PersonaError(asCode(msg.error.code), msg.error.message)));
          break;
        default: {
          const never: never = msg;
          throw new Error(`unexpected worker message ${JSON.stringify(never)}`);
        }
      }
    });
    worker.on('error', (err) => finish(() => reject(err)));
    // Cancelling stops the computation itself: the worker is terminated, not left running unseen.
    signal?.addEventListener('abort', () => finish(() => reject(cancelled(signal))), { once: true });
    worker.on('exit', (code) => finish(() => reject(new PersonaError('internal', `segmentation worker exited with code ${code}`))));
  });
}

const knownCodes: readonly string[] = ['bad_option', 'bad_value', 'shape_mismatch', 'not_found', 'bad_config'];

function asCode(code: string): ErrorCode {
  return (knownCodes.includes(code) ? code : 'internal') as ErrorCode;
}

function cancelled(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new PersonaError('cancelled', 'the segmentation was cancelled');
}
