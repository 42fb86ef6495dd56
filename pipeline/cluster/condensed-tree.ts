/**
 * The condensed cluster tree: the single-linkage dendrogram walked from the root in breadth-first order,
 * keeping a split only when both sides have at least minClusterSize points; otherwise the small side's
 * points "fall out" of the cluster at λ = 1 / distance. Same layout and numbering as the reference
 * library: points are 0..n-1, clusters n.. with the root n, children always numbered after parents.
 */
import type { Hierarchy } from './single-linkage.ts';

export interface CondensedTree {
  readonly n: number;
  /** Clusters including the root; cluster ids are n..n+clusterCount-1. */
  readonly clusterCount: number;
  readonly rows: number;
  readonly parent: Int32Array;
  /** A point (< n) or a cluster (≥ n). */
  readonly child: Int32Array;
  readonly lambda: Float64Array;
  readonly childSize: Int32Array;
}

export function condenseTree(h: Hierarchy, minClusterSize: number): CondensedTree {
  const n = h.n;
  const root = 2 * n - 2;
  // Rows: one per point plus two per kept split; each kept split's sides hold ≥ minClusterSize points.
  const capacity = n + 2 * Math.floor(n / minClusterSize) + 2;
  const parent = new Int32Array(capacity);
  const child = new Int32Array(capacity);
  const lambda = new Float64Array(capacity);
  const childSize = new Int32Array(capacity);
  let rows = 0;
  let nextCluster = n + 1;
  if (n < 2) return { n, clusterCount: 1, rows, parent, child, lambda, childSize };

  // Breadth-first queue of dendrogram nodes that carry a cluster, with that cluster's id.
  const queueNode = new Int32Array(2 * n);
  const queueCluster = new Int32Array(2 * n);
  let head = 0;
  let tail = 0;
  queueNode[tail] = root;
  queueCluster[tail++] = n;
  const stack = new Int32Array(n);

  const count = (node: number): number => (node < n ? 1 : (h.size[node - n] as number));
  const fallOut = (node: number, cluster: number, lam: number): void => {
    // All points under node leave `cluster` at lam (iterative: chains can be n deep).
    let sp = 0;
    stack[sp++] = node;
    while (sp > 0) {
      const x = stack[--sp] as number;
      if (x < n) {
        parent[rows] = cluster;
        child[rows] = x;
        lambda[rows] = lam;
        childSize[rows++] = 1;
      } else {
        stack[sp++] = h.right[x - n] as number;
        stack[sp++] = h.left[x - n] as number;
      }
    }
  };
  const addCluster = (node: number, from: number, lam: number): void => {
    const id = nextCluster++;
    parent[rows] = from;
    child[rows] = id;
    lambda[rows] = lam;
    childSize[rows++] = count(node);
    queueNode[tail] = node;
    queueCluster[tail++] = id;
  };

  while (head < tail) {
    const node = queueNode[head] as number;
    const cluster = queueCluster[head++] as number;
    if (node < n) {
      // A cluster reduced to one point (only when minClusterSize ≤ 1): it leaves at λ = ∞.
      fallOut(node, cluster, Infinity);
      continue;
    }
    const e = node - n;
    const dist = h.distance[e] as number;
    const lam = dist > 0 ? 1 / dist : Infinity;
    const l = h.left[e] as number;
    const r = h.right[e] as number;
    const big = ((count(l) >= minClusterSize ? 1 : 0) + (count(r) >= minClusterSize ? 2 : 0)) as 0 | 1 | 2 | 3;
    switch (big) {
      case 3: // a true split: two new clusters are born at lam
        addCluster(l, cluster, lam);
        addCluster(r, cluster, lam);
        break;
      case 0: // the cluster dissolves: everything left falls out at lam
        fallOut(l, cluster, lam);
        fallOut(r, cluster, lam);
        break;
      case 1: // the right side sheds points, the left side carries the cluster on
        fallOut(r, cluster, lam);
        queueNode[tail] = l;
        queueCluster[tail++] = cluster;
        break;
      case 2:
        fallOut(l, cluster, lam);
        queueNode[tail] = r;
        queueCluster[tail++] = cluster;
        break;
      default: {
        const unreachable: never = big;
        throw new Error(`unreachable split kind ${String(unreachable)}`);
      }
    }
  }
  return { n, clusterCount: nextCluster - n, rows, parent, child, lambda, childSize };
}

/** Per cluster (index = id − n): parent index (−1 for the root), birth λ, children (−1 when a leaf). */
export interface ClusterTree {
  readonly parent: Int32Array;
  readonly birth: Float64Array;
  readonly firstChild: Int32Array;
  readonly secondChild: Int32Array;
}

export function clusterTree(t: CondensedTree): ClusterTree {
  const c = t.clusterCount;
  const parent = new Int32Array(c).fill(-1);
  const birth = new Float64Array(c);
  const firstChild = new Int32Array(c).fill(-1);
  const secondChild = new Int32Array(c).fill(-1);
  for (let r = 0; r < t.rows; r++) {
    const ch = t.child[r] as number;
    if (ch < t.n) continue;
    const ci = ch - t.n;
    const pi = (t.parent[r] as number) - t.n;
    parent[ci] = pi;
    birth[ci] = t.lambda[r] as number;
    if ((firstChild[pi] as number) < 0) firstChild[pi] = ci;
    else secondChild[pi] = ci;
  }
  return { parent, birth, firstChild, secondChild };
}

/**
 * Stability of each cluster (index = id − n): Σ over its rows of (λ_row − λ_birth) · size. Rows at
 * λ = birth add nothing, which also keeps ∞ − ∞ (duplicate points) out of the sums.
 */
export function clusterStability(t: CondensedTree, tree: ClusterTree): Float64Array {
  const stability = new Float64Array(t.clusterCount);
  for (let r = 0; r < t.rows; r++) {
    const pi = (t.parent[r] as number) - t.n;
    const lam = t.lambda[r] as number;
    const b = tree.birth[pi] as number;
    if (lam > b) stability[pi] = (stability[pi] as number) + (lam - b) * (t.childSize[r] as number);
  }
  return stability;
}

/** Largest λ among each cluster's direct rows: when it dies (points) or splits (clusters). */
export function clusterDeaths(t: CondensedTree): Float64Array {
  const deaths = new Float64Array(t.clusterCount);
  for (let r = 0; r < t.rows; r++) {
    const pi = (t.parent[r] as number) - t.n;
    const lam = t.lambda[r] as number;
    if (lam > (deaths[pi] as number)) deaths[pi] = lam;
  }
  return deaths;
}
