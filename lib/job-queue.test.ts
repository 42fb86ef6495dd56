import { describe, expect, it } from 'vitest';
import { JobQueue } from './job-queue.ts';

/** A job that finishes when told to, recording how many jobs were running at its start. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => (open = r));
  return { open, opened };
}

describe('job queue', () => {
  it('runs one job at a time by default, in order, and reports queue positions', async () => {
    const q = new JobQueue({ maxPerUser: 5, maxPerThread: 5 });
    const gates = [gate(), gate(), gate()];
    const order: number[] = [];
    let concurrent = 0;
    let peak = 0;
    const jobs = gates.map((g, i) =>
      q.submit({ kind: 'segmentation', userId: `u${i}`, threadId: `t${i}` }, async (c) => {
        concurrent++;
        peak = Math.max(peak, concurrent);
        order.push(i);
        c.progress('cluster', 0.5);
        await g.opened;
        concurrent--;
        return i;
      }),
    );
    expect(jobs.map((j) => j.job.position)).toEqual([1, 1, 2]);
    await Promise.resolve();
    expect(q.info(jobs[1]!.job.id)?.position).toBe(1);
    expect(q.info(jobs[2]!.job.id)?.position).toBe(2);
    expect(q.info(jobs[0]!.job.id)).toMatchObject({ state: 'running', stage: 'cluster', fraction: 0.5 });
    for (const g of gates) g.open();
    expect(await Promise.all(jobs.map((j) => j.result))).toEqual([0, 1, 2]);
    expect(peak).toBe(1);
    expect(order).toEqual([0, 1, 2]);
    expect(q.load).toEqual({ running: 0, queued: 0 });
  });

  it('allows more at once when configured', async () => {
    const q = new JobQueue({ maxConcurrent: 2, maxPerUser: 5, maxPerThread: 5 });
    const g = gate();
    const a = q.submit({ kind: 'x', userId: 'a', threadId: 'a' }, () => g.opened);
    const b = q.submit({ kind: 'x', userId: 'b', threadId: 'b' }, () => g.opened);
    await Promise.resolve();
    expect(q.load.running).toBe(2);
    g.open();
    await Promise.all([a.result, b.result]);
  });

  it('limits jobs per user and per conversation with a clear message', async () => {
    const q = new JobQueue();
    const g = gate();
    const first = q.submit({ kind: 'segmentation', userId: 'ana', threadId: 't1' }, () => g.opened);
    expect(() => q.submit({ kind: 'segmentation', userId: 'ana', threadId: 't2' }, async () => undefined)).toThrow(/already have 1 segmentation job \(job 1, (queued|running)\)/);
    expect(() => q.submit({ kind: 'segmentation', userId: 'bo', threadId: 't1' }, async () => undefined)).toThrow(/this conversation already has/);
    g.open();
    await first.result;
    const again = q.submit({ kind: 'segmentation', userId: 'ana', threadId: 't2' }, async () => 'ok');
    expect(await again.result).toBe('ok');
  });

  it('cancels a queued job (dropped) and a running one (its signal aborts)', async () => {
    const q = new JobQueue({ maxPerUser: 5, maxPerThread: 5 });
    const running = q.submit({ kind: 'x', userId: 'a', threadId: 'a' }, (c) => new Promise((_, reject) => c.signal.addEventListener('abort', () => reject(c.signal.reason))));
    const waiting = q.submit({ kind: 'x', userId: 'b', threadId: 'b' }, async () => 'never');
    expect(q.cancel(waiting.job.id, 'someone-else')).toBeNull();
    expect(q.cancel(waiting.job.id)?.state).toBe('cancelled');
    await expect(waiting.result).rejects.toThrow(/cancelled before it started/);
    await Promise.resolve();
    q.cancel(running.job.id);
    await expect(running.result).rejects.toThrow(/cancelled/);
    expect(q.info(running.job.id)?.state).toBe('cancelled');
  });
});
