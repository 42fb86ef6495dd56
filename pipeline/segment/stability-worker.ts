/** Worker-thread entry for stability refits (see stability-refits.ts): one job per message. */
import { parentPort } from 'node:worker_threads';
import { runRefitJob, type RefitJob } from './stability-refits.ts';

const port = parentPort;
if (!port) throw new Error('stability-worker must run in a worker thread');
port.on('message', (job: RefitJob) => {
  try {
    port.postMessage({ labels: runRefitJob(job) });
  } catch (err) {
    port.postMessage({ error: err instanceof Error ? err.message : String(err) });
  }
});
