/**
 * Persona cards on the bundled sample (six planted segments), segmented again through the real pipeline
 * on a copy of the demo database, with an LLM writer configured against the local fake endpoint: the model writes a
 * grounded card from what its prompt gives it, except for one segment where it keeps failing, which keeps
 * its offline card. The offline writer is then checked on the stored segments themselves.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { customersOf } from '../../db/queries/customer-data.ts';
import { listDatasets } from '../../db/queries/datasets.ts';
import { getRun, runAssignments, runSegments } from '../../db/queries/runs.ts';
import { expectCompleteIntelligence } from '../../test/check-intelligence.ts';
import { openDemoFixture, type DemoFixture } from '../../test/demo-fixture.ts';
import { startFakeOpenAI, type ChatRequestBody, type FakeOpenAI, type FakeReply } from '../../test/fake-openai/server.ts';
import { groundingViolations } from '../evidence/grounding.ts';
import { runSegmentation } from '../../services/segment/run-segmentation.ts';
import { segmentView } from '../segment/segment-view.ts';
import { distinctnessProblems } from './distinct.ts';
import { writeOfflineCards } from './offline-writer.ts';
import { personaInputFromView, type PersonaInput } from './persona-input.ts';
import type { StoredPersona } from './persona-stage.ts';
import { fencedTexts } from './prompts.ts';

let demo: DemoFixture;
let fake: FakeOpenAI;
let runId: number;
let inputs: PersonaInput[];
let stored: (StoredPersona | null)[];
/** Per input, the planted segment most of its customers come from (ground truth the pipeline never sees as a label). */
let planted: string[];

const factsOf = (body: ChatRequestBody) => {
  const user = String(body.messages.find((m) => m.role === 'user')!.content);
  return {
    user,
    label: (JSON.parse(user.match(/SEGMENT FACTS[^\n]*\n(.*)/)![1]!) as { label: string }).label,
    stats: JSON.parse(user.match(/STATISTICS[^\n]*\n(.*)/)![1]!) as { key: string; label: string; value: number }[],
  };
};

/** A model that writes a grounded card from its prompt, and never manages one for the gift shoppers. */
function model(body: ChatRequestBody): FakeReply {
  const { user, label, stats } = factsOf(body);
  if (/gift/i.test(label)) return { content: '{"name": "broken"' };
  const texts = fencedTexts(user) ?? [];
  return {
    content: JSON.stringify({
      name: `Model persona for ${label}`,
      archetype: label,
      ageBand: 'unknown',
      occupation: 'not in the data',
      bio: `A customer of the ${label} segment, as written by the model from the facts it was given.`,
      goals: [`Goal of ${label}`, `Second goal of ${label}`],
      frustrations: [`Frustration of ${label}`, `Second frustration of ${label}`],
      motivations: ['Motivation one', 'Motivation two'],
      preferredChannels: ['email'],
      quotes: texts.slice(0, 1).map((t) => t.split(/(?<=[.!?])\s/)[0]!.slice(0, 150)),
      keyStats: stats.slice(0, 3).map((s) => ({ key: s.key, label: s.label, value: s.value, display: String(s.value) })),
    }),
  };
}

beforeAll(async () => {
  // The demo database (imported and segmented once per test run); segmenting it again with the writer
  // configured reuses its cached embeddings.
  demo = await openDemoFixture();
  fake = await startFakeOpenAI(model);
  const result = await runSegmentation(
    demo.db,
    { datasetIds: [...demo.datasetIds], seed: 42, labelsColumn: 'planted_segment' },
    { personaWriter: { baseUrl: fake.url, apiKey: 'secret-test-key', model: 'fake-model' } },
  );
  if (result.status !== 'succeeded') throw new Error(result.error);
  runId = result.runId;
  const views = (await runSegments(demo.db, runId)).map(segmentView);
  inputs = views.map(personaInputFromView);
  stored = views.map((v) => v.persona as StoredPersona | null);
  const customers = (await listDatasets(demo.db)).find((d) => d.kind === 'customers')!;
  const truth = new Map((await customersOf(demo.db, customers.id)).map((c) => [c.id, String((c.attributes as Record<string, unknown>).planted_segment)]));
  const assignments = await runAssignments(demo.db, runId);
  planted = inputs.map((input) => {
    const counts = new Map<string, number>();
    for (const a of assignments) if (a.segmentIndex === input.index) counts.set(truth.get(a.customerExternalId)!, (counts.get(truth.get(a.customerExternalId)!) ?? 0) + 1);
    return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
  });
});

