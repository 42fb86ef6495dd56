/**
 * The agent suite through ChatOpenAI: one tuning case of every category on the sample, asked through the
 * real ChatOpenAI client against the local scripted OpenAI-compatible server. The scripted model decides
 * as the offline planner would on the conversation it is sent over the wire (system prompt, tool calls,
 * tool results as JSON), so the answers must match the offline run turn for turn: that proves tool
 * schemas, arguments, results and memory survive the OpenAI plumbing. Every request must offer
 * describe_data, and the condition-taking tools must carry the run's catalogue in their descriptions.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import { OfflinePlanner } from '../../agent/offline-planner.ts';
import { createResidentEmbedder, type ClosableEmbedder } from '../../pipeline/embed/resident-embedder.ts';
import { openDemoFixture, type DemoFixture } from '../../test/demo-fixture.ts';
import { startFakeOpenAI, type ChatRequestBody, type FakeOpenAI, type FakeReply } from '../../test/fake-openai/server.ts';
import { categories } from './types.ts';
import { selectCases, type SplitCase } from './index.ts';
import { runCases } from './runner.ts';
import type { PreparedDataset } from './datasets.ts';

let encoder: ClosableEmbedder;
let fake: FakeOpenAI;
const fixtures: DemoFixture[] = [];
const workDir = mkdtempSync(join(tmpdir(), 'persona-agent-llm-'));

/** OpenAI wire messages back into LangChain messages, as the offline planner reads them. */
function fromWire(body: ChatRequestBody): BaseMessage[] {
  const names = new Map<string, string>();
  return body.messages.map((m) => {
    const content = typeof m.content === 'string' ? m.content : m.content === null || m.content === undefined ? '' : JSON.stringify(m.content);
    switch (m.role) {
      case 'system':
      case 'developer':
        return new SystemMessage(content);
      case 'user':
        return new HumanMessage(content);
      case 'assistant': {
        const calls = (m.tool_calls ?? []).map((c) => {
          names.set(c.id, c.function.name);
          return { id: c.id, name: c.function.name, args: JSON.parse(c.function.arguments || '{}') as Record<string, unknown>, type: 'tool_call' as const };
        });
        return new AIMessage({ content, tool_calls: calls });
      }
      case 'tool':
        return new ToolMessage({ content, tool_call_id: m.tool_call_id ?? '', name: names.get(m.tool_call_id ?? '') ?? '' });
      default:
        throw new Error(`unexpected role ${m.role}`);
    }
  });
}

/** The slice: the first tuning case of every category on the sample. */
const slice: SplitCase[] = categories.map((c) => selectCases({ datasets: ['sample'], split: 'tuning' }).find((x) => x.category === c)).filter((x): x is SplitCase => x !== undefined);

const prepared = (f: DemoFixture): PreparedDataset => ({ handle: { db: f.db, driver: 'pglite', location: f.home, lock: null, close: async () => undefined }, runId: f.runId, home: f.home });

beforeAll(async () => {
  encoder = createResidentEmbedder();
  const planner = new OfflinePlanner({ encoder });
  fake = await startFakeOpenAI(async (body): Promise<FakeReply> => {
    const reply = await planner.invoke(fromWire(body));
    const calls = reply.tool_calls ?? [];
    return calls.length ? { toolCalls: calls.map((c) => ({ name: c.name, args: c.args as Record<string, unknown> })) } : { content: String(reply.content) };
  });
  fixtures.push(await openDemoFixture(), await openDemoFixture());
}, 1_800_000);

afterAll(async () => {
  await fake?.close();
  for (const f of fixtures) await f.close();
  await encoder?.close();
  rmSync(workDir, { recursive: true, force: true });
});

describe('the agent suite through ChatOpenAI and the scripted local server', () => {
  it('covers every category and answers as the offline planner does, with the catalogue in the tool descriptions', async () => {
    expect(slice.map((c) => c.category).sort()).toEqual([...categories].sort());
    const offline = await runCases(slice, { workDir, encoder, prepared: { sample: prepared(fixtures[0]!) } });
    const llm = await runCases(slice, {
      workDir,
      encoder,
      prepared: { sample: prepared(fixtures[1]!) },
      configuration: { model: { kind: 'openai', baseUrl: fake.url, apiKey: 'test', model: 'scripted' }, maxSteps: 8 },
    });
    expect(llm.outcomes.length).toBe(slice.length);
    for (const [i, o] of llm.outcomes.entries()) {
      const off = offline.outcomes[i]!;
      expect(o.answers, o.id).toEqual(off.answers);
      expect(o.passed, `${o.id}: ${o.reasons.join('; ')}`).toBe(off.passed);
    }
    expect(llm.outcomes.filter((o) => o.passed).length / slice.length).toBeGreaterThanOrEqual(0.9);

    expect(fake.requests.length).toBeGreaterThan(slice.length);
    for (const r of fake.requests) {
      const tools = new Map((r.tools ?? []).map((t) => [t.function.name, t.function.description ?? '']));
      expect(tools.has('describe_data')).toBe(true);
      expect(tools.get('count_customers')).toMatch(/Columns of run \d+ \(\d+ customers/);
      expect(tools.get('rank_segments')).toMatch(/use these names in conditions/);
      expect(tools.get('find_segment')).not.toMatch(/Columns of run/);
    }
  }, 1_800_000);
});
