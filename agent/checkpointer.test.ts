/** Conversation memory in both databases: a graph's state survives a new saver instance, history lists, threads delete. */
import { describe, expect, it } from 'vitest';
import { Annotation, END, START, StateGraph } from '@langchain/langgraph';
import { testDrivers } from '../db/test-databases.ts';
import { DbCheckpointSaver } from './checkpointer.ts';

const Counter = Annotation.Root({
  total: Annotation<number>({ reducer: (a, b) => a + b, default: () => 0 }),
  notes: Annotation<string[]>({ reducer: (a, b) => [...a, ...b], default: () => [] }),
});

function counterGraph(saver: DbCheckpointSaver) {
  return new StateGraph(Counter)
    .addNode('add', (s: typeof Counter.State) => ({ total: 1, notes: [`step ${s.total + 1}`] }))
    .addEdge(START, 'add')
    .addEdge('add', END)
    .compile({ checkpointer: saver });
}

describe.each(testDrivers().map((d) => [d.name, d] as const))('DbCheckpointSaver on %s', (_name, driver) => {
  it('keeps a thread across saver instances, separate from other threads, and deletes it', async () => {
    const handle = await driver.open();
    try {
      const thread = { configurable: { thread_id: 'slack:T1:C1:1700000000.000100' } };
      await counterGraph(new DbCheckpointSaver(handle.db)).invoke({ total: 10, notes: ['start'] }, thread);
      // A new saver over the same database (a restarted server) continues the thread.
      const second = await counterGraph(new DbCheckpointSaver(handle.db)).invoke({ total: 0, notes: ['again'] }, thread);
      expect(second.total).toBe(12);
      expect(second.notes).toEqual(['start', 'step 11', 'again', 'step 12']);

      const other = await counterGraph(new DbCheckpointSaver(handle.db)).invoke({ total: 0 }, { configurable: { thread_id: 'other' } });
      expect(other.total).toBe(1);

      const saver = new DbCheckpointSaver(handle.db);
      const history = [];
      for await (const t of saver.list(thread)) history.push(t);
      expect(history.length).toBeGreaterThanOrEqual(4);
      const ids = history.map((h) => h.config.configurable?.checkpoint_id as string);
      expect([...ids].sort().reverse()).toEqual(ids);
      const limited = [];
      for await (const t of saver.list(thread, { limit: 2 })) limited.push(t);
      expect(limited).toHaveLength(2);

      await saver.deleteThread('slack:T1:C1:1700000000.000100');
      expect(await saver.getTuple(thread)).toBeUndefined();
      expect((await saver.getTuple({ configurable: { thread_id: 'other' } }))?.checkpoint).toBeTruthy();
    } finally {
      await handle.close();
    }
  });
});
