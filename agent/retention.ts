/**
 * Conversation memory is bounded: each thread keeps its newest checkpoints (the newest holds the whole
 * conversation state; older ones only allow time travel), and threads idle for long are forgotten.
 * Applied on every saved step (per thread) and by `persona gc` / the server's periodic sweep (all threads).
 */
import type { Db } from '../db/client.ts';
import { checkpointCounts, deleteThreadRows, idleThreads, pruneThreadCheckpoints, threadIds } from '../db/queries/checkpoints.ts';

export interface RetentionOptions {
  /** Checkpoints kept per thread (PERSONA_CHECKPOINTS_PER_THREAD). */
  readonly keepPerThread?: number;
  /** A thread with no new message for this many days is deleted (PERSONA_THREAD_IDLE_DAYS); 0 keeps them forever. */
  readonly idleDays?: number;
}

export const retentionDefaults = { keepPerThread: 10, idleDays: 30 } as const;

export type RetentionPolicy = Required<RetentionOptions>;

export function retentionPolicy(o: RetentionOptions = {}): RetentionPolicy {
  const keepPerThread = o.keepPerThread ?? retentionDefaults.keepPerThread;
  const idleDays = o.idleDays ?? retentionDefaults.idleDays;
  // The newest checkpoint is the conversation: never keep fewer than one.
  return { keepPerThread: Math.max(1, Math.floor(keepPerThread)), idleDays: Math.max(0, idleDays) };
}

export interface GcReport {
  readonly policy: RetentionPolicy;
  readonly before: { threads: number; checkpoints: number; writes: number };
  readonly after: { threads: number; checkpoints: number; writes: number };
  readonly expiredThreads: number;
  readonly prunedCheckpoints: number;
}

/** Applies the policy to every thread. */
export async function collectGarbage(db: Db, options: RetentionOptions = {}, now: Date = new Date()): Promise<GcReport> {
  const policy = retentionPolicy(options);
  const before = await checkpointCounts(db);
  let expiredThreads = 0;
  if (policy.idleDays > 0) {
    const cutoff = new Date(now.getTime() - policy.idleDays * 86_400_000);
    for (const threadId of await idleThreads(db, cutoff)) {
      await deleteThreadRows(db, threadId);
      expiredThreads++;
    }
  }
  let prunedCheckpoints = 0;
  for (const threadId of await threadIds(db)) prunedCheckpoints += await pruneThreadCheckpoints(db, threadId, policy.keepPerThread);
  return { policy, before, after: await checkpointCounts(db), expiredThreads, prunedCheckpoints };
}
