/**
 * Maximal marginal relevance: pick items that are relevant yet unlike what is already picked. Each step
 * takes the item maximising λ·relevance − (1−λ)·(max similarity to the picked items); the first pick is
 * the most relevant. Ties go to the lower index, so the result depends only on the inputs.
 */
import { PersonaError } from '../../lib/errors.ts';

export interface MmrOptions {
  /** Weight of relevance against redundancy, in [0, 1]; 1 is plain ranking by relevance. */
  readonly lambda?: number;
}

export const defaults: Required<MmrOptions> = { lambda: 0.7 };

/** Indices of the picked items, in the order they were picked (at most k, fewer if items run out). */
export function mmrSelect(relevance: readonly number[], similarity: (a: number, b: number) => number, k: number, options: MmrOptions = {}): number[] {
  const lambda = options.lambda ?? defaults.lambda;
  if (!(lambda >= 0 && lambda <= 1)) throw new PersonaError('bad_option', `mmr: lambda must be in [0, 1], got ${lambda}`);
  if (!Number.isInteger(k) || k < 0) throw new PersonaError('bad_option', `mmr: k must be a non-negative integer, got ${k}`);
  const n = relevance.length;
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(relevance[i])) throw new PersonaError('bad_value', `mmr: relevance[${i}] is ${relevance[i]}`);
  }
  const picked: number[] = [];
  const taken = new Uint8Array(n);
  // Max similarity of each item to the picked set, updated once per pick: O(k·n) similarity calls.
  const maxSim = new Float64Array(n);
  while (picked.length < Math.min(k, n)) {
    let best = -1;
    let bestScore = -Infinity;
    for (let i = 0; i < n; i++) {
      if (taken[i]) continue;
      const score = lambda * (relevance[i] as number) - (1 - lambda) * (picked.length ? (maxSim[i] as number) : 0);
      if (score > bestScore) {
        best = i;
        bestScore = score;
      }
    }
    picked.push(best);
    taken[best] = 1;
    for (let i = 0; i < n; i++) {
      if (!taken[i]) maxSim[i] = Math.max(maxSim[i] as number, similarity(i, best));
    }
  }
  return picked;
}
