import { describe, expect, it } from 'vitest';
import { textHash } from '../../lib/checksum.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { Embedder } from '../types.ts';
import { createMemoryCache, embedWithCache } from './embedding-cache.ts';
import { normaliseRows } from './normalise.ts';

/** Hashes characters into 8 buckets; counts calls and texts so the cache's savings are visible. */
function countingEmbedder(model = 'test-8'): Embedder & { calls: number; texts: string[] } {
  const e = {
    model,
    options: {},
    calls: 0,
    texts: [] as string[],
    async embed(texts: readonly string[]): Promise<Matrix> {
      e.calls++;
      e.texts.push(...texts);
      const raw = new Float64Array(texts.length * 8);
      texts.forEach((t, i) => {
        raw[i * 8] = 1; // keeps '' away from the zero vector
        for (const ch of t) {
          const k = i * 8 + ((ch.codePointAt(0) as number) % 8);
          raw[k] = (raw[k] as number) + 1;
        }
      });
      return normaliseRows(raw, texts.length, 8);
    },
  };
  return e;
}

describe('embedWithCache', () => {
  const texts = ['refund please', 'love it', 'refund please', '', 'wrong size'];

  it('embeds each distinct miss once and nothing on the second call', async () => {
    const cache = createMemoryCache();
    const e = countingEmbedder();
    const first = await embedWithCache(e, cache, texts);
    expect(e.calls).toBe(1);
    expect(e.texts).toEqual(['refund please', 'love it', '', 'wrong size']);
    expect([first.hits, first.misses, first.embedded]).toEqual([0, 5, 4]);
    expect(cache.size).toBe(4);

    const second = await embedWithCache(e, cache, texts);
    expect(e.calls).toBe(1);
    expect([second.hits, second.misses, second.embedded]).toEqual([5, 0, 0]);
    expect(Buffer.from(second.matrix.data.buffer).equals(Buffer.from(first.matrix.data.buffer))).toBe(true);
  });

  it('assembles cached and fresh rows in input order', async () => {
    const cache = createMemoryCache();
    const e = countingEmbedder();
    await embedWithCache(e, cache, ['love it']);
    const mixed = await embedWithCache(e, cache, ['new text', 'love it', 'new text']);
    expect(e.texts).toEqual(['love it', 'new text']);
    expect([mixed.hits, mixed.misses, mixed.embedded]).toEqual([1, 2, 1]);
    const direct = await countingEmbedder().embed(['new text', 'love it', 'new text']);
    expect(Array.from(mixed.matrix.data)).toEqual(Array.from(direct.data));
  });

  it('keys entries by model and by the sha256 of the exact text', async () => {
    const cache = createMemoryCache();
    await embedWithCache(countingEmbedder('a'), cache, ['Hi']);
    const other = countingEmbedder('b');
    await embedWithCache(other, cache, ['Hi', 'hi']);
    expect(other.texts).toEqual(['Hi', 'hi']);
    expect((await cache.get('a', [textHash('Hi'), textHash('hi')])).size).toBe(1);
  });

  it('returns a 0-row matrix of the embedder width for no texts', async () => {
    const r = await embedWithCache(countingEmbedder(), createMemoryCache(), []);
    expect([r.matrix.rows, r.matrix.cols, r.hits, r.misses]).toEqual([0, 8, 0, 0]);
  });

  it('rejects cached vectors of another width', async () => {
    const cache = createMemoryCache();
    await cache.put('test-8', [{ hash: textHash('old'), vector: new Float32Array(3) }]);
    await expect(embedWithCache(countingEmbedder(), cache, ['old', 'new'])).rejects.toThrow(/3 columns/);
  });
});
