/**
 * Every failure the agent issue lists, asked of the offline agent on a generated instrument shop (other
 * products, occupations and countries than any bundled data). Expected segments and numbers are computed
 * here from the generated rows and the run's stored assignments, never read from an answer.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DbHandle } from '../db/client.ts';
import { runAssignments, runSegments } from '../db/queries/runs.ts';
import { generateShop, writeShopFiles, type Shop, type ShopCustomer } from '../evals/agent/generated-shop.ts';
import { createResidentEmbedder, type ClosableEmbedder } from '../pipeline/embed/resident-embedder.ts';
import { importDataset } from '../services/ingest/import-dataset.ts';
import { runSegmentation } from '../services/segment/run-segmentation.ts';
import { openEmptyDatabase } from '../test/empty-database.ts';
import { allTools } from '../tools/registry.ts';
import type { ChatAnswer, ChatService } from './chat-types.ts';
import { nextStep, type PlanInput, type ToolOutcome } from './planner/plan.ts';
import { createChatService } from './service.ts';

interface StoredSegment {
  readonly id: number;
  readonly name: string;
  readonly members: readonly ShopCustomer[];
}

let shop: Shop;
let home: string;
let handle: DbHandle;
let encoder: ClosableEmbedder;
let chat: ChatService;
let runId: number;
let segments: StoredSegment[];
const answers: string[] = [];
const offline = { model: { kind: 'offline' as const }, maxSteps: 8 };

async function storedSegments(run: number): Promise<StoredSegment[]> {
  const byId = new Map(shop.customers.map((c) => [c.id, c]));
  const assigned = await runAssignments(handle.db, run);
  return (await runSegments(handle.db, run)).map((s) => ({
    id: s.segmentIndex,
    name: (s.persona as { name?: string } | null)?.name ?? s.label,
    members: assigned.filter((a) => a.segmentIndex === s.segmentIndex).map((a) => byId.get(a.customerExternalId) as ShopCustomer),
  }));
}

beforeAll(async () => {
  shop = generateShop();
  home = mkdtempSync(join(tmpdir(), 'persona-shop-'));
  const files = writeShopFiles(join(home, 'data'), shop);
  handle = await openEmptyDatabase();
  const ids: number[] = [];
  for (const file of [files.customers, files.transactions, files.texts]) ids.push((await importDataset(handle.db, { file })).dataset.id);
  // Only read here, never measured: two stability resamples keep the build short.
  const run = await runSegmentation(handle.db, { datasetIds: ids, stabilityResamples: 2 });
  if (run.status !== 'succeeded') throw new Error(run.error);
  runId = run.runId;
  segments = await storedSegments(runId);
  encoder = createResidentEmbedder();
  chat = createChatService({ db: handle.db, configuration: offline, encoder, exportDir: join(home, 'exports') });
});

afterAll(async () => {
  await encoder?.close();
  await handle?.close();
  if (home) rmSync(home, { recursive: true, force: true });
});

async function ask(threadId: string, text: string): Promise<ChatAnswer> {
  const a = await chat.ask({ threadId, text });
  answers.push(a.answer);
  return a;
}

const tools = (a: ChatAnswer) => a.toolCalls.map((t) => t.name);
const argsOf = (a: ChatAnswer, name: string) => a.toolCalls.find((t) => t.name === name)?.args as Record<string, unknown> | undefined;
const count = (n: number) => n.toLocaleString('en-US');
const percent = (share: number) => `${(share * 100).toLocaleString('en-US', { maximumFractionDigits: share * 100 >= 10 ? 1 : 2 })}%`;
const oneDecimal = (share: number) => `${(Math.round(share * 1000) / 10).toLocaleString('en-US')}%`;
const share = (members: readonly ShopCustomer[], test: (c: ShopCustomer) => boolean) => (members.length ? members.filter(test).length / members.length : 0);
const byMost = (score: (s: StoredSegment) => number) => [...segments].sort((a, b) => score(b) - score(a) || a.id - b.id)[0] as StoredSegment;
const firstLine = (a: ChatAnswer) => a.answer.split('\n')[0] as string;
/** The segment holding most customers of a planted group. */
const plantedHome = (group: number) => byMost((s) => s.members.filter((c) => c.group === group).length);
const spendOf = (id: string) => shop.orders.filter((o) => o.customerId === id).reduce((sum, o) => sum + o.quantity * o.unitPrice, 0);
const messagesWith = (word: string) => new Set(shop.messages.filter((m) => m.text.toLowerCase().includes(word)).map((m) => m.customerId));

