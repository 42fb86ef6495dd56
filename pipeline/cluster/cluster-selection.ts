/**
 * Choosing the flat clustering from the condensed tree (excess of mass or leaves, optionally merged below
 * an epsilon distance) and labelling the points, following the reference HDBSCAN library. Clusters here
 * are indices into the cluster tree (id − n): 0 is the root, children always have larger indices.
 */
import type { ClusterTree, CondensedTree } from './condensed-tree.ts';

export type ClusterSelectionMethod = 'eom' | 'leaf';

export interface SelectionSettings {
  readonly method: ClusterSelectionMethod;
  readonly allowSingleCluster: boolean;
  /** Distance below which splits are ignored (0 = off). */
  readonly epsilon: number;
}

/** selected[c] = 1 for the chosen clusters; never both a cluster and one of its descendants. */
export function selectClusters(tree: ClusterTree, stability: Float64Array, s: SelectionSettings): Uint8Array {
  const count = tree.parent.length;
  const selected = new Uint8Array(count);
  switch (s.method) {
    case 'eom': {
      // Children before parents (larger index first): a parent wins only if it is at least as stable
      // as the best selection inside it; otherwise it passes that subtree stability up.
      const stab = stability.slice();
      const last = s.allowSingleCluster ? 0 : 1;
      for (let c = count - 1; c >= last; c--) {
        const a = tree.firstChild[c] as number;
        const b = tree.secondChild[c] as number;
        const sub = (a >= 0 ? (stab[a] as number) : 0) + (b >= 0 ? (stab[b] as number) : 0);
        if (sub > (stab[c] as number)) {
          stab[c] = sub;
        } else {
          selected[c] = 1;
          clearDescendants(tree, c, selected);
        }
      }
      if (s.epsilon > 0) {
        const chosen = indicesOf(selected);
        selected.fill(0);
        // The root alone is kept as it is (only possible with allowSingleCluster).
        const only = chosen.length === 1 && chosen[0] === 0 ? chosen : epsilonSearch(tree, chosen, s);
        for (const c of only) selected[c] = 1;
      }
      break;
    }
    case 'leaf': {
      const leaves: number[] = [];
      for (let c = 1; c < count; c++) if ((tree.firstChild[c] as number) < 0) leaves.push(c);
      // No split at all: the root is the only candidate and labelling applies allowSingleCluster.
      const chosen = leaves.length === 0 ? [0] : s.epsilon > 0 ? epsilonSearch(tree, leaves, s) : leaves;
      for (const c of chosen) selected[c] = 1;
      break;
    }
    default: {
      const unreachable: never = s.method;
      throw new Error(`unknown cluster selection method ${String(unreachable)}`);
    }
  }
  // A selected ancestor absorbs any selected descendant (epsilon search can otherwise nest them).
  for (let c = 0; c < count; c++) if (selected[c]) clearDescendants(tree, c, selected);
  return selected;
}

/**
 * Labels points with the index of the selected cluster they fall out of (directly or through
 * unselected descendants), else −1. The root as the single cluster keeps only points that leave it no
 * earlier than its last split/death, or at distance ≤ epsilon, as the reference does.
 */
export function labelPoints(t: CondensedTree, tree: ClusterTree, selected: Uint8Array, s: SelectionSettings, deaths: Float64Array): Int32Array {
  const count = tree.parent.length;
  const owner = new Int32Array(count);
  let chosen = 0;
  for (let c = 0; c < count; c++) {
    if (selected[c]) chosen++;
    owner[c] = selected[c] ? c : c === 0 ? -1 : (owner[tree.parent[c] as number] as number);
  }
  const rootOnly = selected[0] === 1 && chosen === 1 && s.allowSingleCluster;
  const rootThreshold = s.epsilon > 0 ? 1 / s.epsilon : (deaths[0] as number);
  const labels = new Int32Array(t.n).fill(-1);
  for (let r = 0; r < t.rows; r++) {
    const p = t.child[r] as number;
    if (p >= t.n) continue;
    const o = owner[(t.parent[r] as number) - t.n] as number;
    if (o > 0) labels[p] = o;
    else if (o === 0 && rootOnly && (t.lambda[r] as number) >= rootThreshold) labels[p] = 0;
  }
  return labels;
}

function clearDescendants(tree: ClusterTree, c: number, selected: Uint8Array): void {
  const stack = [tree.firstChild[c] as number, tree.secondChild[c] as number];
  while (stack.length) {
    const x = stack.pop() as number;
    if (x < 0) continue;
    selected[x] = 0;
    stack.push(tree.firstChild[x] as number, tree.secondChild[x] as number);
  }
}

function indicesOf(flags: Uint8Array): number[] {
  const out: number[] = [];
  for (let c = 0; c < flags.length; c++) if (flags[c]) out.push(c);
  return out;
}

/**
 * Malzer & Baum's hybrid selection: a candidate born at a distance below epsilon is replaced by its
 * nearest ancestor born above epsilon (a child of the root stays itself unless allowSingleCluster).
 */
function epsilonSearch(tree: ClusterTree, candidates: readonly number[], s: SelectionSettings): number[] {
  const out = new Set<number>();
  const covered = new Uint8Array(tree.parent.length);
  for (const leaf of candidates) {
    if (bornDistance(tree, leaf) >= s.epsilon) {
      out.add(leaf);
      continue;
    }
    if (covered[leaf]) continue;
    const up = traverseUpwards(tree, leaf, s);
    out.add(up);
    const stack = [tree.firstChild[up] as number, tree.secondChild[up] as number];
    while (stack.length) {
      const x = stack.pop() as number;
      if (x < 0) continue;
      covered[x] = 1;
      stack.push(tree.firstChild[x] as number, tree.secondChild[x] as number);
    }
  }
  return [...out].sort((a, b) => a - b);
}

function traverseUpwards(tree: ClusterTree, leaf: number, s: SelectionSettings): number {
  let c = leaf;
  for (;;) {
    const p = tree.parent[c] as number;
    if (p === 0) return s.allowSingleCluster ? 0 : c;
    if (bornDistance(tree, p) > s.epsilon) return p;
    c = p;
  }
}

function bornDistance(tree: ClusterTree, c: number): number {
  const b = tree.birth[c] as number;
  return b > 0 ? 1 / b : Infinity;
}
