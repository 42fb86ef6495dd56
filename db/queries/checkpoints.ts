/** Named queries behind the conversation checkpointer. */
import { and, asc, count, countDistinct, desc, eq, lt, max, sql } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { agentCheckpoints, agentCheckpointWrites } from '../schema.ts';

export type CheckpointRow = typeof agentCheckpoints.$inferSelect;
export type CheckpointWriteRow = typeof agentCheckpointWrites.$inferSelect;

export async function getCheckpointRow(db: Db, threadId: string, ns: string, checkpointId?: string): Promise<CheckpointRow | null> {
  const where = and(
    eq(agentCheckpoints.threadId, threadId),
    eq(agentCheckpoints.checkpointNs, ns),
    ...(checkpointId ? [eq(agentCheckpoints.checkpointId, checkpointId)] : []),
  );
  // Checkpoint ids are time-ordered (uuid6), so the greatest is the newest.
  const [row] = await db.select().from(agentCheckpoints).where(where).orderBy(desc(agentCheckpoints.checkpointId)).limit(1);
  return row ?? null;
}

export async function listCheckpointRows(
  db: Db,
  filter: { threadId?: string; ns?: string; checkpointId?: string; before?: string; limit?: number },
): Promise<CheckpointRow[]> {
  const where = and(
    ...(filter.threadId !== undefined ? [eq(agentCheckpoints.threadId, filter.threadId)] : []),
    ...(filter.ns !== undefined ? [eq(agentCheckpoints.checkpointNs, filter.ns)] : []),
    ...(filter.checkpointId ? [eq(agentCheckpoints.checkpointId, filter.checkpointId)] : []),
    ...(filter.before ? [lt(agentCheckpoints.checkpointId, filter.before)] : []),
  );
  const q = db.select().from(agentCheckpoints).where(where).orderBy(desc(agentCheckpoints.checkpointId));
  return filter.limit !== undefined ? q.limit(filter.limit) : q;
}

export async function insertCheckpointRow(db: Db, row: typeof agentCheckpoints.$inferInsert): Promise<void> {
  await db
    .insert(agentCheckpoints)
    .values(row)
    .onConflictDoUpdate({
      target: [agentCheckpoints.threadId, agentCheckpoints.checkpointNs, agentCheckpoints.checkpointId],
      set: { checkpoint: row.checkpoint, checkpointType: row.checkpointType, metadata: row.metadata, metadataType: row.metadataType, parentCheckpointId: row.parentCheckpointId },
    });
}

export async function insertCheckpointWrites(db: Db, rows: (typeof agentCheckpointWrites.$inferInsert)[], overwrite: boolean): Promise<void> {
  if (!rows.length) return;
  const insert = db.insert(agentCheckpointWrites).values(rows);
  const target = [agentCheckpointWrites.threadId, agentCheckpointWrites.checkpointNs, agentCheckpointWrites.checkpointId, agentCheckpointWrites.taskId, agentCheckpointWrites.idx];
  await (overwrite
    ? insert.onConflictDoUpdate({ target, set: { channel: agentCheckpointWrites.channel, value: agentCheckpointWrites.value, valueType: agentCheckpointWrites.valueType } })
    : insert.onConflictDoNothing({ target }));
}

export async function checkpointWriteRows(db: Db, threadId: string, ns: string, checkpointId: string): Promise<CheckpointWriteRow[]> {
  return db
    .select()
    .from(agentCheckpointWrites)
    .where(and(eq(agentCheckpointWrites.threadId, threadId), eq(agentCheckpointWrites.checkpointNs, ns), eq(agentCheckpointWrites.checkpointId, checkpointId)))
    .orderBy(asc(agentCheckpointWrites.taskPath), asc(agentCheckpointWrites.taskId), asc(agentCheckpointWrites.idx));
}

export async function deleteThreadRows(db: Db, threadId: string): Promise<void> {
  await db.transaction(async (tx) => {
    await tx.delete(agentCheckpointWrites).where(eq(agentCheckpointWrites.threadId, threadId));
    await tx.delete(agentCheckpoints).where(eq(agentCheckpoints.threadId, threadId));
  });
}

/** Keeps the newest `keep` checkpoints of each namespace of a thread (and their writes); returns rows deleted. */
export async function pruneThreadCheckpoints(db: Db, threadId: string, keep: number): Promise<number> {
  const result = await db.execute(sql`
    with ranked as (
      select checkpoint_ns, checkpoint_id,
             row_number() over (partition by checkpoint_ns order by checkpoint_id desc) as n
      from agent_checkpoints where thread_id = ${threadId}
    ), old as (select checkpoint_ns, checkpoint_id from ranked where n > ${keep}),
    gone_writes as (
      delete from agent_checkpoint_writes w using old
      where w.thread_id = ${threadId} and w.checkpoint_ns = old.checkpoint_ns and w.checkpoint_id = old.checkpoint_id
      returning 1
    )
    delete from agent_checkpoints c using old
    where c.thread_id = ${threadId} and c.checkpoint_ns = old.checkpoint_ns and c.checkpoint_id = old.checkpoint_id
    returning 1`);
  return rowCount(result);
}

/** Threads whose newest checkpoint is older than `before`. */
export async function idleThreads(db: Db, before: Date, limit = 10_000): Promise<string[]> {
  const rows = await db
    .select({ threadId: agentCheckpoints.threadId })
    .from(agentCheckpoints)
    .groupBy(agentCheckpoints.threadId)
    .having(lt(max(agentCheckpoints.createdAt), before))
    .limit(limit);
  return rows.map((r) => r.threadId);
}

export async function threadIds(db: Db): Promise<string[]> {
  const rows = await db.selectDistinct({ threadId: agentCheckpoints.threadId }).from(agentCheckpoints);
  return rows.map((r) => r.threadId);
}

export async function checkpointCounts(db: Db): Promise<{ threads: number; checkpoints: number; writes: number }> {
  const [c] = await db.select({ checkpoints: count(), threads: countDistinct(agentCheckpoints.threadId) }).from(agentCheckpoints);
  const [w] = await db.select({ writes: count() }).from(agentCheckpointWrites);
  return { threads: Number(c?.threads ?? 0), checkpoints: Number(c?.checkpoints ?? 0), writes: Number(w?.writes ?? 0) };
}

function rowCount(result: unknown): number {
  const r = result as { rowCount?: number | null; affectedRows?: number; rows?: unknown[] };
  return r.rows?.length ?? r.affectedRows ?? r.rowCount ?? 0;
}
