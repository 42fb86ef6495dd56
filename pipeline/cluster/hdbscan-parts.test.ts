/**
 * The fast kernels against slow, obviously-correct versions: sorted brute-force core distances and
 * Kruskal on the full mutual reachability matrix (MSTs can differ on ties; their weight cannot).
 */
import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { squaredCoreDistances } from './core-distance.ts';
import { mutualReachabilityMst } from './mst.ts';
import { singleLinkage } from './single-linkage.ts';

function randomData(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const data = Float64Array.from({ length: n * d }, () => Math.round(rng.normal() * 40) / 10);
  // A few exact duplicates exercise zero distances.
  data.copyWithin(d, 0, d);
  data.copyWithin(5 * d, 4 * d, 5 * d);
  return data;
}

function sqDist(data: Float64Array, i: number, j: number, d: number): number {
  let s = 0;
  for (let t = 0; t < d; t++) s += ((data[i * d + t] as number) - (data[j * d + t] as number)) ** 2;
  return s;
}

function slowCore(data: Float64Array, n: number, d: number, k: number): number[] {
  return Array.from({ length: n }, (_, i) => {
    const ds = Array.from({ length: n }, (_, j) => sqDist(data, i, j, d)).sort((a, b) => a - b);
    return ds[Math.min(k, n) - 1] as number; // includes the point itself at 0
  });
}

function kruskalWeight(data: Float64Array, n: number, d: number, core2: ArrayLike<number>): number {
  const edges: [number, number, number][] = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) edges.push([i, j, Math.sqrt(Math.max(sqDist(data, i, j, d), core2[i] as number, core2[j] as number))]);
  edges.sort((a, b) => a[2] - b[2]);
  const parent = Array.from({ length: n }, (_, i) => i);
  const find = (v: number): number => (parent[v] === v ? v : (parent[v] = find(parent[v] as number)));
  let total = 0;
  for (const [a, b, w] of edges) {
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) {
      parent[ra] = rb;
      total += w;
    }
  }
  return total;
}

describe('hdbscan kernels', () => {
  for (const d of [1, 2, 3, 6, 7, 10]) {
    for (const k of [1, 2, 5, 15]) {
      it(`core distances and MST match the slow versions (d=${d}, minSamples=${k})`, () => {
        const n = 120;
        const data = randomData(n, d, d * 100 + k);
        const core2 = squaredCoreDistances(data, n, d, k);
        expect([...core2]).toEqual(slowCore(data, n, d, k).map((v) => expect.closeTo(v, 12)));
        const mst = mutualReachabilityMst(data, n, d, core2);
        expect(mst.weight.length).toBe(n - 1);
        const fast = mst.weight.reduce((a, b) => a + b, 0);
        expect(fast).toBeCloseTo(kruskalWeight(data, n, d, core2), 9);
        // A spanning tree: every point joined exactly once as a "to" end, from a point already in.
        const seen = new Set([0]);
        mst.to.forEach((t, e) => {
          expect(seen.has(mst.from[e] as number)).toBe(true);
          expect(seen.has(t)).toBe(false);
          seen.add(t);
        });
      });
    }
  }

  it('single linkage merges in ascending order with correct sizes', () => {
    const n = 50;
    const data = randomData(n, 3, 5);
    const h = singleLinkage(mutualReachabilityMst(data, n, 3, squaredCoreDistances(data, n, 3, 4)), n);
    for (let e = 1; e < n - 1; e++) expect(h.distance[e] as number).toBeGreaterThanOrEqual(h.distance[e - 1] as number);
    expect(h.size[n - 2]).toBe(n);
    const count = (node: number): number => (node < n ? 1 : (h.size[node - n] as number));
    for (let e = 0; e < n - 1; e++) expect(count(h.left[e] as number) + count(h.right[e] as number)).toBe(h.size[e]);
  });
});
