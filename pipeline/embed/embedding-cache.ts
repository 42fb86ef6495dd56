/**
 * Embedding cache keyed by (model id, sha256 of the exact text). embedWithCache embeds only texts the
 * cache does not hold, each distinct text once, stores them, and returns the full matrix in input order.
 * A database-backed cache implements the same interface.
 */
import { textHash } from '../../lib/checksum.ts';
import { PersonaError } from '../../lib/errors.ts';
import { assertShape, createMatrix, type Matrix } from '../../lib/matrix.ts';
import type { Embedder } from '../types.ts';
import { checkTexts } from './normalise.ts';

export interface EmbeddingCache {
  /** Vectors found for the given hashes; absent hashes are simply missing from the map. */
  get(model: string, hashes: readonly string[]): Promise<Map<string, Float32Array>>;
  put(model: string, entries: readonly { hash: string; vector: Float32Array }[]): Promise<void>;
}

export interface CachedEmbedding {
  readonly matrix: Matrix;
  /** Input texts served from the cache. */
  readonly hits: number;
  /** Input texts the cache did not hold (duplicates counted each time). */
  readonly misses: number;
  /** Distinct texts sent to the embedder. */
  readonly embedded: number;
}

export function createMemoryCache(): EmbeddingCache & { readonly size: number } {
  const store = new Map<string, Float32Array>();
  const k = (model: string, hash: string): string => `${model}\u0000${hash}`;
  return {
    get size() {
      return store.size;
    },
    async get(model, hashes) {
      const out = new Map<string, Float32Array>();
      for (const h of hashes) {
        const v = store.get(k(model, h));
        if (v) out.set(h, v.slice()); // copies: callers may not mutate what the cache holds
      }
      return out;
    },
    async put(model, entries) {
      for (const e of entries) store.set(k(model, e.hash), e.vector.slice());
    },
  };
}

export async function embedWithCache(embedder: Embedder, cache: EmbeddingCache, texts: readonly string[]): Promise<CachedEmbedding> {
  checkTexts(texts, 'embedding cache');
  const hashes = texts.map(textHash);
  const distinct = [...new Set(hashes)];
  const found = distinct.length ? await cache.get(embedder.model, distinct) : new Map<string, Float32Array>();

  const missingSet = new Set<string>();
  const missingTexts: string[] = [];
  texts.forEach((t, i) => {
    const h = hashes[i] as string;
    if (!found.has(h) && !missingSet.has(h)) {
      missingSet.add(h);
      missingTexts.push(t);
    }
  });
  const missing = [...missingSet];
  const vectors = new Map(found);
  let cols = found.size ? (found.values().next().value as Float32Array).length : -1;
  if (missingTexts.length || !found.size) {
    const fresh = await embedder.embed(missingTexts);
    assertShape(fresh, `embedding cache (${embedder.model})`, { rows: missingTexts.length });
    if (cols >= 0 && fresh.cols !== cols) {
      throw new PersonaError('shape_mismatch', `embedding cache: ${embedder.model} embedded ${fresh.rows}×${fresh.cols} but cached vectors have ${cols} columns`);
    }
    cols = fresh.cols;
    const entries = missing.map((hash, i) => ({ hash, vector: Float32Array.from(fresh.data.subarray(i * cols, (i + 1) * cols)) }));
    for (const e of entries) vectors.set(e.hash, e.vector);
    if (entries.length) await cache.put(embedder.model, entries);
  }

  const data = new Float32Array(texts.length * cols);
  let hits = 0;
  hashes.forEach((h, i) => {
    const v = vectors.get(h) as Float32Array;
    if (v.length !== cols) {
      throw new PersonaError('shape_mismatch', `embedding cache: cached vector for text ${i} has ${v.length} values, expected ${cols}`);
    }
    if (found.has(h)) hits++;
    data.set(v, i * cols);
  });
  return { matrix: createMatrix(texts.length, cols, data), hits, misses: texts.length - hits, embedded: missingTexts.length };
}
