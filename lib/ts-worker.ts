/**
 * Starts a worker thread whose script is TypeScript. `--import tsx` alone is not enough: on Node 20 tsx
 * registers its loader on the main thread only, so the worker preloads a one-line module that calls
 * tsx's register() itself. Works under `node --import tsx`, the tsx CLI and vitest alike.
 */
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

let preload: string | undefined;

function tsxPreload(): string {
  if (preload === undefined) {
    // The package exports only a CJS path to require.resolve; the ESM entry sits beside it.
    const cjs = createRequire(import.meta.url).resolve('tsx/esm/api');
    const esm = pathToFileURL(cjs.replace(/\.cjs$/, '.mjs')).href;
    preload = 'data:text/javascript,' + encodeURIComponent(`import { register } from ${JSON.stringify(esm)}; register();`);
  }
  return preload;
}

export function startTsWorker(script: URL, workerData: unknown): Worker {
  return new Worker(script, { execArgv: ['--import', tsxPreload()], workerData });
}