describe('the failures the agent issue lists, on a generated shop', () => {
  const found = 'find-thread';
  let focus: StoredSegment;

  it('"how many of them are there?" after finding a segment counts that segment', async () => {
    focus = plantedHome(2);
    const first = await ask(found, `who are my ${focus.name}?`);
    expect(first.segmentId).toBe(focus.id);
    const a = await ask(found, 'how many of them are there?');
    expect(tools(a)).toEqual(['count_customers']);
    expect(argsOf(a, 'count_customers')).toEqual({ where: [{ segmentId: focus.id }] });
    expect(a.answer).toContain(focus.name);
    expect(a.answer).toContain(`${count(focus.members.length)} customers`);
    expect(a.answer).not.toMatch(/are there”|No segment matches/);
  });

  it('"give me 3 quotes" gives exactly 3 of the segment in focus, by persona name', async () => {
    const a = await ask(found, 'give me 3 quotes');
    expect(argsOf(a, 'get_evidence')).toMatchObject({ limit: 3 });
    const quoted = [...a.answer.matchAll(/“([^”]+)” \[\d+\]/g)].map((m) => m[1] as string);
    expect(quoted).toHaveLength(3);
    const mine = new Set(focus.members.map((c) => c.id));
    for (const q of quoted) expect(shop.messages.some((m) => mine.has(m.customerId) && m.text === q)).toBe(true);
    expect(a.answer).toContain(focus.name);
  });

  it('"why do they cancel so much?" explains the segment in focus with its cancellation share', async () => {
    const a = await ask(found, 'why do they cancel so much?');
    expect(tools(a)).toContain('explain_segment');
    expect(a.segmentId).toBe(focus.id);
    expect(a.answer).toContain(focus.name);
    const mine = share(focus.members, (c) => c.cancelled);
    const rank = 1 + segments.filter((s) => share(s.members, (c) => c.cancelled) > mine).length;
    expect(a.answer).toContain(`${oneDecimal(mine)} of ${focus.name} match “cancelled: Yes”, against ${oneDecimal(share(shop.customers, (c) => c.cancelled))} of all ${count(shop.customers.length)} customers`);
    expect(a.answer).toMatch(new RegExp(`\\b(${rank === segments.length ? 'last' : `${rank}(st|nd|rd|th)`}) of ${segments.length} segments`));
    expect(a.answer).not.toMatch(/I can find a persona|Which segment/);
  });

  it('"which group is the angriest?" ranks by tone and names the complaining group first, with its figure', async () => {
    const a = await ask('angriest', 'which group is the angriest?');
    expect(argsOf(a, 'rank_segments')).toMatchObject({ by: 'sentiment', order: 'asc' });
    expect(firstLine(a)).toMatch(new RegExp(`^${escape(plantedHome(1).name)} .*: -?\\d`));
    expect(a.answer).toContain(`(last of ${segments.length})`);
  });

  it('"who is most likely to churn?" ranks by the cancellation flag, top segment and its share first', async () => {
    const a = await ask('churn', 'who is most likely to churn?');
    const top = byMost((s) => share(s.members, (c) => c.cancelled));
    expect(argsOf(a, 'rank_segments')).toMatchObject({ by: 'churn' });
    expect(firstLine(a)).toMatch(new RegExp(`^${escape(top.name)} `));
    expect(firstLine(a)).toContain(percent(share(top.members, (c) => c.cancelled)));
  });

  it('"which segment is most valuable?" names the biggest spenders first, with a figure', async () => {
    const a = await ask('valuable', 'which segment is most valuable?');
    const top = byMost((s) => s.members.reduce((sum, c) => sum + spendOf(c.id), 0) / s.members.length);
    expect(argsOf(a, 'rank_segments')).toMatchObject({ by: 'clv', order: 'desc' });
    expect(firstLine(a)).toMatch(new RegExp(`^${escape(top.name)} .*: [\\d,.]+\\.?$`));
  });

  it('"which segment has the most luthiers?" ranks by the share of that occupation', async () => {
    const a = await ask('luthiers', 'which segment has the most luthiers?');
    const top = byMost((s) => share(s.members, (c) => c.occupation === 'Luthier'));
    expect(argsOf(a, 'rank_segments')).toMatchObject({ by: 'share', where: [{ field: 'Occupation', op: 'eq', value: 'Luthier' }] });
    expect(firstLine(a)).toMatch(new RegExp(`^${escape(top.name)} `));
    expect(firstLine(a)).toContain(percent(share(top.members, (c) => c.occupation === 'Luthier')));
  });

  it('"how many customers have kids at home and which persona are they in" counts a real subset, by segment', async () => {
    const a = await ask('kids', 'how many customers have kids at home and which persona are they in');
    const matching = shop.customers.filter((c) => c.childrenAtHome > 0);
    expect(matching.length).toBeLessThan(shop.customers.length);
    expect(argsOf(a, 'count_customers')).toEqual({ where: [{ field: 'ChildrenAtHome', op: 'gt', value: 0 }] });
    expect(a.answer).toContain(`${count(matching.length)} of ${count(shop.customers.length)} customers`);
    const top = byMost((s) => s.members.filter((c) => c.childrenAtHome > 0).length);
    expect(a.answer).toMatch(new RegExp(`By persona: ${escape(top.name)} ${top.members.filter((c) => c.childrenAtHome > 0).length} `));
  });

  it('"re-segment the Portugal customers into 5 groups" segments only them, in this thread only; then "what changed since the last run?"', async () => {
    const a = await ask('reseg', 're-segment the Portugal customers into 5 groups');
    expect(argsOf(a, 'segment')).toEqual({ k: 5, where: [{ field: 'Country', op: 'eq', value: 'Portugal' }] });
    expect(a.runId).not.toBe(runId);
    const portugal = shop.customers.filter((c) => c.country === 'Portugal').map((c) => c.id).sort();
    expect((await runAssignments(handle.db, a.runId!)).map((m) => m.customerExternalId).sort()).toEqual(portugal);
    expect(await runSegments(handle.db, a.runId!)).toHaveLength(5);
    expect(a.answer).toContain(`the ${count(portugal.length)} customers matching country Portugal`);
    // Shares are of the customers segmented, and said so.
    expect(a.answer).toMatch(/% of these customers\)/);
    expect(a.answer).not.toMatch(/% of all customers/);
    // Another conversation still talks about the run it started on.
    const other = plantedHome(0);
    const b = await ask('elsewhere', `who are my ${other.name}?`);
    expect(b.runId).toBe(runId);
    expect(b.segmentId).toBe(other.id);
    const changed = await ask('reseg', 'what changed since the last run?');
    expect(tools(changed)).toEqual(['compare_runs']);
    expect(changed.answer).toContain(`over ${count(portugal.length)} customers; the earlier one had ${segments.length} segments over ${count(shop.customers.length)}`);
  });

  it.each([
    ['are there people complaining about late or missing packages?', 1],
    ['only people who mentioned refunds', 2],
  ])('"%s" filters on the texts and narrows the customers', async (question, group) => {
    const a = await ask(`text-${group}`, question);
    const where = argsOf(a, 'count_customers')?.where as { text?: string }[];
    const keyword = where.find((w) => w.text)?.text as string;
    expect(keyword).toBeTruthy();
    const m = a.answer.match(/^([\d,]+) of ([\d,]+) customers/);
    const matched = Number(m?.[1]?.replace(/,/g, ''));
    expect(m?.[2]).toBe(count(shop.customers.length));
    expect(matched).toBeGreaterThan(0);
    expect(matched).toBeLessThanOrEqual(messagesWith(keyword).size);
    expect(matched).toBeLessThan(shop.customers.length);
    // The writers are the planted group's: the breakdown names its segment first.
    expect(a.answer).toMatch(new RegExp(`By persona: ${escape(plantedHome(group).name)} `));
  });

  it('"export the high spenders" exports the segment that spends most, not the focus', async () => {
    await ask('export', `who are my ${plantedHome(3).name}?`);
    const a = await ask('export', 'export the high spenders');
    const top = byMost((s) => s.members.reduce((sum, c) => sum + spendOf(c.id), 0) / s.members.length);
    expect(argsOf(a, 'export_segment')).toMatchObject({ segmentId: top.id });
    expect(a.answer).toContain(top.name);
    const file = a.answer.match(/ to (\S+\.csv)\.$/)?.[1] as string;
    const ids = readFileSync(file, 'utf8').split('\n').slice(1).filter(Boolean).map((l) => l.split(',')[0]?.replace(/"/g, ''));
    expect(ids.sort()).toEqual(top.members.map((c) => c.id).sort());
  });

  it('"describe the high income violin buyers" explains the segment of well-off violin buyers', async () => {
    const a = await ask('violins', 'describe the high income violin buyers');
    const violin = new Set(shop.orders.filter((o) => o.product === 'violin').map((o) => o.customerId));
    const incomes = shop.customers.map((c) => c.income).sort((x, y) => x - y);
    const median = incomes[Math.floor(incomes.length / 2)] as number;
    const top = byMost((s) => share(s.members, (c) => violin.has(c.id) && c.income > median));
    expect(tools(a)).toContain('explain_segment');
    expect(a.segmentId).toBe(top.id);
    expect(firstLine(a)).toContain(top.name);
  });

  it('"compare the two largest segments" compares them without asking which', async () => {
    const a = await ask('compare', 'compare the two largest segments');
    const [first, second] = [...segments].sort((x, y) => y.members.length - x.members.length || x.id - y.id);
    expect(tools(a)).toEqual(['compare_segments']);
    expect(firstLine(a)).toMatch(new RegExp(`^${escape(first!.name)} \\(${first!.members.length} customers.*compared with ${escape(second!.name)} \\(${second!.members.length} customers`));
    expect(a.answer).not.toMatch(/which (two|segments)|do you mean/i);
  });

  it.each(["what's the weather?", 'qual é a previsão do tempo para amanhã?'])('"%s" is declined plainly, with what it can do', async (question) => {
    const a = await ask('weather', question);
    expect(a.toolCalls).toEqual([]);
    expect(a.answer).toMatch(/^I can't answer that/);
    expect(a.answer).toMatch(/segment/);
  });
});

describe('a question about "them" with nothing in focus', () => {
  it('asks which segment in words, without a tool name', async () => {
    const a = await ask('nothing-in-focus', 'what is their lifetime value?');
    expect(a.answer).toMatch(/^Which segment do you mean\?/);
    expect(a.answer).not.toMatch(/predict_ltv|:\s*which segment/);
  });
});

describe('a cancellation question on data that has no cancellations', () => {
  it('says it cannot see cancellations and names the closest columns, instead of help text', () => {
    const catalogue: ToolOutcome = {
      name: 'describe_data',
      result: {
        ok: true,
        data: {
          runId: 3,
          customers: 40,
          hasTexts: false,
          fields: [
            { name: 'Hive_count', label: 'hive count', kind: 'number', unit: null, range: { min: 0, max: 9, mean: 3 } },
            { name: 'Region', label: 'region', kind: 'category', unit: null, levels: ['Kerry', 'Sligo'] },
          ],
          segments: [],
          features: [],
        },
      },
    };
    const explained: ToolOutcome = { name: 'explain_segment', result: { ok: true, data: { runId: 3, segmentId: 1, label: 'Hive keepers', size: 12, sharePct: 30, reasons: [], topTerms: [], persona: { name: 'Busy Bea' } } } };
    const input: PlanInput = { intent: 'explain', language: 'english', question: 'why do they cancel so much?', focus: { runId: 3, segmentId: 1, segmentRunId: 3 }, done: [explained, catalogue], memory: { ranking: null, subset: null, rankingRunId: null } };
    const step = nextStep(input);
    const text = 'answer' in step ? step.answer : '';
    expect(text).toMatch(/I can't see “cancel” in this data; the closest columns are (hive count|region)/);
    expect(text).toContain('Busy Bea');
    expect(text).not.toMatch(/I can find a persona/);
  });
});

describe('wording of every answer above', () => {
  it('shows no run or segment numbers, customer ids, tool names, jargon, broken templates or invented currency', () => {
    expect(answers.length).toBeGreaterThan(15);
    const toolNames = allTools.map((t) => t.name).filter((name) => name.includes('_'));
    for (const a of answers) {
      expect(a).not.toMatch(/segment \d+ of run|\brun \d+\b/i);
      expect(a).not.toMatch(/\bCL-\d{4}\b/);
      for (const name of toolNames) expect(a).not.toContain(name);
      expect(a).not.toMatch(/BG\/NBD|Gamma-Gamma|mention density|\(0 = opens it\)|from the customer table/);
      expect(a).not.toMatch(/undefined|NaN|\bnull\b|\{|\}|\(\s*\)|\s[,.;:]\s|\(([^()]*)\([^()]*\)\)|[a-z]+: [a-z ,]+ voice/);
      expect(a).not.toMatch(/[$€£]|\b(USD|EUR|GBP|NOK)\b/);
      expect(a).not.toMatch(/What sets them apart[\s\S]*What sets them apart/);
    }
  });

  it('names a configured currency and time zone', async () => {
    const local = createChatService({ db: handle.db, configuration: offline, encoder, exportDir: join(home, 'exports'), currency: 'NOK', timeZone: 'Europe/Oslo' });
    const top = plantedHome(0);
    await local.ask({ threadId: 'local', text: `who are my ${top.name}?` });
    const value = await local.ask({ threadId: 'local', text: 'what is their lifetime value?' });
    expect(value.answer).toMatch(/NOK [\d,]+ per customer/);
    expect(value.answer).toMatch(/\b(1st|2nd|3rd|\d+th|last) of \d+ segments/);
    const when = await local.ask({ threadId: 'local', text: 'which channels should I use for them?' });
    expect(when.answer).toMatch(/When: .*Europe\/Oslo|When: .*\b(CET|CEST|Oslo)\b/);
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
