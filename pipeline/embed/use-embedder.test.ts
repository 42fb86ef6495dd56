import { describe, expect, it } from 'vitest';
import { isPersonaError } from '../../lib/errors.ts';
import { runEmbedderConformance } from './embedder-conformance.ts';
import { createUseEmbedder, USE_DIM } from './use-embedder.ts';

// Other batch shapes make the model sum in another order: differences of ~2e-7 are measured.
runEmbedderConformance('use-lite-512', (batchSize) => createUseEmbedder({ batchSize, workers: 2 }), { batchTolerance: 1e-5 });

const cos = (a: ArrayLike<number>, b: ArrayLike<number>): number => {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i] as number) * (b[i] as number);
  return s;
};

describe('use embedder', () => {
  it('puts a refund complaint nearer a scam complaint than a happy dress review', async () => {
    const m = await createUseEmbedder().embed([
      'my card was charged twice and I want a refund',
      'I think this seller is a scam, give me my money back',
      'the dress fits perfectly and the colour is lovely',
    ]);
    const row = (i: number): Float32Array => m.data.subarray(i * USE_DIM, (i + 1) * USE_DIM) as Float32Array;
    expect(cos(row(0), row(1))).toBeGreaterThan(cos(row(0), row(2)) + 0.05);
  });

  it('gives the same bytes with one or two workers and reports progress', async () => {
    const texts = ['late delivery again', 'love it', 'refund please', 'wrong size', 'app keeps crashing', 'thanks!', 'where is my parcel'];
    const progress: [number, number][] = [];
    const one = await createUseEmbedder({ workers: 1, batchSize: 2 }).embed(texts);
    const two = await createUseEmbedder({ workers: 2, batchSize: 2, onProgress: (d, t) => progress.push([d, t]) }).embed(texts);
    expect(Buffer.from(two.data.buffer).equals(Buffer.from(one.data.buffer))).toBe(true);
    expect(progress.length).toBe(4); // batches of 2: 2 + 2 in one worker, 2 + 1 in the other
    expect(progress[progress.length - 1]).toEqual([texts.length, texts.length]);
    expect(progress.every(([d], i) => i === 0 || d > (progress[i - 1] as [number, number])[0])).toBe(true);
  });

  it('keeps options serialisable and validates them in embed', async () => {
    const e = createUseEmbedder({ workers: 0, onProgress: () => undefined });
    expect(e.options).toEqual({ batchSize: 32, workers: 0 });
    const err = await e.embed(['x']).catch((x: unknown) => x);
    expect(isPersonaError(err) && err.code).toBe('bad_option');
  });
});
