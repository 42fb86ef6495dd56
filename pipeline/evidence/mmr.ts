/**
 * Maximal marginal relevance: pick items that are relevant yet unlike what is already picked,
 * maximising λ·relevance − (1−λ)·max similarity to the picked set. Ties go to the lower index.
 */
export const mmrDefaults = { lambda: 0.7 } as const;

export function mmrSelect(relevance: readonly number[], similarity: (a: number, b: number) => number, k: number, lambda: number = mmrDefaults.lambda): number[] {
  const picked: number[] = [];
  const left = new Set(relevance.map((_, i) => i));
  while (picked.length < k && left.size) {
    let best = -1;
    let bestScore = -Infinity;
    for (const i of left) {
      let maxSim = 0;
      for (const j of picked) maxSim = Math.max(maxSim, similarity(i, j));
      const score = lambda * (relevance[i] as number) - (1 - lambda) * maxSim;
      if (score > bestScore + 1e-12) {
        best = i;
        bestScore = score;
      }
    }
    picked.push(best);
    left.delete(best);
  }
  return picked;
}
