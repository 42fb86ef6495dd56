/**
 * Near duplicates by MinHash + LSH banding: a text is compared only with earlier kept texts sharing at
 * least one band, so the cost grows with the number of texts, not its square. A candidate is confirmed
 * when the estimated Jaccard similarity reaches the threshold; the text is then dropped in favour of the
 * most similar earlier one (earliest on ties). Only kept texts enter the buckets, so chains of small
 * edits cannot drift away from the text that was kept.
 */
import type { QualityText, QualityVerdict, TextFilterStep } from '../../types.ts';
import { bandKeys, createMinHasher, estimateJaccard, shingleHashes } from '../minhash.ts';
import { normaliseForDuplicates } from '../normalise.ts';

export interface NearDuplicateSettings {
  readonly nearDuplicateJaccard: number;
  readonly numHashes: number;
  readonly bands: number;
  readonly shortTextWords: number;
  readonly seed: number;
}

export function nearDuplicateStep(s: NearDuplicateSettings): TextFilterStep {
  const rows = s.numHashes / s.bands;
  return {
    name: 'near_duplicate',
    options: { ...s, rows, shingles: 'word 3-shingles; character 5-shingles below shortTextWords words' },
    apply(texts: readonly QualityText[]): QualityVerdict[] {
      const hasher = createMinHasher(s.numHashes, s.seed);
      const buckets = Array.from({ length: s.bands }, () => new Map<number, number[]>());
      const keptSigs: Uint32Array[] = [];
      const keptIds: string[] = [];
      const lastChecked: number[] = [];
      const out: QualityVerdict[] = [];

      texts.forEach((t, ti) => {
        const shingles = shingleHashes(normaliseForDuplicates(t.text), s.shortTextWords);
        if (shingles.length === 0) return; // nothing to compare; kept, never a candidate
        const sig = hasher.signature(shingles);
        const keys = bandKeys(sig, s.bands, rows);
        let best = -1;
        let bestJ = -1;
        for (let b = 0; b < s.bands; b++) {
          for (const k of buckets[b]?.get(keys[b] as number) ?? []) {
            if (lastChecked[k] === ti) continue;
            lastChecked[k] = ti;
            const j = estimateJaccard(sig, keptSigs[k] as Uint32Array);
            if (j >= s.nearDuplicateJaccard && (j > bestJ || (j === bestJ && k < best))) {
              best = k;
              bestJ = j;
            }
          }
        }
        if (best >= 0) {
          out.push({ id: t.id, kept: false, reason: 'near_duplicate', duplicateOf: keptIds[best] as string });
          return;
        }
        const k = keptSigs.length;
        keptSigs.push(sig);
        keptIds.push(t.id);
        lastChecked.push(-1);
        for (let b = 0; b < s.bands; b++) {
          const bucket = buckets[b] as Map<number, number[]>;
          const key = keys[b] as number;
          const list = bucket.get(key);
          if (list) list.push(k);
          else bucket.set(key, [k]);
        }
      });
      return out;
    },
  };
}
