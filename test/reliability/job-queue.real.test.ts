/**
 * Re-segmentations requested from chat wait in one queue: several conversations asking at once get one
 * run at a time, each told its place in line; a conversation cannot stack a second one; a cancelled
 * request leaves no running run behind.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client.ts';
import { listRuns } from '../../db/queries/runs.ts';
import { JobQueue } from '../../lib/job-queue.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { segment } from '../../tools/data-tools.ts';
import { runTool } from '../../tools/define.ts';
import type { ToolContext } from '../../tools/types.ts';

let dir: string;
let handle: DbHandle;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'persona-jobs-'));
  handle = await openDatabase();
  const rows = Array.from({ length: 60 }, (_, i) => `m${i},${(i % 3) * 20 + (i % 7)},${(i * 11) % 19},${['dune', 'reef', 'moss'][i % 3]}`);
  writeFileSync(join(dir, 'members.csv'), `member_id,trips,gear_spend,biome\n${rows.join('\n')}\n`);
  await importDataset(handle.db, { file: join(dir, 'members.csv'), settings: { kind: 'customers', overrides: {} } });
});
afterAll(async () => {
  await handle?.close();
  rmSync(dir, { recursive: true, force: true });
});

function context(jobs: JobQueue, threadId: string, statuses: string[]): ToolContext {
  return { db: handle.db, focus: { runId: null, segmentId: null, segmentRunId: null }, exportDir: dir, jobs, threadId, userId: `user-${threadId}`, onProgress: (s) => statuses.push(s) };
}

describe('segmentation queue', () => {
  it('runs concurrent chat requests one at a time and tells each its place in line', async () => {
    const jobs = new JobQueue();
    const statuses: string[][] = [[], [], []];
    const results = await Promise.all([0, 1, 2].map((i) => runTool(segment, context(jobs, `thread-${i}`, statuses[i]!), { k: 2 + i })));
    for (const r of results) expect(r.ok, JSON.stringify(r)).toBe(true);
    const positions = results.map((r) => (r.ok ? (r.data as { job: { queuePosition: number } }).job.queuePosition : -1));
    expect(positions).toEqual([1, 1, 2]);
    expect(statuses[2]!.some((s) => /queued: job \d+, position 2 in line/.test(s))).toBe(true);
    // Never two runs computing at once: each run started after the previous one finished.
    const runs = (await listRuns(handle.db)).sort((a, b) => a.id - b.id);
    expect(runs).toHaveLength(3);
    for (let i = 1; i < runs.length; i++) expect(runs[i]!.createdAt.getTime()).toBeGreaterThanOrEqual(runs[i - 1]!.finishedAt!.getTime());
  });

  it('refuses a second request from the same conversation while one is waiting or running, and cancels cleanly', async () => {
    const jobs = new JobQueue();
    const first = runTool(segment, context(jobs, 'busy', []), { k: 2 });
    await vi.waitFor(() => expect(jobs.list().some((j) => j.threadId === 'busy')).toBe(true));
    const second = await runTool(segment, context(jobs, 'busy', []), { k: 3 });
    expect(second).toMatchObject({ ok: false, error: { code: 'job_limit' } });
    expect(!second.ok && second.error.message).toMatch(/already/);
    const waiting = runTool(segment, context(jobs, 'patient', []), { k: 3 });
    await vi.waitFor(() => expect(jobs.list().some((j) => j.threadId === 'patient')).toBe(true));
    const queuedJob = jobs.list().find((j) => j.threadId === 'patient');
    expect(queuedJob?.state).toBe('queued');
    jobs.cancel(queuedJob!.id);
    expect(await waiting).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect((await first).ok).toBe(true);
    expect((await listRuns(handle.db)).filter((r) => r.status === 'running')).toEqual([]);
  });
});
