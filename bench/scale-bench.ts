/**
 * Scale benchmark: generated customers (bench/scale-data.ts, ~20 transaction lines each) imported and
 * segmented end to end through the CLI, on the embedded database (PGlite) and on PostgreSQL. Every step
 * is its own child process, so its figures are its own: wall time, CPU time over all threads and peak
 * RSS (from a preload that reads getrusage at exit, with /proc polled every second as a fallback when a
 * step is stopped at its time limit). A stopped step reports the last progress line it printed, which
 * says how far it got. PostgreSQL's own memory is the server's and is not in these figures.
 *
 * PostgreSQL: PERSONA_BENCH_DATABASE_URL (an admin URL) when set; otherwise .ci/start-postgres.sh
 * starts a private cluster on port 54339 that the bench stops at the end. Each case gets a fresh
 * database, dropped afterwards.
 *
 *   node bin/run-ts.mjs bench/scale-bench.ts CUSTOMERS [pglite|postgres] [LIMIT_MINUTES]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { writeScaleData } from './scale-data.ts';

const SELF = fileURLToPath(import.meta.url);
const ROOT = resolve(dirname(SELF), '..');
const PRELOAD = join(ROOT, 'bench/rusage-at-exit.mjs');
const PG_PORT = 54339;
const PG_DIR = '/tmp/persona-pg-bench';

export type ScaleDriver = 'pglite' | 'postgres';

export interface StepFigures {
  readonly wallSeconds: number;
  readonly cpuSeconds: number | null;
  readonly peakRssMb: number | null;
  /** 1, 5 and 15-minute load averages when the step started and ended. */
  readonly loadAverage: { readonly start: string; readonly end: string };
  readonly timedOut?: true;
  readonly error?: string;
  readonly lastProgress?: readonly string[];
  readonly json?: Record<string, unknown>;
}

const load = () => loadavg().map((x) => x.toFixed(1)).join(' / ');

/** /proc/PID: peak RSS (VmHWM) and CPU seconds so far; null off Linux or once the process is gone. */
function procFigures(pid: number): { peakRssMb: number; cpuSeconds: number } | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const hwm = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
    const ticks = Number(fields[11]) + Number(fields[12]);
    return { peakRssMb: Math.round(hwm / 1024), cpuSeconds: Math.round(ticks) / 100 };
  } catch {
    return null;
  }
}

/** Runs `persona ARGS --json` in a child with the given environment, stopping it after limitSeconds. */
export async function personaStep(args: readonly string[], env: Record<string, string>, limitSeconds: number, cli = join(ROOT, 'bin/persona.mjs')): Promise<StepFigures> {
  const rusageFile = join(mkdtempSync(join(tmpdir(), 'persona-rusage-')), 'rusage.json');
  const start = load();
  const t0 = performance.now();
  const child = spawn(process.execPath, ['--import', PRELOAD, cli, ...args, '--json'], {
    cwd: resolve(dirname(cli), '..'),
    env: { ...process.env, ...env, PERSONA_PROGRESS: 'lines', PERSONA_BENCH_RUSAGE: rusageFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
  child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-20_000)));
  let polled: { peakRssMb: number; cpuSeconds: number } | null = null;
  const poll = setInterval(() => (polled = procFigures(child.pid as number) ?? polled), 1000);
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, limitSeconds * 1000);
  const code = await new Promise<number | null>((done) => child.on('close', done));
  clearInterval(poll);
  clearTimeout(timer);
  const wallSeconds = Math.round((performance.now() - t0) / 100) / 10;
  const exact = existsSync(rusageFile) ? (JSON.parse(readFileSync(rusageFile, 'utf8')) as { cpuSeconds: number; peakRssMb: number }) : null;
  rmSync(dirname(rusageFile), { recursive: true, force: true });
  const figures = exact ?? (polled as { peakRssMb: number; cpuSeconds: number } | null);
  const base = { wallSeconds, cpuSeconds: figures?.cpuSeconds ?? null, peakRssMb: figures?.peakRssMb ?? null, loadAverage: { start, end: load() } };
  const lines = stderr.trim().split('\n');
  if (timedOut) return { ...base, timedOut: true, lastProgress: lines.slice(-3) };
  if (code !== 0) return { ...base, error: lines.slice(-3).join(' ') };
  return { ...base, json: JSON.parse(stdout) as Record<string, unknown> };
}

/** What a segment run's JSON says about itself, without the segments. */
function segmentSummary(json: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!json) return undefined;
  const j = json as { status?: string; customers?: number; algorithm?: string; segments?: unknown[]; metrics?: { ari?: number; silhouette?: number }; stages?: { stage: string; ms: number }[] };
  return {
    status: j.status,
    customers: j.customers,
    algorithm: j.algorithm,
    segments: j.segments?.length,
    ariVsPlanted: j.metrics?.ari,
    silhouette: j.metrics?.silhouette,
    stageSeconds: Object.fromEntries((j.stages ?? []).map((s) => [s.stage, Math.round(s.ms / 100) / 10])),
  };
}

