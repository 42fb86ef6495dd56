/**
 * MinHash signatures and LSH band keys for near-duplicate detection. Every hash is a fixed function of
 * the seed (lib/rng.ts), so signatures, candidates and verdicts are identical on every run.
 */
import { createRng } from '../../lib/rng.ts';
import { wordsOf } from './normalise.ts';

/** FNV-1a over UTF-16 code units, finished with the murmur3 mixer for better low bits. */
export function hashString(s: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** murmur3's 32-bit finaliser: a bijection on 32-bit integers. */
export function fmix32(x: number): number {
  let h = x >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/**
 * Shingle hashes of a normalised text: word 3-shingles, or character 5-shingles when the text has fewer
 * than `shortTextWords` words (too few word shingles to measure similarity). The two kinds use different
 * hash seeds, so a word shingle and a character shingle match only by a 32-bit accident.
 */
export function shingleHashes(normalised: string, shortTextWords: number): Uint32Array {
  const words = wordsOf(normalised);
  const out = new Set<number>();
  if (words.length >= Math.max(shortTextWords, 3)) {
    // Hash each word once, then combine three word hashes per shingle (order-sensitive).
    const w = words.map((x) => hashString(x, 0x77));
    for (let i = 0; i + 3 <= w.length; i++) {
      out.add(fmix32(Math.imul(Math.imul(w[i] as number, 0x9e3779b1) ^ (w[i + 1] as number), 0x85ebca77) ^ (w[i + 2] as number)));
    }
  } else {
    const s = words.join(' ');
    if (s.length <= 5) {
      if (s) out.add(hashString(s, 0x63));
    } else {
      for (let i = 0; i + 5 <= s.length; i++) out.add(hashString(s.slice(i, i + 5), 0x63));
    }
  }
  return Uint32Array.from(out);
}

export interface MinHasher {
  readonly numHashes: number;
  /** Minimum of each hash function over the shingles; all 0xffffffff for an empty set. */
  signature(shingles: Uint32Array): Uint32Array;
}

/** numHashes functions h(x) = fmix32(a·x + b mod 2³²) with odd a: each a permutation of 32-bit values. */
export function createMinHasher(numHashes: number, seed: number): MinHasher {
  const rng = createRng(seed).fork('minhash');
  const a = new Uint32Array(numHashes);
  const b = new Uint32Array(numHashes);
  for (let i = 0; i < numHashes; i++) {
    a[i] = (rng.int(0x100000000) | 1) >>> 0;
    b[i] = rng.int(0x100000000) >>> 0;
  }
  return {
    numHashes,
    signature(shingles) {
      const sig = new Uint32Array(numHashes).fill(0xffffffff);
      for (const x of shingles) {
        for (let i = 0; i < numHashes; i++) {
          const h = fmix32((Math.imul(x, a[i] as number) + (b[i] as number)) >>> 0);
          if (h < (sig[i] as number)) sig[i] = h;
        }
      }
      return sig;
    },
  };
}

/** Share of positions where two signatures agree: an unbiased estimate of Jaccard similarity. */
export function estimateJaccard(x: Uint32Array, y: Uint32Array): number {
  let same = 0;
  for (let i = 0; i < x.length; i++) if (x[i] === y[i]) same++;
  return same / x.length;
}

/** One 32-bit key per band of `rows` consecutive signature values. */
export function bandKeys(sig: Uint32Array, bands: number, rows: number): Uint32Array {
  const keys = new Uint32Array(bands);
  for (let band = 0; band < bands; band++) {
    let h = (0x811c9dc5 ^ band) >>> 0;
    for (let r = 0; r < rows; r++) h = Math.imul(h ^ (sig[band * rows + r] as number), 0x01000193);
    keys[band] = fmix32(h);
  }
  return keys;
}
