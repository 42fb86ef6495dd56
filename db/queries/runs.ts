import { and, asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { PersonaError } from '../../lib/errors.ts';
import { readSetting, writeSetting } from './settings.ts';
import {
  assignments,
  runModels,
  runs,
  segments,
  type NewRunModel,
  type RunModel,
  type Assignment,
  type NewAssignment,
  type NewRun,
  type NewSegment,
  type Run,
  type Segment,
} from '../schema.ts';

export async function createRun(db: Db, row: NewRun): Promise<Run> {
  const [created] = await db.insert(runs).values(row).returning();
  if (!created) throw new Error('insert into runs returned no row');
  return created;
}

export async function markRunFailed(db: Db, id: number, error: string, stages: unknown): Promise<void> {
  await db.update(runs).set({ status: 'failed', error, stages, finishedAt: new Date() }).where(eq(runs.id, id));
}

/** Stores a finished run's results in one transaction: either all of it is there or none. */
export async function completeRun(
  db: Db,
  id: number,
  result: Pick<NewRun, 'algorithm' | 'customers' | 'metrics' | 'stages' | 'features'>,
  segmentRows: readonly Omit<NewSegment, 'runId'>[],
  assignmentRows: readonly Omit<NewAssignment, 'runId'>[],
  model?: Omit<NewRunModel, 'runId'>,
): Promise<void> {
  await db.transaction(async (tx) => {
    if (model) await tx.insert(runModels).values({ ...model, runId: id });
    if (segmentRows.length) await tx.insert(segments).values(segmentRows.map((s) => ({ ...s, runId: id })));
    for (let i = 0; i < assignmentRows.length; i += 1000) {
      await tx.insert(assignments).values(assignmentRows.slice(i, i + 1000).map((a) => ({ ...a, runId: id })));
    }
    await tx.update(runs).set({ ...result, status: 'succeeded', finishedAt: new Date() }).where(eq(runs.id, id));
  });
}

/** The fitted state stored with a run, or null (a failed run, or one stored before models were kept). */
export async function getRunModel(db: Db, runId: number): Promise<RunModel | null> {
  const [row] = await db.select().from(runModels).where(eq(runModels.runId, runId));
  return row ?? null;
}

export async function getRun(db: Db, id: number): Promise<Run | null> {
  const [row] = await db.select().from(runs).where(eq(runs.id, id));
  return row ?? null;
}

export async function listRuns(db: Db, limit = 50): Promise<Run[]> {
  return db.select().from(runs).orderBy(desc(runs.id)).limit(limit);
}

export async function latestSucceededRun(db: Db): Promise<Run | null> {
  const [row] = await db.select().from(runs).where(eq(runs.status, 'succeeded')).orderBy(desc(runs.id)).limit(1);
  return row ?? null;
}

const defaultRunKey = 'default_run';

/** Marks the run new conversations start from (`persona runs --default ID`, the API). */
export async function markDefaultRun(db: Db, id: number): Promise<Run> {
  const run = await getRun(db, id);
  if (!run) throw new PersonaError('not_found', `no run ${id}`);
  if (run.status !== 'succeeded') throw new PersonaError('bad_value', `run ${id} is ${run.status}; only a successful run can be the default`);
  await writeSetting(db, defaultRunKey, String(id));
  return run;
}

/**
 * The run a new conversation starts from: the run marked as default, else the newest successful run
 * over all customers (no parent run, so not a re-segmentation made in some conversation), else the
 * newest successful run.
 */
export async function defaultRun(db: Db): Promise<Run | null> {
  const marked = Number(await readSetting(db, defaultRunKey));
  if (Number.isInteger(marked) && marked > 0) {
    const run = await getRun(db, marked);
    if (run?.status === 'succeeded') return run;
  }
  const [root] = await db
    .select()
    .from(runs)
    .where(and(eq(runs.status, 'succeeded'), isNull(runs.parentRunId)))
    .orderBy(desc(runs.id))
    .limit(1);
  return root ?? latestSucceededRun(db);
}

const channelRunKey = (channel: string) => `channel_run:${channel}`;

/** Pins a run to a channel (a Slack channel): new conversations there start on it. null unpins. */
export async function pinChannelRun(db: Db, channel: string, id: number | null): Promise<Run | null> {
  if (id === null) {
    await writeSetting(db, channelRunKey(channel), '');
    return null;
  }
  const run = await getRun(db, id);
  if (!run) throw new PersonaError('not_found', `no run ${id}`);
  if (run.status !== 'succeeded') throw new PersonaError('bad_value', `run ${id} is ${run.status}; only a successful run can be pinned`);
  await writeSetting(db, channelRunKey(channel), String(id));
  return run;
}

/** The run pinned to a channel, when it still exists and succeeded. */
export async function channelRun(db: Db, channel: string): Promise<Run | null> {
  const pinned = Number(await readSetting(db, channelRunKey(channel)));
  if (!Number.isInteger(pinned) || pinned <= 0) return null;
  const run = await getRun(db, pinned);
  return run?.status === 'succeeded' ? run : null;
}

export async function runSegments(db: Db, runId: number): Promise<Segment[]> {
  return db.select().from(segments).where(eq(segments.runId, runId)).orderBy(asc(segments.segmentIndex));
}

export async function runAssignments(db: Db, runId: number): Promise<Assignment[]> {
  return db.select().from(assignments).where(eq(assignments.runId, runId)).orderBy(asc(assignments.customerExternalId));
}

/** A running run's owner says it is still alive. */
export async function touchRun(db: Db, id: number, at: Date = new Date()): Promise<void> {
  await db.update(runs).set({ heartbeatAt: at }).where(and(eq(runs.id, id), eq(runs.status, 'running')));
}

export async function runningRuns(db: Db): Promise<Run[]> {
  return db.select().from(runs).where(eq(runs.status, 'running')).orderBy(asc(runs.id));
}

/** Marks a run failed only if it is still running (its owner may have finished in between). */
export async function markRunInterrupted(db: Db, id: number, error: string): Promise<boolean> {
  const rows = await db
    .update(runs)
    .set({ status: 'failed', error, finishedAt: new Date() })
    .where(and(eq(runs.id, id), eq(runs.status, 'running')))
    .returning({ id: runs.id });
  return rows.length > 0;
}