/** A PostgreSQL admin URL, and how to stop the server when this bench started it. */
function startPostgres(): { url: string; stop: () => void } | { skipped: string } {
  const given = process.env.PERSONA_BENCH_DATABASE_URL;
  if (given) return { url: given, stop: () => undefined };
  const started = spawnSync('bash', [join(ROOT, '.ci/start-postgres.sh')], {
    encoding: 'utf8',
    env: { ...process.env, PERSONA_PG_PORT: String(PG_PORT), PERSONA_PG_DIR: PG_DIR },
  });
  if (started.status !== 0) return { skipped: `PostgreSQL did not start: ${started.stderr.trim().split('\n').slice(-2).join(' ')}` };
  const stop = () => {
    const bin = spawnSync('bash', ['-c', 'ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1'], { encoding: 'utf8' }).stdout.trim();
    spawnSync('su', ['postgres', '-c', `${bin}/pg_ctl -D ${PG_DIR} -m fast stop`], { stdio: 'ignore' });
  };
  return { url: started.stdout.trim().split('\n').pop() as string, stop };
}

async function adminQuery(adminUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Import customers, import transactions, segment: one fresh database, figures per step. */
async function runCase(files: { customers: string; transactions: string }, driver: ScaleDriver, adminUrl: string | null, limitSeconds: number): Promise<Record<string, unknown>> {
  const home = mkdtempSync(join(tmpdir(), 'persona-scale-'));
  const dbName = `persona_bench_${process.pid}_${Date.now()}`;
  const env: Record<string, string> = { PERSONA_HOME: home };
  if (driver === 'postgres') {
    if (!adminUrl) throw new Error('postgres case without a server');
    await adminQuery(adminUrl, `create database ${dbName}`);
    const url = new URL(adminUrl);
    url.pathname = `/${dbName}`;
    env.DATABASE_URL = url.toString();
  }
  const started = performance.now();
  const out: Record<string, unknown> = { driver };
  try {
    const steps: [string, string[]][] = [
      ['importCustomers', ['import', files.customers, '--kind', 'customers']],
      ['importTransactions', ['import', files.transactions, '--kind', 'transactions']],
      ['segment', ['segment', '--labels', 'planted_segment']],
    ];
    for (const [name, args] of steps) {
      const remaining = limitSeconds - (performance.now() - started) / 1000;
      process.stderr.write(`scale-bench: ${driver} ${name} (limit ${Math.round(remaining)} s)…\n`);
      const { json, ...figures } = await personaStep(args, env, Math.max(1, remaining));
      out[name] = name === 'segment' ? { ...figures, run: segmentSummary(json) } : { ...figures, counts: (json as { report?: { counts?: unknown } } | undefined)?.report?.counts };
      if (figures.timedOut || figures.error) break;
    }
  } finally {
    rmSync(home, { recursive: true, force: true });
    if (driver === 'postgres' && adminUrl) await adminQuery(adminUrl, `drop database if exists ${dbName} with (force)`).catch(() => undefined);
  }
  out.totalWallSeconds = Math.round((performance.now() - started) / 100) / 10;
  return out;
}

export async function runScaleBench(customers = 100_000, drivers: readonly ScaleDriver[] = ['pglite', 'postgres'], limitMinutes = 20): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'persona-scale-data-'));
  const out: Record<string, unknown> = { customers, limitMinutesPerCase: limitMinutes, targets: { at1mSegmentMinutes: 10, at1mPeakRssMb: 4096 } };
  const pgServer = drivers.includes('postgres') ? startPostgres() : null;
  try {
    const t0 = performance.now();
    const files = writeScaleData({ dir, customers, seed: 7 });
    out.generate = { seconds: Math.round((performance.now() - t0) / 100) / 10, counts: files.counts, megabytes: Math.round((files.bytes.customers + files.bytes.transactions) / 2 ** 20) };
    for (const driver of drivers) {
      if (driver === 'postgres' && pgServer && 'skipped' in pgServer) {
        out[driver] = { skipped: pgServer.skipped };
        continue;
      }
      const adminUrl = driver === 'postgres' && pgServer && 'url' in pgServer ? pgServer.url : null;
      out[driver] = await runCase(files, driver, adminUrl, limitMinutes * 60);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
    if (pgServer && 'stop' in pgServer) pgServer.stop();
  }
  return out;
}

function commandLine(): string[] {
  try {
    return readFileSync('/proc/self/cmdline', 'utf8').split('\0');
  } catch {
    return process.argv;
  }
}

const args = commandLine();
const self = args.findIndex((a) => a && resolve(a) === SELF);
if (self >= 0) {
  const [n, driver, limit] = args.slice(self + 1).filter((a) => a);
  const drivers: ScaleDriver[] = driver === 'pglite' || driver === 'postgres' ? [driver] : ['pglite', 'postgres'];
  process.stdout.write(`${JSON.stringify(await runScaleBench(Number(n || 100_000), drivers, Number(limit || 20)), null, 2)}\n`);
}
