/**
 * The same conversation through ChatOpenAI against a scripted local OpenAI-compatible server: tool call →
 * tool result → answer, with the graph attaching evidence from the tool results and the memory resolving
 * "them". The fake model plays a competent LLM: it reads the tool results it is sent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startFakeOpenAI, type ChatRequestBody, type FakeOpenAI, type FakeReply } from '../test/fake-openai/server.ts';
import { openDemoFixture, type DemoFixture } from '../test/demo-fixture.ts';
import { allTools } from '../tools/registry.ts';
import type { ChatService } from './chat-types.ts';
import { createChatService } from './service.ts';

let demo: DemoFixture;
let fake: FakeOpenAI;
let chat: ChatService;

const lastUser = (b: ChatRequestBody) => String([...b.messages].reverse().find((m) => m.role === 'user')?.content ?? '');
const toolResults = (b: ChatRequestBody) => {
  const out: { name: string; content: { ok: boolean; data?: Record<string, unknown>; evidence?: { cite: number }[] } }[] = [];
  for (let i = b.messages.length - 1; i >= 0 && b.messages[i]!.role === 'tool'; i--) out.unshift({ name: b.messages[i]!.name ?? '', content: JSON.parse(String(b.messages[i]!.content)) });
  return out;
};

/** The scripted model: a tool call for a new question, an answer once the tool results are in. */
function model(body: ChatRequestBody): FakeReply {
  const q = lastUser(body);
  const results = toolResults(body);
  const last = results.at(-1);
  if (!last) {
    if (/trust skeptics/.test(q)) return { toolCalls: [{ name: 'find_segment', args: { query: 'trust skeptics' } }] };
    if (/re-segment/.test(q)) return { toolCalls: [{ name: 'segment', args: { minOrders: 3, k: 4 } }] };
    if (/lifetime value/.test(q)) return { toolCalls: [{ name: 'predict_ltv', args: {} }] };
    if (/channels/.test(q)) return { toolCalls: [{ name: 'map_channels', args: {} }] };
    if (/campaign/.test(q)) return { toolCalls: [{ name: 'draft_campaign', args: {} }] };
    return { content: 'I can only talk about your segments.' };
  }
  if (last.name === 'find_segment') {
    const seg = last.content.data?.segment as { segmentId: number };
    return { toolCalls: [{ name: 'explain_segment', args: { runId: last.content.data?.runId, segmentId: seg.segmentId } }] };
  }
  const cites = (last.content.evidence ?? []).map((e) => `[${e.cite}]`).join(' ');
  const d = last.content.data ?? {};
  switch (last.name) {
    case 'explain_segment':
      return { content: `Your trust skeptics are "${d.label}": ${d.size} customers. ${cites}` };
    case 'segment':
      return { content: `New run ${d.runId} with ${(d.segments as unknown[]).length} segments over ${d.customers} customers.` };
    default:
      return { content: `${last.name} for ${(d.segment as { label: string }).label}: done. ${cites}` };
  }
}

beforeAll(async () => {
  demo = await openDemoFixture();
  fake = await startFakeOpenAI(model);
  chat = createChatService({
    db: demo.db,
    configuration: { model: { kind: 'openai', baseUrl: fake.url, apiKey: 'test', model: 'fake-model' }, maxSteps: 8 },
    exportDir: join(demo.home, 'exports'),
  });
});

afterAll(async () => {
  await fake?.close();
  await demo?.close();
});

describe('the agent through ChatOpenAI and a scripted OpenAI-compatible server', () => {
  const thread = 'llm-thread';
  let segmentId = -1;

  it('calls tools, gets their results and answers with evidence attached by the graph', async () => {
    const a = await chat.ask({ threadId: thread, text: 'who are my trust skeptics?' });
    expect(a.toolCalls.map((t) => t.name)).toEqual(['find_segment', 'explain_segment']);
    // The segment found carries the general taxonomy's trust theme as its label.
    expect(a.answer).toMatch(/Your trust skeptics are "Trust & safety concerns: [^"]+": \d+ customers\. \[1\]/);
    expect(a.evidence.length).toBeGreaterThanOrEqual(2);
    expect(a.cards).toHaveLength(1);
    segmentId = a.segmentId!;
    // Every tool of the registry was offered, with a JSON schema; the system prompt carries the rules and the focus.
    const first = fake.requests.at(-3)!;
    expect(first.tools?.map((t) => t.function.name)).toEqual(allTools.map((t) => t.name));
    for (const t of first.tools ?? []) expect(t.function.parameters, t.function.name).toMatchObject({ type: 'object' });
    expect(first.messages[0]).toMatchObject({ role: 'system' });
    expect(String(first.messages[0]!.content)).toContain('Conversation focus:');
  });

  it('keeps customer text in tool results, out of the system prompt', () => {
    const explainRequest = fake.requests.at(-1)!;
    const tool = explainRequest.messages.at(-1)!;
    expect(tool.role).toBe('tool');
    const evidence = (JSON.parse(String(tool.content)) as { evidence: { customerText: string }[] }).evidence;
    expect(evidence.length).toBeGreaterThan(0);
    for (const m of explainRequest.messages.filter((x) => x.role === 'system')) {
      for (const e of evidence) expect(String(m.content)).not.toContain(e.customerText);
    }
  });

  it('re-segments, then answers follow-ups about the segment in focus', async () => {
    const r = await chat.ask({ threadId: thread, text: 're-segment only customers with at least 3 orders into 4 groups' });
    expect(r.answer).toMatch(/New run \d+ with 4 segments over \d+ customers/);
    for (const [q, tool] of [['what is their lifetime value?', 'predict_ltv'], ['which channels should I use for them?', 'map_channels'], ['draft a campaign for them', 'draft_campaign']] as const) {
      const a = await chat.ask({ threadId: thread, text: q });
      expect(a.toolCalls).toEqual([{ name: tool, args: {} }]);
      expect(a.answer).toMatch(new RegExp(`^${tool} for Trust & safety concerns: [^:]+: done\\.`));
      expect(a.segmentId).toBe(segmentId);
    }
  });
});
