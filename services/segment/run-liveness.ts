/**
 * Runs that were computing when their process died (kill -9, power loss) would stay "running" forever.
 * A running run carries its owner (pid, host) and a heartbeat; on start-up every surface reaps the runs
 * whose owner is gone and marks them failed with an "interrupted" reason, so `persona runs` tells the truth.
 */
import { hostname } from 'node:os';
import type { Db } from '../../db/client.ts';
import { markRunInterrupted, runningRuns, touchRun } from '../../db/queries/runs.ts';
import type { Run } from '../../db/schema.ts';
import { processAlive } from '../../lib/home-lock.ts';

export interface LivenessOptions {
  /** Heartbeat period of a running run. */
  readonly heartbeatMs?: number;
  /** A run silent this long is presumed dead even when its owner cannot be checked (another host). */
  readonly staleAfterMs?: number;
}

export const livenessDefaults = { heartbeatMs: 10_000, staleAfterMs: 120_000 } as const;

export interface ReapOptions extends LivenessOptions {
  /**
   * This process holds the database exclusively (the embedded database's home lock): any run still
   * "running" was left by a process that no longer exists.
   */
  readonly exclusive: boolean;
  readonly isAlive?: (pid: number) => boolean;
  readonly now?: Date;
}

/** Why a running run is considered interrupted, or null if it may still be computing. */
export function interruptionReason(run: Run, o: ReapOptions): string | null {
  const isAlive = o.isAlive ?? processAlive;
  const now = (o.now ?? new Date()).getTime();
  const owner = run.ownerPid !== null ? `pid ${run.ownerPid} on ${run.ownerHost ?? 'an unknown host'}` : 'an unrecorded process';
  const last = run.heartbeatAt ?? run.createdAt;
  const since = `last heartbeat ${last.toISOString()}`;
  if (o.exclusive) return `interrupted: the process computing it (${owner}) stopped before finishing (${since})`;
  if (run.ownerPid !== null && run.ownerHost === hostname() && run.ownerPid !== process.pid && !isAlive(run.ownerPid)) {
    return `interrupted: the process computing it (${owner}) is gone (${since})`;
  }
  const stale = o.staleAfterMs ?? livenessDefaults.staleAfterMs;
  if (now - last.getTime() > stale) return `interrupted: no heartbeat from ${owner} for over ${Math.round(stale / 1000)} s (${since})`;
  return null;
}

/** Marks every running run whose process is gone as failed; returns the ids marked. */
export async function reapInterruptedRuns(db: Db, o: ReapOptions): Promise<number[]> {
  const marked: number[] = [];
  for (const run of await runningRuns(db)) {
    const reason = interruptionReason(run, o);
    if (reason && (await markRunInterrupted(db, run.id, reason))) marked.push(run.id);
  }
  return marked;
}

/** Who owns a new run, recorded when it is created. */
export function runOwner(): { ownerPid: number; ownerHost: string; heartbeatAt: Date } {
  return { ownerPid: process.pid, ownerHost: hostname(), heartbeatAt: new Date() };
}

/** Beats every `heartbeatMs` until stopped; a failed beat is retried at the next tick. */
export function startHeartbeat(db: Db, runId: number, o: LivenessOptions = {}): () => void {
  const timer = setInterval(() => void touchRun(db, runId).catch(() => undefined), o.heartbeatMs ?? livenessDefaults.heartbeatMs);
  timer.unref();
  return () => clearInterval(timer);
}
