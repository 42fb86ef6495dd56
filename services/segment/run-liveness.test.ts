import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../../db/client.ts';
import { openEmptyDatabase } from '../../test/empty-database.ts';
import { createRun, getRun, touchRun } from '../../db/queries/runs.ts';
import { reapInterruptedRuns } from './run-liveness.ts';

let handle: DbHandle;
beforeAll(async () => {
  handle = await openEmptyDatabase();
});
afterAll(async () => handle?.close());

const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid as number;

async function running(owner: { ownerPid: number | null; ownerHost: string | null; heartbeatAt: Date | null }) {
  return createRun(handle.db, { status: 'running', datasetIds: [], params: {}, seed: 1, ...owner });
}

describe('interrupted runs', () => {
  it('marks runs of a dead process, and silent runs of other hosts, failed as interrupted; keeps live ones running', async () => {
    const now = new Date();
    const dead = await running({ ownerPid: deadPid(), ownerHost: hostname(), heartbeatAt: now });
    const live = await running({ ownerPid: process.ppid, ownerHost: hostname(), heartbeatAt: now });
    const silent = await running({ ownerPid: 99, ownerHost: 'elsewhere', heartbeatAt: new Date(now.getTime() - 10 * 60_000) });
    const beating = await running({ ownerPid: 99, ownerHost: 'elsewhere', heartbeatAt: now });

    const marked = await reapInterruptedRuns(handle.db, { exclusive: false, staleAfterMs: 60_000 });
    expect(marked.sort()).toEqual([dead.id, silent.id].sort());
    const deadRow = await getRun(handle.db, dead.id);
    expect(deadRow).toMatchObject({ status: 'failed' });
    expect(deadRow?.error).toMatch(/^interrupted: .*is gone/);
    expect(deadRow?.finishedAt).not.toBeNull();
    expect((await getRun(handle.db, silent.id))?.error).toMatch(/^interrupted: no heartbeat from pid 99 on elsewhere/);
    expect((await getRun(handle.db, live.id))?.status).toBe('running');
    expect((await getRun(handle.db, beating.id))?.status).toBe('running');

    // With the embedded database's lock held, nothing else can be computing: every running run is interrupted.
    await touchRun(handle.db, live.id);
    const rest = await reapInterruptedRuns(handle.db, { exclusive: true });
    expect(rest.sort()).toEqual([live.id, beating.id].sort());
  });

  it('never touches finished runs', async () => {
    const done = await createRun(handle.db, { status: 'succeeded', datasetIds: [], params: {}, seed: 1, ownerPid: deadPid(), ownerHost: hostname() });
    await reapInterruptedRuns(handle.db, { exclusive: true });
    expect((await getRun(handle.db, done.id))?.status).toBe('succeeded');
  });
});
