import { afterEach, describe, expect, it } from 'vitest';
import { startFakeOpenAI, type ChatRequestBody, type FakeOpenAI, type FakeReply } from '../../test/fake-openai/server.ts';
import { groundingViolations } from '../evidence/grounding.ts';
import type { PersonaCard } from './card-schema.ts';
import { distinctnessProblems } from './distinct.ts';
import { writeOfflineCards } from './offline-writer.ts';
import { contrast, segment, texts, trustSkeptics } from './test-helpers.ts';
import { writeCards } from './write-cards.ts';

const inputs = [
  trustSkeptics,
  segment({ index: 1, label: 'Deal hunters', terms: ['price', 'sale', 'code'], features: [contrast('share_deals', 'share of orders on deals', 0.6, 0.2, 1.8)], evidence: texts(1, 'The discount code failed again. Any other sale coming?') }),
  segment({ index: 2, label: 'Gift shoppers', terms: ['gift', 'present', 'wrapping'], features: [contrast('share_store', 'share of orders placed via store', 0.34, 0.15, 0.8)], evidence: texts(2, 'The scented candle made a lovely present for my aunt.') }),
  segment({ index: 3, label: 'Delivery watchers', terms: ['delivery', 'tracking', 'parcel'], evidence: texts(3, 'The tracking for my order updated only once.') }),
];

/** A card the model writes for a segment from its prompt: grounded in that prompt's statistics and texts. */
function modelCard(label: string, body: ChatRequestBody, name: string): PersonaCard {
  const user = String(body.messages.find((m) => m.role === 'user')!.content);
  const stats = JSON.parse(user.match(/STATISTICS[^\n]*\n(.*)/)![1]!) as { key: string; label: string; value: number }[];
  const quote = JSON.parse(user.match(/<<<CUSTOMER_DATA [0-9a-f]+\n(.*)/)![1]!) as string[];
  return {
    name, archetype: label, ageBand: 'unknown', occupation: 'not in the data',
    bio: `A customer of the ${label} segment, as the model sees them. Written from the facts given.`,
    goals: [`Model goal one for ${label}`, `Model goal two for ${label}`],
    frustrations: [`Model frustration one for ${label}`, `Model frustration two for ${label}`],
    motivations: ['Model motivation one', 'Model motivation two'],
    preferredChannels: ['web shop'],
    quotes: [quote[0]!],
    keyStats: stats.filter((s) => s.key === 'size' || s.key === 'share_pct').map((s) => ({ key: s.key, label: s.label, value: s.value, display: String(s.value) })),
  };
}

/** Trust skeptics: a good card. Deal hunters: the endpoint fails. Gift shoppers: a card with another's name. */
function model(body: ChatRequestBody): FakeReply {
  const label = (JSON.parse(String(body.messages[1]!.content).match(/SEGMENT FACTS[^\n]*\n(.*)/)![1]!) as { label: string }).label;
  if (label === 'Deal hunters') return { status: 503, body: { error: { message: 'overloaded' } } };
  const name = label === 'Gift shoppers' || label === 'Trust skeptics' ? 'Wary Wendy, the trust skeptic' : `Model persona of ${label}`;
  return { content: JSON.stringify(modelCard(label, body, name)) };
}

let fake: FakeOpenAI | null = null;
afterEach(async () => {
  await fake?.close();
  fake = null;
});

describe('writeCards', () => {
  it('writes offline cards when no endpoint is configured', async () => {
    const result = await writeCards(inputs);
    expect(result.cards).toEqual(writeOfflineCards(inputs));
    expect(result.writer).toEqual(['offline', 'offline', 'offline', 'offline']);
    expect(result.report).toMatchObject({ stage: 'persona', params: { writer: 'offline' }, counts: { llm: 0, offline: 4 }, notes: [] });
  });

  it('uses the model per segment and falls back to the offline card with the reason recorded', async () => {
    fake = await startFakeOpenAI(model);
    const result = await writeCards(inputs, { llm: { baseUrl: fake.url, apiKey: 'secret-key', model: 'fake-model' } });
    expect(result.writer).toEqual(['llm', 'offline', 'offline', 'llm']);
    expect(result.cards[0]!.name).toBe('Wary Wendy, the trust skeptic');
    expect(result.cards[3]!.name).toBe('Model persona of Delivery watchers');
    const offline = writeOfflineCards(inputs);
    expect(result.cards[1]).toEqual(offline[1]);
    expect(result.cards[2]).toEqual(offline[2]);
    expect(result.report.notes).toEqual([
      expect.stringMatching(/^segment 1: kept the offline card \(model call failed: .*503/),
      'segment 2: kept the offline card (the model\'s card same name "Wary Wendy, the trust skeptic")',
    ]);
    expect(result.report).toMatchObject({ params: { writer: 'llm', model: 'fake-model' }, counts: { llm: 2, offline: 2 } });
    expect(JSON.stringify(result.report)).not.toContain('secret-key');
    // Whatever the writer, every card is grounded and the run's cards are distinct.
    result.cards.forEach((card, i) => expect(groundingViolations(card, inputs[i]!.evidence, inputs[i]!.statistics)).toEqual([]));
    expect(distinctnessProblems(result.cards)).toEqual([]);
  });

  it('refuses to return an ungrounded card, even one handed in as offline', async () => {
    const offline = writeOfflineCards(inputs);
    const bad = [{ ...offline[0]!, quotes: ['A sentence no customer ever wrote.'] }, ...offline.slice(1)];
    await expect(writeCards(inputs, { offline: bad })).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/segment 0: persona card .* is not grounded/) });
  });
});
