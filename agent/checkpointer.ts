/**
 * Conversation memory in our own database (PGlite or PostgreSQL): a LangGraph checkpoint saver, so a
 * thread's messages and focus survive restarts and are shared by every surface that names the thread.
 */
import type { RunnableConfig } from '@langchain/core/runnables';
import {
  BaseCheckpointSaver,
  WRITES_IDX_MAP,
  copyCheckpoint,
  getCheckpointId,
  type Checkpoint,
  type CheckpointListOptions,
  type CheckpointMetadata,
  type CheckpointPendingWrite,
  type CheckpointTuple,
  type PendingWrite,
} from '@langchain/langgraph-checkpoint';
import type { Db } from '../db/client.ts';
import {
  checkpointWriteRows,
  deleteThreadRows,
  getCheckpointRow,
  insertCheckpointRow,
  insertCheckpointWrites,
  listCheckpointRows,
  pruneThreadCheckpoints,
  type CheckpointRow,
} from '../db/queries/checkpoints.ts';
import { PersonaError } from '../lib/errors.ts';

export class DbCheckpointSaver extends BaseCheckpointSaver {
  /** `keepPerThread`: checkpoints kept per thread after each save (null keeps all). */
  constructor(
    private readonly db: Db,
    private readonly keepPerThread: number | null = null,
  ) {
    super();
  }

  async getTuple(config: RunnableConfig): Promise<CheckpointTuple | undefined> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (threadId === undefined) return undefined;
    const ns = (config.configurable?.checkpoint_ns as string | undefined) ?? '';
    const row = await getCheckpointRow(this.db, threadId, ns, getCheckpointId(config) || undefined);
    return row ? this.toTuple(row) : undefined;
  }

  async *list(config: RunnableConfig, options?: CheckpointListOptions): AsyncGenerator<CheckpointTuple> {
    const rows = await listCheckpointRows(this.db, {
      ...(config.configurable?.thread_id !== undefined ? { threadId: String(config.configurable.thread_id) } : {}),
      ...(config.configurable?.checkpoint_ns !== undefined ? { ns: String(config.configurable.checkpoint_ns) } : {}),
      ...(config.configurable?.checkpoint_id ? { checkpointId: String(config.configurable.checkpoint_id) } : {}),
      ...(options?.before?.configurable?.checkpoint_id ? { before: String(options.before.configurable.checkpoint_id) } : {}),
    });
    let left = options?.limit;
    for (const row of rows) {
      const tuple = await this.toTuple(row);
      if (options?.filter && !Object.entries(options.filter).every(([k, v]) => (tuple.metadata as Record<string, unknown> | undefined)?.[k] === v)) continue;
      if (left !== undefined && left-- <= 0) break;
      yield tuple;
    }
  }

  async put(config: RunnableConfig, checkpoint: Checkpoint, metadata: CheckpointMetadata): Promise<RunnableConfig> {
    const threadId = config.configurable?.thread_id as string | undefined;
    if (threadId === undefined) throw new PersonaError('bad_value', 'conversation memory: a thread_id is required');
    const ns = (config.configurable?.checkpoint_ns as string | undefined) ?? '';
    const [[checkpointType, body], [metadataType, meta]] = await Promise.all([this.serde.dumpsTyped(copyCheckpoint(checkpoint)), this.serde.dumpsTyped(metadata)]);
    await insertCheckpointRow(this.db, {
      threadId,
      checkpointNs: ns,
      checkpointId: checkpoint.id,
      parentCheckpointId: (config.configurable?.checkpoint_id as string | undefined) ?? null,
      checkpointType,
      checkpoint: body,
      metadataType,
      metadata: meta,
    });
    if (this.keepPerThread !== null) await pruneThreadCheckpoints(this.db, threadId, Math.max(1, this.keepPerThread));
    return { configurable: { thread_id: threadId, checkpoint_ns: ns, checkpoint_id: checkpoint.id } };
  }

  async putWrites(config: RunnableConfig, writes: PendingWrite[], taskId: string, taskPath?: string): Promise<void> {
    const threadId = config.configurable?.thread_id as string | undefined;
    const checkpointId = config.configurable?.checkpoint_id as string | undefined;
    if (threadId === undefined || checkpointId === undefined) throw new PersonaError('bad_value', 'conversation memory: thread_id and checkpoint_id are required for writes');
    const ns = (config.configurable?.checkpoint_ns as string | undefined) ?? '';
    const rows = await Promise.all(
      writes.map(async ([channel, value], idx) => {
        const [valueType, bytes] = await this.serde.dumpsTyped(value);
        return { threadId, checkpointNs: ns, checkpointId, taskId, idx: WRITES_IDX_MAP[channel] ?? idx, channel, valueType, value: bytes, taskPath: taskPath ?? '' };
      }),
    );
    // Special channels (errors, interrupts) overwrite; ordinary writes keep the first value, as in the reference saver.
    await insertCheckpointWrites(this.db, rows.filter((r) => r.idx < 0), true);
    await insertCheckpointWrites(this.db, rows.filter((r) => r.idx >= 0), false);
  }

  async deleteThread(threadId: string): Promise<void> {
    await deleteThreadRows(this.db, threadId);
  }

  private async toTuple(row: CheckpointRow): Promise<CheckpointTuple> {
    const writes = await checkpointWriteRows(this.db, row.threadId, row.checkpointNs, row.checkpointId);
    const pendingWrites: CheckpointPendingWrite[] = await Promise.all(
      writes.map(async (w) => [w.taskId, w.channel, await this.serde.loadsTyped(w.valueType, w.value)] as CheckpointPendingWrite),
    );
    return {
      config: { configurable: { thread_id: row.threadId, checkpoint_ns: row.checkpointNs, checkpoint_id: row.checkpointId } },
      checkpoint: (await this.serde.loadsTyped(row.checkpointType, row.checkpoint)) as Checkpoint,
      metadata: (await this.serde.loadsTyped(row.metadataType, row.metadata)) as CheckpointMetadata,
      pendingWrites,
      ...(row.parentCheckpointId
        ? { parentConfig: { configurable: { thread_id: row.threadId, checkpoint_ns: row.checkpointNs, checkpoint_id: row.parentCheckpointId } } }
        : {}),
    };
  }
}
