import { afterAll, describe, expect, it } from 'vitest';
import { runEmbedderConformance } from './embedder-conformance.ts';
import { cosine, createResidentEmbedder, embedRows } from './resident-embedder.ts';

describe('resident sentence embedder', () => {
  const embedder = createResidentEmbedder();
  afterAll(() => embedder.close());

  it('returns unit vectors in input order, similar sentences closer than unrelated ones', async () => {
    const [fraud, scam, pizza] = await embedRows(embedder, ['I worry this site is a scam', 'is this store a fraud?', 'pizza toppings recipe']);
    expect(fraud).toHaveLength(512);
    expect(cosine(fraud!, fraud!)).toBeCloseTo(1, 5);
    expect(cosine(fraud!, scam!)).toBeGreaterThan(cosine(fraud!, pizza!));
  });

  it('answers repeated texts identically and survives concurrent requests', async () => {
    const [a, b] = await Promise.all([embedRows(embedder, ['refund please']), embedRows(embedder, ['refund please', 'late delivery'])]);
    expect(Array.from(a[0]!)).toEqual(Array.from(b[0]!));
    expect(b).toHaveLength(2);
  });
});

// The same model as the bundled batch embedder, so a run's cached vectors and the agent's agree.
runEmbedderConformance('resident use-lite-512', () => createResidentEmbedder(), { batchTolerance: 1e-5 });
