/**
 * The single-linkage dendrogram from a spanning tree: edges in ascending weight, merged with union-find.
 * Scipy layout: merge e creates node n + e from nodes left[e] and right[e] (ids < n are points).
 */
import type { SpanningTree } from './mst.ts';

export interface Hierarchy {
  readonly n: number;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly distance: Float64Array;
  /** Points under node n + e. */
  readonly size: Int32Array;
}

export function singleLinkage(tree: SpanningTree, n: number): Hierarchy {
  const edges = tree.weight.length;
  const order = new Uint32Array(edges);
  for (let e = 0; e < edges; e++) order[e] = e;
  // Ties by edge index keep the order reproducible.
  order.sort((a, b) => (tree.weight[a] as number) - (tree.weight[b] as number) || a - b);

  const left = new Int32Array(edges);
  const right = new Int32Array(edges);
  const distance = new Float64Array(edges);
  const size = new Int32Array(edges);
  // parent[node] = the merge node that absorbed it, or -1 while it is a root of the forest.
  const parent = new Int32Array(n + edges).fill(-1);
  const nodeSize = new Int32Array(n + edges);
  nodeSize.fill(1, 0, n);
  for (let k = 0; k < edges; k++) {
    const e = order[k] as number;
    const a = findRoot(parent, tree.from[e] as number);
    const b = findRoot(parent, tree.to[e] as number);
    const node = n + k;
    left[k] = a;
    right[k] = b;
    distance[k] = tree.weight[e] as number;
    const s = (nodeSize[a] as number) + (nodeSize[b] as number);
    size[k] = s;
    nodeSize[node] = s;
    parent[a] = node;
    parent[b] = node;
  }
  return { n, left, right, distance, size };
}

/** Root of x's tree, compressing the path behind it. */
function findRoot(parent: Int32Array, x: number): number {
  let r = x;
  while ((parent[r] as number) !== -1) r = parent[r] as number;
  let y = x;
  while (y !== r) {
    const next = parent[y] as number;
    parent[y] = r;
    y = next;
  }
  return r;
}
