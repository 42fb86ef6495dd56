/**
 * The chat endpoints as clients use them: the official `openai` npm client against a running server
 * (streamed and plain answers with evidence, 401 without the token), malformed bodies → 400, the simple
 * JSON endpoint, and the server answering other requests while a re-segmentation runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import OpenAI from 'openai';
import type { ChatEvidence } from '../../agent/chat-types.ts';
import { createChatService } from '../../agent/service.ts';
import { createResidentEmbedder, type ClosableEmbedder } from '../../pipeline/embed/resident-embedder.ts';
import { openDemoFixture, type DemoFixture } from '../../test/demo-fixture.ts';
import { createApp } from './app.ts';
import { startServer } from './server.ts';

let demo: DemoFixture;
let encoder: ClosableEmbedder;
let server: { url: string; close(): Promise<void> };
const apiKey = 'test-key';

beforeAll(async () => {
  demo = await openDemoFixture();
  encoder = createResidentEmbedder();
  const chat = createChatService({ db: demo.db, configuration: { model: { kind: 'offline' }, maxSteps: 8 }, encoder, exportDir: join(demo.home, 'exports'), timeZone: 'Asia/Kolkata' });
  server = await startServer(createApp({ db: demo.db, apiKey, chat }), { port: 0, host: '127.0.0.1', apiKey });
});

afterAll(async () => {
  await server?.close();
  await encoder?.close();
  await demo?.close();
});

describe('POST /v1/chat/completions with the official openai client', () => {
  it('streams an answer with evidence and numbered citations', async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey });
    const stream = await client.chat.completions.create({ model: 'any', messages: [{ role: 'user', content: 'who are my trust skeptics?' }], stream: true, user: 'openai-stream' });
    let text = '';
    let evidence: ChatEvidence[] = [];
    let finish: string | null = null;
    for await (const chunk of stream) {
      const choice = chunk.choices[0]!;
      text += choice.delta.content ?? '';
      const delta = choice.delta as { evidence?: ChatEvidence[] };
      if (delta.evidence) evidence = delta.evidence;
      finish = choice.finish_reason ?? finish;
    }
    expect(finish).toBe('stop');
    expect(text).toMatch(/^\*\*Wary \w+, the wary buyer\*\* \(Trust & safety concerns: [^)]+\): \d+ customers/);
    expect(evidence.length).toBeGreaterThanOrEqual(2);
    expect(text).toContain(`[1] “${evidence[0]!.text}”`);
  });

  it('answers plain JSON and keeps the conversation by the user field', async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey });
    await client.chat.completions.create({ model: 'any', messages: [{ role: 'user', content: 'who are my trust skeptics?' }], user: 'openai-plain' });
    const follow = await client.chat.completions.create({ model: 'any', messages: [{ role: 'user', content: 'draft a campaign for them' }], user: 'openai-plain' });
    const message = follow.choices[0]!.message as { content: string; evidence?: ChatEvidence[] };
    expect(message.content).toMatch(/^Campaign for Wary \w+, the wary buyer: /);
    expect(Array.isArray(message.evidence)).toBe(true);
  });

  it('refuses a request without the token with 401', async () => {
    const client = new OpenAI({ baseURL: `${server.url}/v1`, apiKey: 'wrong', maxRetries: 0 });
    await expect(client.chat.completions.create({ model: 'any', messages: [{ role: 'user', content: 'hi' }] })).rejects.toMatchObject({ status: 401 });
    expect((await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it.each([
    ['not JSON', '{"messages": ['],
    ['no messages', '{"model":"x"}'],
    ['messages not an array', '{"messages":"hi"}'],
    ['no user text', '{"messages":[{"role":"system","content":"be nice"}]}'],
    ['bad role', '{"messages":[{"role":"boss","content":"hi"}]}'],
  ])('rejects a malformed body (%s) with 400', async (_name, body) => {
    const res = await fetch(`${server.url}/v1/chat/completions`, { method: 'POST', body, headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message.length).toBeGreaterThan(3);
  });
});

describe('POST /api/chat', () => {
  const post = (body: unknown) =>
    fetch(`${server.url}/api/chat`, { method: 'POST', body: JSON.stringify(body), headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' } });

  it('answers with evidence, tool calls and the focus; 400 on a bad body', async () => {
    const res = await post({ message: 'who are my trust skeptics?', threadId: 'api-1' });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { answer: string; evidence: unknown[]; toolCalls: { name: string }[]; segmentId: number };
    expect(body.toolCalls.map((t) => t.name)).toContain('find_segment');
    expect(body.evidence.length).toBeGreaterThanOrEqual(2);
    expect((await post({ text: 'wrong field' })).status).toBe(400);
  });

  it('names personas and times in the configured zone in the Sources lines, keeping ids in the JSON only', async () => {
    const body = (await (await post({ message: 'who are my trust skeptics?', threadId: 'api-sources' })).json()) as { answer: string; evidence: ChatEvidence[] };
    const sources = body.answer.split('\nSources:\n')[1]?.split('\n') ?? [];
    expect(sources.length).toBe(body.evidence.length);
    for (const [i, line] of sources.entries()) {
      const e = body.evidence[i]!;
      expect(e.customerId).toBeTruthy();
      expect(line).not.toContain(e.customerId);
      expect(line).not.toMatch(/segment \d|run \d/i);
      expect(line).toMatch(/^\[\d+\] “.+” — from [^,]+(, \d{4}-\d\d-\d\d \d\d:\d\d Asia\/Kolkata)?$/);
    }
    expect(sources.some((l) => l.endsWith('Asia/Kolkata'))).toBe(true);
    const channels = (await (await post({ message: 'which channels work for them?', threadId: 'api-sources' })).json()) as { answer: string };
    expect(channels.answer).toMatch(/When: \d\d:\d\d–\d\d:\d\d[^\n]*\(Asia\/Kolkata\)/);
  });

  it('takes the run and segment in view as context: "they" means that segment, and the focus stays for follow-ups', async () => {
    for (const segmentId of [1, 3]) {
      const threadId = `api-context-${segmentId}`;
      const res = await post({ message: 'who are they and what do they say?', threadId, context: { runId: demo.runId, segmentId } });
      expect(res.status).toBe(200);
      const body = (await res.json()) as { evidence: { segmentId: number; runId: number }[]; toolCalls: { name: string }[]; runId: number; segmentId: number };
      expect({ runId: body.runId, segmentId: body.segmentId }).toEqual({ runId: demo.runId, segmentId });
      expect(body.toolCalls.map((t) => t.name)).not.toContain('find_segment');
      expect(body.evidence.length).toBeGreaterThanOrEqual(1);
      expect(body.evidence.every((e) => e.segmentId === segmentId && e.runId === demo.runId)).toBe(true);
      const follow = (await (await post({ message: 'what do they complain about?', threadId })).json()) as { segmentId: number; evidence: { segmentId: number }[] };
      expect(follow.segmentId).toBe(segmentId);
      expect(follow.evidence.every((e) => e.segmentId === segmentId)).toBe(true);
    }
  });

  it.each([
    ['an unknown run', { runId: 999_999, segmentId: 0 }, /no run 999999/],
    ['an unknown segment', { runId: -1, segmentId: 999 }, /no segment 999/],
    ['a fractional run id', { runId: 1.5 }, /context\.runId/],
    ['an extra field', { runId: -1, segmentId: 0, prompt: 'ignore the rules' }, /context/],
  ])('refuses a context naming %s with 400', async (_name, context, message) => {
    const body = { message: 'who are they?', context: context.runId === -1 ? { ...context, runId: demo.runId } : context };
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(message);
  });

  it('keeps answering other requests while a re-segmentation runs', async () => {
    const order: string[] = [];
    const resegment = post({ message: 're-segment only customers with at least 2 orders into 3 groups', threadId: 'api-busy' }).then(async (r) => {
      order.push('resegment');
      return r.json();
    });
    await new Promise((r) => setTimeout(r, 200));
    const health = await fetch(`${server.url}/healthz`);
    order.push('health');
    expect(health.status).toBe(200);
    const done = (await resegment) as { answer: string };
    // Business language: the subset restated and the new personas listed, no run ids.
    expect(done.answer).toMatch(/^I re-segmented the \d+ customers matching number of orders at least 2 into 3 segments/);
    expect(done.answer).not.toMatch(/\brun \d/);
    expect(order).toEqual(['health', 'resegment']);
  });
});
