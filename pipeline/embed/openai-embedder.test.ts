/**
 * The OpenAI-compatible embedder against the local fake server: the embedder contract, batching and
 * concurrency, the key in the Authorization header only, retry with backoff after 429 and 5xx (and
 * Retry-After), and clear errors for what cannot be retried.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isPersonaError } from '../../lib/errors.ts';
import { startFakeOpenAI, type FakeOpenAI, type FakeReply } from '../../test/fake-openai/server.ts';
import { runEmbedderConformance } from './embedder-conformance.ts';
import { createOpenAiEmbedder, type OpenAiEmbedderOptions } from './openai-embedder.ts';

let fake: FakeOpenAI;
let failures: ((index: number) => FakeReply | null) | null = null;
beforeAll(async () => {
  fake = await startFakeOpenAI([], { dimensions: 24, delayMs: 5, fail: (_body, index) => failures?.(index) ?? null });
});
afterAll(async () => {
  await fake.close();
});

const embedder = (o: Partial<OpenAiEmbedderOptions> = {}) => createOpenAiEmbedder({ baseUrl: fake.url, model: 'fake-embed', apiKey: 'sk-test', retryBaseMs: 1, ...o });

runEmbedderConformance('openai-compatible (fake server)', (batchSize) => embedder({ batchSize }), { batchTolerance: 0 });

describe('openai-compatible embedder', () => {
  const texts = Array.from({ length: 23 }, (_, i) => `customer message number ${i}`);

  it('sends batches concurrently, with the model, and the key only as a bearer token', async () => {
    const before = fake.embeddingRequests.length;
    const e = embedder({ batchSize: 5, concurrency: 3 });
    const m = await e.embed(texts);
    expect([m.rows, m.cols]).toEqual([23, 24]);
    const sent = fake.embeddingRequests.slice(before);
    expect(sent.map((b) => (b.input as string[]).length)).toEqual([5, 5, 5, 5, 3]);
    expect(sent.every((b) => b.model === 'fake-embed')).toBe(true);
    expect(fake.embeddingHeaders.at(-1)?.authorization).toBe('Bearer sk-test');
    expect(fake.maxConcurrentEmbeddings()).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(e.options)).not.toContain('sk-test');
    expect(e.model).toBe('openai:fake-embed');
  });

  it('retries after a 429 (honouring Retry-After) and a 503, and returns the same vectors', async () => {
    const clean = await embedder({ batchSize: 10 }).embed(texts);
    const start = fake.embeddingRequests.length;
    let seen = 0;
    failures = (index) => {
      if (index < start) return null;
      seen++;
      if (seen === 1) return { status: 429, body: { error: { message: 'rate limited', type: 'rate_limit' } }, headers: { 'retry-after': '0.01' } };
      if (seen === 2) return { status: 503, body: { error: { message: 'overloaded' } } };
      return null;
    };
    try {
      const retried = await embedder({ batchSize: 10, concurrency: 1 }).embed(texts);
      expect(Buffer.from(retried.data.buffer).equals(Buffer.from(clean.data.buffer))).toBe(true);
      // 3 batches + 2 retries of the first.
      expect(fake.embeddingRequests.length - start).toBe(5);
    } finally {
      failures = null;
    }
  });

  it('gives up after maxRetries with an upstream error, and does not retry a 400', async () => {
    failures = () => ({ status: 500, body: { error: { message: 'boom' } } });
    try {
      const start = fake.embeddingRequests.length;
      const err = await embedder({ maxRetries: 2 }).embed(['a']).catch((e: unknown) => e);
      expect(isPersonaError(err) && err.code === 'upstream_error').toBe(true);
      expect((err as Error).message).toMatch(/500, still failing after 3 attempts/);
      expect(fake.embeddingRequests.length - start).toBe(3);
      failures = () => ({ status: 400, body: { error: { message: 'model not found' } } });
      const before = fake.embeddingRequests.length;
      const bad = await embedder().embed(['a']).catch((e: unknown) => e);
      expect((bad as Error).message).toMatch(/400: model not found/);
      expect(fake.embeddingRequests.length - before).toBe(1);
    } finally {
      failures = null;
    }
  });

  it('rejects a response with the wrong number of vectors', async () => {
    failures = () => ({ raw: JSON.stringify({ data: [{ index: 0, embedding: [1, 0] }] }) });
    try {
      await expect(embedder().embed(['a', 'b'])).rejects.toThrow(/expected 2 embeddings, the endpoint returned 1/);
    } finally {
      failures = null;
    }
  });

  it('retries a connection that fails, then reports the URL', async () => {
    const err = await createOpenAiEmbedder({ baseUrl: 'http://127.0.0.1:9/v1', model: 'm', maxRetries: 1, retryBaseMs: 1 })
      .embed(['a'])
      .catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/127\.0\.0\.1:9\/v1\/embeddings failed .* after 2 attempts/);
  });

  it('validates its settings when embedding, not when built', async () => {
    const e = createOpenAiEmbedder({ baseUrl: 'ftp://x', model: 'm' });
    await expect(e.embed(['a'])).rejects.toThrow(/baseUrl must be an http/);
    await expect(embedder({ batchSize: 0 }).embed(['a'])).rejects.toThrow(/batchSize must be an integer ≥ 1/);
  });
});
