/**
 * The offline agent end to end on the demo data, in one thread: find the planted trust skeptics with
 * real quotes, re-segment a subset, and answer value, channel and campaign questions about the segment
 * in focus. Memory survives a new service over the same database.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { customersOf, transactionsOf } from '../db/queries/customer-data.ts';
import { listDatasets } from '../db/queries/datasets.ts';
import { getRun, runAssignments, runSegments } from '../db/queries/runs.ts';
import { createResidentEmbedder, type ClosableEmbedder } from '../pipeline/embed/resident-embedder.ts';
import { orderStats } from '../pipeline/segment/subset.ts';
import { toTransactionInput } from '../services/segment/load-inputs.ts';
import { openDemoFixture, type DemoFixture } from '../test/demo-fixture.ts';
import type { ChatService } from './chat-types.ts';
import { createChatService } from './service.ts';

let demo: DemoFixture;
let encoder: ClosableEmbedder;
let chat: ChatService;
const offline = { model: { kind: 'offline' as const }, maxSteps: 8 };

beforeAll(async () => {
  demo = await openDemoFixture();
  encoder = createResidentEmbedder();
  chat = createChatService({ db: demo.db, configuration: offline, encoder, exportDir: join(demo.home, 'exports') });
});

afterAll(async () => {
  await encoder?.close();
  await demo?.close();
});

/** The planted segment most of a stored segment's members come from. */
async function plantedMajority(runId: number, segmentId: number): Promise<{ label: string; share: number }> {
  const customers = (await listDatasets(demo.db)).find((d) => d.kind === 'customers');
  const planted = new Map((await customersOf(demo.db, customers!.id)).map((c) => [c.id, String((c.attributes as Record<string, unknown>).planted_segment)]));
  const members = (await runAssignments(demo.db, runId)).filter((a) => a.segmentIndex === segmentId);
  const counts = new Map<string, number>();
  for (const m of members) counts.set(planted.get(m.customerExternalId)!, (counts.get(planted.get(m.customerExternalId)!) ?? 0) + 1);
  const [label, n] = [...counts].sort((a, b) => b[1] - a[1])[0]!;
  return { label, share: n / members.length };
}

