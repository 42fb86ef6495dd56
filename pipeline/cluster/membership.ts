/**
 * Per-point scores from the condensed tree, as the reference HDBSCAN library defines them.
 */
import type { ClusterTree, CondensedTree } from './condensed-tree.ts';

/**
 * Membership strength: λ at which the point left the tree divided by the largest λ of its selected
 * cluster's direct rows (capped at 1). Noise gets 0; points leaving at λ = ∞ (duplicates) get 1.
 * @param labels cluster-tree indices from labelPoints (−1 = noise)
 */
export function membershipProbabilities(t: CondensedTree, labels: Int32Array, deaths: Float64Array): Float64Array {
  const out = new Float64Array(t.n);
  for (let r = 0; r < t.rows; r++) {
    const p = t.child[r] as number;
    if (p >= t.n) continue;
    const c = labels[p] as number;
    if (c < 0) continue;
    const maxLambda = deaths[c] as number;
    const lam = t.lambda[r] as number;
    out[p] = maxLambda === 0 || !Number.isFinite(lam) ? 1 : Math.min(lam, maxLambda) / maxLambda;
  }
  return out;
}

/**
 * GLOSH (Campello et al. 2015): 1 − λ_point / λ_max, where λ_max is the largest λ anywhere in the
 * subtree of the cluster the point fell out of. 0 = as dense as its cluster gets, → 1 = isolated.
 */
export function gloshScores(t: CondensedTree, tree: ClusterTree, deaths: Float64Array): Float64Array {
  const subtreeMax = deaths.slice();
  // Children have larger indices than parents, so one backward pass pushes maxima to the root.
  for (let c = subtreeMax.length - 1; c > 0; c--) {
    const p = tree.parent[c] as number;
    if ((subtreeMax[c] as number) > (subtreeMax[p] as number)) subtreeMax[p] = subtreeMax[c] as number;
  }
  const out = new Float64Array(t.n);
  for (let r = 0; r < t.rows; r++) {
    const p = t.child[r] as number;
    if (p >= t.n) continue;
    const maxLambda = subtreeMax[(t.parent[r] as number) - t.n] as number;
    const lam = t.lambda[r] as number;
    // Written as 1 − λ/λmax so that λmax = ∞ (duplicates elsewhere) gives 1, not ∞/∞.
    out[p] = maxLambda === 0 || !Number.isFinite(lam) ? 0 : 1 - lam / maxLambda;
  }
  return out;
}
