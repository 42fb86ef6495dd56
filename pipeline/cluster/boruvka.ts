/**
 * Minimum spanning tree of the mutual reachability graph by Borůvka's algorithm over a kd-tree, the
 * low-dimensional O(n log n) path (the component-wise nearest-neighbour search of fast_hdbscan and
 * hdbscan's boruvka_kdtree). Each round, every component finds its lightest outgoing edge with one
 * pruned tree search per point: subtrees wholly inside the component, or whose lower bound
 * max(core(p), min core in the box, box distance) exceeds the component's best so far, are skipped.
 *
 * Edges are compared by the strict total order (weight², smaller end, larger end) — the same order
 * Prim's algorithm uses — so the MST is unique and both algorithms return the same edge set.
 */
import type { KdNeighbours } from './kd-core-distance.ts';
import { boxDistance, type KdTree } from './kd-tree.ts';
import type { SpanningTree } from './mst.ts';
import { edgeBefore } from './mst-order.ts';
import { squaredDistance } from './squared-distance.ts';

/**
 * @param knn the core distances and neighbour lists of kdNeighbours on the same tree. A point whose
 * list is complete and holds an edge as light as its own core distance cannot do better, so its tree
 * search is skipped: in the first round that is most points.
 */
export function boruvkaMst(tree: KdTree, knn: KdNeighbours): SpanningTree {
  const { n, d, points, index, start, end, left, nodeCount } = tree;
  const { core2, neighbours, m, complete } = knn;
  const edges = Math.max(0, n - 1);
  const from = new Int32Array(edges);
  const to = new Int32Array(edges);
  const weight = new Float64Array(edges);
  if (n < 2) return { from, to, weight };

  // Everything below works in tree order (position p holds original row index[p]) for locality.
  const coreT = new Float64Array(n);
  const position = new Int32Array(n);
  for (let p = 0; p < n; p++) {
    coreT[p] = core2[index[p] as number] as number;
    position[index[p] as number] = p;
  }
  const nodeMinCore = new Float64Array(nodeCount);
  // Children always have larger ids than their parent, so a reverse sweep is bottom-up.
  for (let k = nodeCount - 1; k >= 0; k--) {
    const c = left[k] as number;
    if (c >= 0) nodeMinCore[k] = Math.min(nodeMinCore[c] as number, nodeMinCore[c + 1] as number);
    else {
      let m = Infinity;
      for (let p = start[k] as number; p < (end[k] as number); p++) if ((coreT[p] as number) < m) m = coreT[p] as number;
      nodeMinCore[k] = m;
    }
  }

  const parent = new Int32Array(n);
  for (let p = 0; p < n; p++) parent[p] = p;
  const find = (x: number): number => {
    let r = x;
    while ((parent[r] as number) !== r) r = parent[r] as number;
    while ((parent[x] as number) !== r) {
      const next = parent[x] as number;
      parent[x] = r;
      x = next;
    }
    return r;
  };

  const comp = new Int32Array(n);
  const nodeComp = new Int32Array(nodeCount);
  const bestW = new Float64Array(n);
  const bestA = new Int32Array(n);
  const bestB = new Int32Array(n);
  const stack = new Int32Array(256);
  const stackBound = new Float64Array(256);
  let added = 0;
  while (added < edges) {
    for (let p = 0; p < n; p++) comp[p] = find(p);
    for (let k = nodeCount - 1; k >= 0; k--) {
      const c = left[k] as number;
      if (c >= 0) nodeComp[k] = nodeComp[c] === nodeComp[c + 1] ? (nodeComp[c] as number) : -1;
      else {
        const s = start[k] as number;
        let label = comp[s] as number;
        for (let p = s + 1; p < (end[k] as number) && label >= 0; p++) if (comp[p] !== label) label = -1;
        nodeComp[k] = label;
      }
    }
    bestW.fill(Infinity);
    bestA.fill(-1);
    bestB.fill(-1);

    for (let p = 0; p < n; p++) {
      const c = comp[p] as number;
      const cp = coreT[p] as number;
      // mreach(p, ·) ≥ core(p): a tie can still win on the end indices, so only a strict loss skips.
      if (cp > (bestW[c] as number)) continue;
      const oi = index[p] as number;
      const pb = p * d;
      // The neighbour list first: cheap, and it sets a tight bound for the search.
      let atCore = false;
      for (let r = p * m, e = r + m; r < e; r++) {
        const q = neighbours[r] as number;
        if (q < 0 || comp[q] === c) continue;
        const cq = coreT[q] as number;
        let w = squaredDistance(points, pb, points, q * d, d);
        if (w < cp) w = cp;
        if (w < cq) w = cq;
        if (w === cp) atCore = true;
        offer(c, w, oi, index[q] as number);
      }
      if (atCore && complete[p] === 1) continue;
      let sp = 0;
      stack[sp] = 0;
      stackBound[sp++] = cp;
      while (sp > 0) {
        const node = stack[--sp] as number;
        if ((stackBound[sp] as number) > (bestW[c] as number)) continue;
        const ch = left[node] as number;
        if (ch >= 0) {
          const b0 = childBound(p, ch, c, cp);
          const b1 = childBound(p, ch + 1, c, cp);
          // Nearer child on top of the stack, searched first, so the bound tightens sooner.
          const nearFirst = b0 <= b1;
          const bw = bestW[c] as number;
          const farBound = nearFirst ? b1 : b0;
          const nearBound = nearFirst ? b0 : b1;
          if (farBound <= bw) {
            stack[sp] = nearFirst ? ch + 1 : ch;
            stackBound[sp++] = farBound;
          }
          if (nearBound <= bw) {
            stack[sp] = nearFirst ? ch : ch + 1;
            stackBound[sp++] = nearBound;
          }
          continue;
        }
        for (let q = start[node] as number, e = end[node] as number; q < e; q++) {
          if (comp[q] === c) continue;
          const cq = coreT[q] as number;
          const lb = cp > cq ? cp : cq;
          const bw = bestW[c] as number;
          if (lb > bw) continue;
          let w = squaredDistance(points, pb, points, q * d, d);
          if (w < lb) w = lb;
          if (w > bw) continue;
          offer(c, w, oi, index[q] as number);
        }
      }
    }

    let merged = 0;
    for (let c = 0; c < n; c++) {
      if (comp[c] !== c || (bestA[c] as number) < 0) continue;
      const a = bestA[c] as number;
      const b = bestB[c] as number;
      const ra = find(position[a] as number);
      const rb = find(position[b] as number);
      // Two components may pick the same edge; the strict order rules out cycles otherwise.
      if (ra === rb) continue;
      parent[ra] = rb;
      from[added] = a < b ? a : b;
      to[added] = a < b ? b : a;
      weight[added] = Math.sqrt(bestW[c] as number);
      added++;
      merged++;
    }
    if (merged === 0) throw new Error(`boruvka: no edge found with ${edges - added} merges to go`);
  }
  return { from, to, weight };

  /** Keeps edge {a, b} of squared weight w as component c's lightest if it comes first in the order. */
  function offer(c: number, w: number, a: number, b: number): void {
    const bw = bestW[c] as number;
    if (w < bw || (w === bw && edgeBefore(a, b, bestA[c] as number, bestB[c] as number))) {
      bestW[c] = w;
      bestA[c] = a;
      bestB[c] = b;
    }
  }

  /** Lower bound on mreach from p into node k; ∞ when the node lies wholly in p's component. */
  function childBound(p: number, k: number, c: number, cp: number): number {
    if (nodeComp[k] === c) return Infinity;
    let b = nodeMinCore[k] as number;
    if (cp > b) b = cp;
    if (b > (bestW[c] as number)) return b;
    const box = boxDistance(tree, p, k);
    return box > b ? box : b;
  }
}
