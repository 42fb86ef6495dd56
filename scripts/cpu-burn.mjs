#!/usr/bin/env node
/**
 * Keeps every core busy for a bounded time, to prove the tests do not depend on a quiet machine.
 *
 *   node scripts/cpu-burn.mjs [--seconds 600] [--threads <cores>] [--nice 10]
 *       burns for the given time, then exits.
 *   node scripts/cpu-burn.mjs [--seconds 3600] [...] -- npm test
 *       burns while the command runs (never longer than --seconds), then exits with the command's status.
 *
 * The burning threads and the command run at the given nice level (default 10, below an interactive
 * shell, so a shared machine stays usable): burner and command compete as equals.
 */
import { spawn } from 'node:child_process';
import { availableParallelism, setPriority } from 'node:os';
import { Worker, isMainThread, workerData } from 'node:worker_threads';

if (!isMainThread) {
  // A worker: spin until the deadline, checking the clock now and then.
  const { until } = workerData;
  let x = 0;
  while (Date.now() < until) for (let i = 0; i < 1_000_000; i++) x = (x * 1_103_515_245 + 12_345) % 2_147_483_648;
  process.exitCode = x === -1 ? 1 : 0;
} else {
  const args = process.argv.slice(2);
  const split = args.indexOf('--');
  const own = split === -1 ? args : args.slice(0, split);
  const command = split === -1 ? [] : args.slice(split + 1);
  const option = (name, fallback) => {
    const i = own.indexOf(`--${name}`);
    if (i === -1) return fallback;
    const value = Number(own[i + 1]);
    if (!Number.isFinite(value)) {
      console.error(`cpu-burn: --${name} needs a number, got "${own[i + 1]}"`);
      process.exit(2);
    }
    return value;
  };
  const seconds = option('seconds', command.length > 0 ? 3600 : 600);
  const threads = Math.max(1, Math.floor(option('threads', availableParallelism())));
  const nice = option('nice', 10);
  if (!(seconds > 0)) {
    console.error('cpu-burn: --seconds must be positive');
    process.exit(2);
  }

  // Set before the workers start: new threads inherit the nice level of the thread that creates them.
  try {
    setPriority(nice);
  } catch (error) {
    console.error(`cpu-burn: could not set nice ${nice} (${error.message}); burning at the current priority`);
  }
  const started = Date.now();
  const until = started + seconds * 1000;
  const workers = Array.from({ length: threads }, () => new Worker(new URL(import.meta.url), { workerData: { until } }));
  console.error(`cpu-burn: ${threads} busy threads at nice ${nice}, for at most ${seconds} s`);
  const stop = () => Promise.all(workers.map((w) => w.terminate()));
  const report = () => console.error(`cpu-burn: stopped after ${((Date.now() - started) / 1000).toFixed(0)} s`);

  if (command.length === 0) {
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('exit', resolve))));
    report();
  } else {
    const child = spawn(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' });
    const forward = (signal) => child.kill(signal);
    process.on('SIGINT', forward);
    process.on('SIGTERM', forward);
    const status = await new Promise((resolve) => {
      child.once('error', (error) => {
        console.error(`cpu-burn: could not start ${command[0]}: ${error.message}`);
        resolve(127);
      });
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 128 : 1)));
    });
    await stop();
    report();
    process.exit(status);
  }
}