describe('offline agent on the demo data', () => {
  const thread = 'demo-thread';
  let skepticRun = 0;
  let skepticSegment = 0;
  let skepticLabel = '';

  it('answers "who are my trust skeptics?" with the planted persona, its size and real quotes', async () => {
    const a = await chat.ask({ threadId: thread, text: 'who are my trust skeptics?' });
    expect(a.toolCalls.map((t) => t.name)).toEqual(['find_segment', 'explain_segment']);
    expect(a.runId).toBe(demo.runId);
    expect(a.segmentId).not.toBeNull();
    skepticRun = a.runId!;
    skepticSegment = a.segmentId!;
    expect(await plantedMajority(skepticRun, skepticSegment)).toMatchObject({ label: 'Trust skeptics' });
    const segment = (await runSegments(demo.db, skepticRun)).find((s) => s.segmentIndex === skepticSegment)!;
    skepticLabel = segment.label;
    expect(a.answer).toContain(segment.size.toLocaleString('en-US'));
    // At least two quotes, each verbatim evidence of this segment and cited in the answer.
    expect(a.evidence.length).toBeGreaterThanOrEqual(2);
    const stored = (segment.evidence as { text: string }[]).map((e) => e.text);
    const cited = [...a.answer.matchAll(/“([^”]+)” \[(\d+)\]/g)].map((m) => ({ quote: m[1]!, n: Number(m[2]) }));
    expect(cited.length).toBeGreaterThanOrEqual(2);
    for (const c of cited) {
      const e = a.evidence.find((x) => x.n === c.n)!;
      expect(stored).toContain(e.text);
      expect(e.text).toContain(c.quote);
      expect(e.segmentId).toBe(skepticSegment);
    }
    expect(a.cards[0]).toMatchObject({ segmentId: skepticSegment, runId: skepticRun });
  });

  it('re-segments only customers with at least 3 orders into 4 groups, as a new run over exactly that subset', async () => {
    const a = await chat.ask({ threadId: thread, text: 're-segment only customers with at least 3 orders into 4 groups' });
    expect(a.toolCalls.map((t) => t.name)).toEqual(['describe_data', 'segment']);
    expect(a.toolCalls[1]?.args).toEqual({ k: 4, where: [{ field: 'orders', op: 'gte', value: 3 }] });
    expect(a.runId).not.toBe(skepticRun);
    const run = (await getRun(demo.db, a.runId!))!;
    expect(run.status).toBe('succeeded');
    expect(run.parentRunId).toBe(skepticRun);
    const segments = await runSegments(demo.db, run.id);
    expect(segments).toHaveLength(4);
    const transactions = (await listDatasets(demo.db)).find((d) => d.kind === 'transactions')!;
    const lines = (await transactionsOf(demo.db, transactions.id)).filter((t) => t.customerId !== null);
    const stats = orderStats(lines.map(toTransactionInput));
    const expected = [...stats].filter(([, s]) => s.orders >= 3).map(([id]) => id).sort();
    const members = (await runAssignments(demo.db, run.id)).map((m) => m.customerExternalId).sort();
    expect(members).toEqual(expected);
    expect(a.answer).toContain(`the ${expected.length.toLocaleString('en-US')} customers matching number of orders at least 3`);
    expect(a.answer).not.toMatch(/run \d/);
  });

  it.each([
    ['what is their lifetime value?', 'predict_ltv', /lifetime value|proxy/],
    ['which channels should I use for them?', 'map_channels', /How to reach/],
    ['draft a campaign for them', 'draft_campaign', /Campaign for/],
  ])('"%s" answers about the segment in focus', async (question, tool, pattern) => {
    const a = await chat.ask({ threadId: thread, text: question });
    expect(a.toolCalls.map((t) => t.name)).toEqual([tool]);
    expect(a.answer).toMatch(pattern);
    expect(a.segmentId).toBe(skepticSegment);
    expect(a.answer).not.toMatch(/segment \d+ of run|run \d/);
  });

  it('remembers the focus in the database: a new service continues the thread', async () => {
    const again = createChatService({ db: demo.db, configuration: offline, encoder, exportDir: join(demo.home, 'exports') });
    const a = await again.ask({ threadId: thread, text: 'which channels should I use for them?' });
    expect(a.segmentId).toBe(skepticSegment);
    const fresh = await again.ask({ threadId: 'another-thread', text: 'which channels should I use for them?' });
    expect(fresh.answer).toMatch(/Which segment do you mean\?/);
  });

  it('says so when nothing matches, shows the nearest segments and offers a focused re-segmentation', async () => {
    const a = await chat.ask({ threadId: 'no-match', text: 'who are my cryptocurrency miners?' });
    expect(a.toolCalls.map((t) => t.name)).toContain('find_segment');
    expect(a.answer).toMatch(/No segment matches “cryptocurrency miners”/);
    expect(a.answer).toMatch(/The closest are/);
    expect(a.answer).toMatch(/re-segment the customers who mention it/);
    expect(a.evidence).toHaveLength(0);
  });
});

describe('semantic subset filter', () => {
  it('counts customers whose texts are close in meaning to a description', async () => {
    const { runTool } = await import('../tools/define.ts');
    const { filterData } = await import('../tools/data-tools.ts');
    const result = await runTool(filterData, { db: demo.db, focus: { runId: null, segmentId: null, segmentRunId: null }, exportDir: demo.home, encoder }, { similarTo: 'I worry this shop is a scam and my card data will be stolen', similarity: 0.45 });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const data = result.data as { matching: number; semantic: { customers: number } };
    expect(data.matching).toBeGreaterThan(5);
    expect(data.matching).toBe(data.semantic.customers);
    const noEncoder = await runTool(filterData, { db: demo.db, focus: { runId: null, segmentId: null, segmentRunId: null }, exportDir: demo.home }, { similarTo: 'fraud worries' });
    expect(noEncoder.ok).toBe(false);
  });
});
