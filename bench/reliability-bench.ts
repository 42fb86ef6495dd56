/**
 * Reliability figures, measured not asserted: `/healthz` latency (p50/p99) while segmentation jobs are
 * queued and running through the server's job queue, and database growth per 1,000 conversations with
 * and without checkpoint retention. Sizes scale with BENCH_JOBS, BENCH_CUSTOMERS, BENCH_CONVERSATIONS.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { collectGarbage } from '../agent/retention.ts';
import { createChatService } from '../agent/service.ts';
import { folderBytes } from '../cli/commands/gc.ts';
import { sql } from 'drizzle-orm';
import { openDatabase, type Db } from '../db/client.ts';
import { checkpointCounts } from '../db/queries/checkpoints.ts';
import { createApp } from '../integrations/http/app.ts';
import { startServer } from '../integrations/http/server.ts';
import { JobQueue } from '../lib/job-queue.ts';
import { importDataset } from '../services/ingest/import-dataset.ts';
import { runSegmentation } from '../services/segment/run-segmentation.ts';
import { runDemo } from '../services/sample/demo.ts';

const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
}

export async function healthzUnderJobs(): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'persona-bench-jobs-'));
  const handle = await openDatabase();
  try {
    const n = env('BENCH_CUSTOMERS', 2000);
    const rows = Array.from({ length: n }, (_, i) => `k${i},${(i % 5) * 9 + (i % 7)},${(i * 31) % 97},${(i * 17) % 13},${['a', 'b', 'c', 'd'][i % 4]}`);
    writeFileSync(join(dir, 'c.csv'), `customer_id,visits,spend,tenure,region\n${rows.join('\n')}\n`);
    const { dataset } = await importDataset(handle.db, { file: join(dir, 'c.csv'), settings: { kind: 'customers', overrides: {} } });
    const jobs = new JobQueue({ maxConcurrent: 1, maxPerUser: 100, maxPerThread: 100 });
    const server = await startServer(createApp({ db: handle.db, jobs }), { port: 0, host: '127.0.0.1', apiKey: null });
    try {
      const count = env('BENCH_JOBS', 4);
      const t0 = performance.now();
      const results = Array.from({ length: count }, (_, i) =>
        jobs.submit({ kind: 'segmentation', userId: `u${i}`, threadId: `t${i}` }, (c) =>
          runSegmentation(handle.db, { datasetIds: [dataset.id], algorithm: 'kmeans', k: 3 + (i % 3), seed: i }, { signal: c.signal, onProgress: c.progress }),
        ).result,
      );
      let done = false;
      const all = Promise.all(results).finally(() => (done = true));
      // Each probe notes the queue as it was sent: the figures cover only time with work running or waiting.
      const latencies: number[] = [];
      let whileQueued = 0;
      let maxQueued = 0;
      while (!done) {
        const { running, queued } = jobs.load;
        const s = performance.now();
        const r = await fetch(`${server.url}/healthz`);
        await r.text();
        if (running + queued > 0) {
          latencies.push(performance.now() - s);
          if (queued > 0) whileQueued++;
          maxQueued = Math.max(maxQueued, queued);
        }
        await new Promise((res) => setTimeout(res, 25));
      }
      await all;
      latencies.sort((a, b) => a - b);
      return {
        jobs: count,
        customers: n,
        maxConcurrent: 1,
        jobsWallS: +((performance.now() - t0) / 1000).toFixed(1),
        healthzRequests: latencies.length,
        healthzRequestsWhileJobsQueued: whileQueued,
        maxJobsQueued: maxQueued,
        healthzP50Ms: +percentile(latencies, 50).toFixed(1),
        healthzP99Ms: +percentile(latencies, 99).toFixed(1),
        healthzMaxMs: +(latencies.at(-1) ?? 0).toFixed(1),
      };
    } finally {
      await server.close();
    }
  } finally {
    await handle.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Bytes of the database's tables and indexes (what PostgreSQL reports; the folder also holds WAL segments, allocated 16 MB at a time). */
async function databaseBytes(db: Db): Promise<number> {
  const result = await db.execute(sql`select pg_database_size(current_database())::bigint as n`);
  return Number((result as unknown as { rows: { n: number | string }[] }).rows[0]?.n ?? 0);
}

export async function growthPerThousandConversations(): Promise<Record<string, unknown>> {
  // Built here, not with the test fixture: benchmarks run outside vitest.
  const home = mkdtempSync(join(tmpdir(), 'persona-bench-growth-'));
  const handle = await openDatabase({ dataDir: join(home, 'db') });
  const demo = { db: handle.db, home };
  try {
    await runDemo(handle.db, { home });
    const conversations = env('BENCH_CONVERSATIONS', 100);
    const out: Record<string, unknown> = {
      conversations,
      questionsPerConversation: 3,
      note: `per-1,000 figures extrapolated linearly from ${conversations} conversations per policy (x${+(1000 / conversations).toFixed(1)})`,
    };
    for (const [label, retention] of [['unbounded', undefined], ['retention', { keepPerThread: 10, idleDays: 30 }]] as const) {
      const chat = createChatService({ db: demo.db, configuration: { model: { kind: 'offline' }, maxSteps: 8 }, exportDir: join(demo.home, 'exports'), ...(retention ? { retention } : {}) });
      const before = await checkpointCounts(demo.db);
      const bytesBefore = folderBytes(join(demo.home, 'db'));
      const dbBefore = await databaseBytes(demo.db);
      for (let i = 0; i < conversations; i++) {
        const thread = `${label}-${i}`;
        await chat.ask({ threadId: thread, text: 'list the segments' });
        await chat.ask({ threadId: thread, text: 'tell me about segment 1' });
        await chat.ask({ threadId: thread, text: 'which channels should I use for them?' });
      }
      const after = await checkpointCounts(demo.db);
      const bytesAfter = folderBytes(join(demo.home, 'db'));
      const dbAfter = await databaseBytes(demo.db);
      const scale = 1000 / conversations;
      out[label] = {
        checkpointRowsPer1000: Math.round((after.checkpoints + after.writes - before.checkpoints - before.writes) * scale),
        databaseMbPer1000: +(((dbAfter - dbBefore) / 1_048_576) * scale).toFixed(1),
        // Coarse: WAL segments appear 16 MB at a time, so a short run extrapolates this poorly.
        folderMbPer1000WithWal: +(((bytesAfter - bytesBefore) / 1_048_576) * scale).toFixed(1),
      };
    }
    const gc = await collectGarbage(demo.db, { keepPerThread: 10, idleDays: 30 });
    out.gcAfter = { checkpointsBefore: gc.before.checkpoints, checkpointsAfter: gc.after.checkpoints };
    return out;
  } finally {
    await handle.close();
    rmSync(home, { recursive: true, force: true });
  }
}

export async function runReliabilityBench(): Promise<Record<string, unknown>> {
  return { healthzUnderJobs: await healthzUnderJobs(), growth: await growthPerThousandConversations() };
}
