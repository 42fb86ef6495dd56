/**
 * Conversation memory is bounded: a long thread keeps only its newest checkpoints yet remembers the whole
 * conversation, idle threads expire, and gc applies both to every thread (PGlite and, when configured,
 * PostgreSQL).
 */
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { DbCheckpointSaver } from '../../agent/checkpointer.ts';
import { collectGarbage, retentionPolicy } from '../../agent/retention.ts';
import { checkpointCounts } from '../../db/queries/checkpoints.ts';
import { testDrivers } from '../../db/test-databases.ts';

const Notes = Annotation.Root({ notes: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }) });

function graph(saver: DbCheckpointSaver) {
  return new StateGraph(Notes)
    .addNode('echo', (s: typeof Notes.State) => ({ notes: [`reply ${s.notes.length}`] }))
    .addEdge(START, 'echo')
    .addEdge('echo', END)
    .compile({ checkpointer: saver });
}

describe.each(testDrivers().map((d) => [d.name, d] as const))('checkpoint retention on %s', (_name, driver) => {
  it('keeps the newest checkpoints of a thread and still remembers the whole conversation', async () => {
    const handle = await driver.open();
    try {
      const g = graph(new DbCheckpointSaver(handle.db, 4));
      const thread = { configurable: { thread_id: 'long-thread' } };
      let state: typeof Notes.State = { notes: [] };
      for (let i = 0; i < 12; i++) state = await g.invoke({ notes: [`q${i}`] }, thread);
      expect(state.notes).toHaveLength(24);
      const counts = await checkpointCounts(handle.db);
      expect(counts.checkpoints).toBe(4);
      // A new saver (a restarted server) continues from the kept state.
      const next = await graph(new DbCheckpointSaver(handle.db, 4)).invoke({ notes: ['q12'] }, thread);
      expect(next.notes.slice(0, 3)).toEqual(['q0', 'reply 1', 'q1']);
      expect(next.notes).toHaveLength(26);
    } finally {
      await handle.close();
    }
  });

  it('gc deletes idle threads and prunes every thread to the policy', async () => {
    const handle = await driver.open();
    try {
      const unbounded = graph(new DbCheckpointSaver(handle.db));
      for (const t of ['old-1', 'old-2', 'fresh']) {
        for (let i = 0; i < 5; i++) await unbounded.invoke({ notes: [`${t}-${i}`] }, { configurable: { thread_id: t } });
      }
      await handle.db.execute(sql`update agent_checkpoints set created_at = now() - interval '40 days' where thread_id like 'old-%'`);
      expect((await checkpointCounts(handle.db)).threads).toBe(3);
      const report = await collectGarbage(handle.db, { keepPerThread: 2, idleDays: 30 });
      expect(report.expiredThreads).toBe(2);
      expect(report.after).toMatchObject({ threads: 1, checkpoints: 2 });
      expect(report.before.checkpoints).toBeGreaterThan(report.after.checkpoints);
      const again = await unbounded.invoke({ notes: ['fresh-5'] }, { configurable: { thread_id: 'fresh' } });
      expect(again.notes[0]).toBe('fresh-0');
    } finally {
      await handle.close();
    }
  });

  it('never keeps fewer than one checkpoint per thread', () => {
    expect(retentionPolicy({ keepPerThread: 0, idleDays: -1 })).toEqual({ keepPerThread: 1, idleDays: 0 });
  });
});
