/**
 * A run with an LLM persona writer configured: cards come from the endpoint when they pass the gate,
 * and a segment whose endpoint replies stay invalid keeps its offline card, with the reason recorded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase, type DbHandle } from '../../db/client.ts';
import { getRun, runSegments } from '../../db/queries/runs.ts';
import { startFakeOpenAI, type ChatRequestBody, type FakeOpenAI } from '../../test/fake-openai/server.ts';
import { expectCompleteIntelligence } from '../../test/check-intelligence.ts';
import { runDemo } from '../sample/demo.ts';
import { evidenceClose, evidenceOpen } from './prompts.ts';

let handle: DbHandle;
let fake: FakeOpenAI;
let home: string;

/** A model that writes a grounded card from what the prompt gives it; it fails for one segment. */
function cardFromPrompt(body: ChatRequestBody): { content: string } {
  const user = String(body.messages.find((m) => m.role === 'user')?.content ?? '');
  const facts = JSON.parse(user.match(/SEGMENT \(facts, JSON\):\n(.*)/)![1]!) as { label: string };
  if (/Gift/.test(facts.label)) return { content: '{"name": "broken"' };
  const stats = JSON.parse(user.match(/STATISTICS \(JSON; quote keys and values exactly\):\n(.*)/)![1]!) as { key: string; label: string; value: number }[];
  const texts = JSON.parse(user.slice(user.indexOf(evidenceOpen) + evidenceOpen.length, user.lastIndexOf(evidenceClose)).trim()) as string[];
  return {
    content: JSON.stringify({
      name: `Model persona for ${facts.label}`,
      archetype: facts.label,
      ageBand: 'not in the data',
      occupation: 'not in the data',
      bio: `A customer of the ${facts.label} segment, written by the model.`,
      goals: [`Goal of ${facts.label}`, `Second goal of ${facts.label}`],
      frustrations: [`Frustration of ${facts.label}`, `Second frustration of ${facts.label}`],
      motivations: ['Motivation one', 'Motivation two'],
      preferredChannels: ['email'],
      quotes: texts.slice(0, 1).map((t) => t.slice(0, 40)),
      keyStats: stats.slice(0, 2).map((s) => ({ key: s.key, label: s.label, value: s.value, display: String(s.value) })),
    }),
  };
}

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), 'persona-llm-pass-'));
  handle = await openDatabase();
  fake = await startFakeOpenAI(cardFromPrompt);
}, 60_000);

afterAll(async () => {
  await fake?.close();
  await handle?.close();
  rmSync(home, { recursive: true, force: true });
});

describe('runSegmentation with an LLM persona writer', () => {
  it('stores grounded model cards, keeps the offline card where the model fails, and reports why', async () => {
    const result = await runDemo(handle.db, { home }, { personaWriter: { baseUrl: fake.url, apiKey: 'test', model: 'fake-model' } });
    expect(result.status).toBe('succeeded');
    const segments = await runSegments(handle.db, result.runId);
    const writers = segments.map((s) => (s.persona as { writer: string }).writer);
    expect(writers.filter((w) => w === 'llm')).toHaveLength(segments.length - 1);
    const gift = segments.find((s) => /Gift/.test(s.label))!;
    expect((gift.persona as { writer: string }).writer).toBe('offline');
    const run = await getRun(handle.db, result.runId);
    const report = (run!.stages as { stage: string; notes?: string[] }[]).find((s) => s.stage === 'persona-llm')!;
    expect(report.notes!.join(' ')).toMatch(/kept the offline card \(card rejected/);
    // The API key is a secret: it is never stored with the run.
    expect(JSON.stringify(run!.params)).not.toContain('test');
    await expectCompleteIntelligence(handle.db, result.runId, 'text');
  });
});