afterAll(async () => {
  await fake?.close();
  await demo?.close();
});

describe('offline persona cards on the bundled sample', () => {
  it('writes six grounded, distinct cards; the trust skeptics fear fraud and fakes', () => {
    const cards = writeOfflineCards(inputs);
    expect(cards).toHaveLength(6);
    expect(distinctnessProblems(cards)).toEqual([]);
    const items = cards.flatMap((c) => [...c.goals, ...c.frustrations]);
    expect(new Set(items).size).toBe(items.length);
    cards.forEach((card, i) => {
      expect(groundingViolations(card, inputs[i]!.evidence, inputs[i]!.statistics), card.name).toEqual([]);
      expect(card.quotes.length, card.name).toBeGreaterThanOrEqual(2);
      expect(card.goals.length, card.name).toBeGreaterThanOrEqual(2);
      expect(card.frustrations.length, card.name).toBeGreaterThanOrEqual(2);
    });
    // The planted trust skeptics are recognised from what they write: the general taxonomy's trust theme
    // names their segment and their card, without any lexicon written for the sample.
    const at = planted.indexOf('Trust skeptics');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(inputs[at]!.label).toMatch(/^Trust & safety concerns/);
    const trust = cards[at]!;
    expect(trust.name).toMatch(/^Wary \w+, the wary buyer$/);
    // The theme's fear of fraud (payment or data misused, sellers not real), in the segment's own words.
    expect(trust.frustrations.join(' ')).toMatch(/fraud|misused/);
    expect(trust.frustrations.join(' ')).toMatch(/they write about [^)]*“(trust|fake|fraud|scam|genuine)”/);
    expect(trust.quotes.join(' ')).toMatch(/card|fake|real|refund|chargeback|data|scam|genuine/i);
    expect(writeOfflineCards(inputs)).toEqual(cards);
  });
});

describe('the run with an LLM persona writer', () => {
  it('stores grounded model cards, keeps the offline card where the model fails, and reports why', async () => {
    const writers = stored.map((c) => c?.writer);
    expect(writers.filter((w) => w === 'llm')).toHaveLength(5);
    const gift = inputs.findIndex((s) => /gift/i.test(s.label));
    expect(writers[gift]).toBe('offline');
    expect(stored[gift]).toEqual({ ...writeOfflineCards(inputs)[gift]!, writer: 'offline' });
    const run = await getRun(demo.db, runId);
    const report = (run!.stages as { stage: string; notes?: string[] }[]).find((s) => s.stage === 'persona-llm')!;
    expect(report.notes!.join(' ')).toMatch(new RegExp(`segment ${inputs[gift]!.index}: kept the offline card \\(card rejected after 2 attempts`));
    // The API key is a secret: it is never stored with the run.
    expect(JSON.stringify(run)).not.toContain('secret-test-key');
    await expectCompleteIntelligence(demo.db, runId, 'text');
  });

  it('sent every segment’s texts inside the data fence and none in the system message', () => {
    for (const input of inputs) {
      const request = fake.requests.find((r) => factsOf(r).label === input.label)!;
      const system = String(request.messages[0]!.content);
      const texts = input.evidence.flatMap((e) => (e.kind === 'text' ? [e.text] : []));
      expect(fencedTexts(factsOf(request).user)).toEqual(texts);
      for (const t of texts) expect(system).not.toContain(t.slice(0, 40));
    }
  });
});
