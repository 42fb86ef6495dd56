/**
 * HDBSCAN on tiny 1-D sets worked out by hand, step by step, with minClusterSize = 3 and
 * minSamples = 2 (core distance = distance to the nearest other point).
 */
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { adjustedRandIndex } from '../evaluate/partition-agreement.ts';
import { clusterStability, clusterTree, condenseTree } from './condensed-tree.ts';
import { squaredCoreDistances } from './core-distance.ts';
import { fitHdbscan } from './hdbscan.ts';
import { mutualReachabilityMst } from './mst.ts';
import { singleLinkage } from './single-linkage.ts';

const column = (xs: number[]) => fromRows(xs.map((v) => [v]));

describe('hdbscan, case 1: two clusters and an outlier', () => {
  //  index   0  1  2  3    4   5     6   7     8
  const xs = [0, 1, 3, 4.2, 10, 11.5, 12, 14.5, 30];
  const x = column(xs);
  const data = x.data as Float64Array;

  it('computes the core distances (nearest other point)', () => {
    // 0→1: 1 | 1→0: 1 | 3→4.2: 1.2 | 4.2→3: 1.2 | 10→11.5: 1.5 | 11.5↔12: 0.5 | 14.5→12: 2.5 | 30→14.5: 15.5
    const core = Array.from(squaredCoreDistances(data, 9, 1, 2), Math.sqrt);
    expect(core.map((v) => +v.toFixed(12))).toEqual([1, 1, 1.2, 1.2, 1.5, 0.5, 0.5, 2.5, 15.5]);
  });

  it('builds the mutual reachability MST', () => {
    // In 1-D with minSamples 2 the MST is the chain of neighbours; mreach = max(d, core a, core b):
    // 0–1: 1 | 1–3: 2 | 3–4.2: 1.2 | 4.2–10: 5.8 | 10–11.5: 1.5 | 11.5–12: 0.5 | 12–14.5: 2.5 | 14.5–30: 15.5
    const mst = mutualReachabilityMst(data, 9, 1, squaredCoreDistances(data, 9, 1, 2));
    const edges = Array.from(mst.weight, (w, e) => [Math.min(mst.from[e] as number, mst.to[e] as number), Math.max(mst.from[e] as number, mst.to[e] as number), +w.toFixed(12)]);
    edges.sort((a, b) => (a[0] as number) - (b[0] as number));
    expect(edges).toEqual([[0, 1, 1], [1, 2, 2], [2, 3, 1.2], [3, 4, 5.8], [4, 5, 1.5], [5, 6, 0.5], [6, 7, 2.5], [7, 8, 15.5]]);
  });

  it('condenses the tree and scores stability', () => {
    // Top down (λ = 1/distance), root = cluster 9 (n):
    //  15.5: {8} < 3 falls out of the root at λ = 1/15.5.
    //   5.8: {0,1,2,3} and {4,5,6,7} both ≥ 3 → clusters 10 and 11 are born at λ = 1/5.8.
    //  cluster 10: 2 (1–3) splits it into {0,1},{2,3}, both < 3 → all four fall out at λ = 0.5.
    //  cluster 11: 2.5 sheds {7} at λ = 0.4; 1.5 splits {4},{5,6}, both < 3 → fall out at λ = 1/1.5.
    // Stability Σ (λ − λ_birth)·size: c10 = 4·(0.5 − 1/5.8) = 1.3103…,
    //   c11 = (0.4 − 1/5.8) + 3·(2/3 − 1/5.8) = 1.7103…
    const mst = mutualReachabilityMst(data, 9, 1, squaredCoreDistances(data, 9, 1, 2));
    const t = condenseTree(singleLinkage(mst, 9), 3);
    expect(t.clusterCount).toBe(3);
    const rows = Array.from({ length: t.rows }, (_, r) => [t.parent[r], t.child[r], +(t.lambda[r] as number).toFixed(12), t.childSize[r]]);
    expect(rows).toContainEqual([9, 8, +(1 / 15.5).toFixed(12), 1]);
    expect(rows).toContainEqual([9, 10, +(1 / 5.8).toFixed(12), 4]);
    expect(rows).toContainEqual([9, 11, +(1 / 5.8).toFixed(12), 4]);
    expect(rows).toContainEqual([11, 7, 0.4, 1]);
    const stability = clusterStability(t, clusterTree(t));
    expect(stability[1]).toBeCloseTo(4 * (0.5 - 1 / 5.8), 12);
    expect(stability[2]).toBeCloseTo(0.4 - 1 / 5.8 + 3 * (2 / 3 - 1 / 5.8), 12);
  });

  it('selects both leaves by excess of mass; the outlier is noise', () => {
    // EOM without the root: leaves 10 and 11 are kept. Equal sizes (4 and 4): the cluster holding
    // row 0 is segment 0. Probability = λ_point / max λ in the cluster: 14.5 → 0.4 / (2/3) = 0.6.
    // GLOSH = 1 − λ_point / max λ under its cluster: 30 → 1 − (1/15.5)/(2/3) = 0.90322…; 14.5 → 0.4.
    const c = fitHdbscan(x, { minClusterSize: 3, minSamples: 2 });
    expect([...c.labels]).toEqual([0, 0, 0, 0, 1, 1, 1, 1, -1]);
    expect(c.probabilities[7]).toBeCloseTo(0.6, 12);
    expect(c.probabilities[0]).toBe(1);
    expect(c.probabilities[8]).toBe(0);
    expect(c.outlierScores?.[8]).toBeCloseTo(1 - 1.5 / 15.5, 12);
    expect(c.outlierScores?.[7]).toBeCloseTo(0.4, 12);
    expect(c.outlierScores?.[5]).toBe(0);
    expect(c.report.counts).toMatchObject({ clusters: 2, noise: 1 });
  });
});

describe('hdbscan, case 2: a parent more stable than its children', () => {
  //  index   0  1    2  3    4    5    6   7     8     9     10
  const xs = [0, 0.5, 1, 1.8, 2.3, 2.8, 20, 20.6, 21.3, 22.3, 40];
  // Core distances: 0.5 for rows 0–5; 20: 0.6, 20.6: 0.6, 21.3: 0.7, 22.3: 1.0, 40: 17.7.
  // MST chain: 0.5, 0.5, 0.8 (1–1.8), 0.5, 0.5, 17.2 (2.8–20), 0.6, 0.7, 1.0, 17.7 (22.3–40).
  // Condensed (root 11): 17.7 sheds {40}; 17.2 splits AB = {0..5} (12) and C = {20..22.3} (13),
  // born at λ = 1/17.2. AB splits at 0.8 into A = {0,0.5,1} (14) and B = {1.8,2.3,2.8} (15) at
  // λ = 1.25; A and B dissolve at 0.5 (λ = 2). C sheds 22.3 at λ = 1, dissolves at 0.7 (λ = 1/0.7).
  // Stability: A = B = 3·(2 − 1.25) = 2.25; AB = 6·(1.25 − 1/17.2) = 7.151…
  //   EOM: A + B = 4.5 < 7.151 → AB is kept as one cluster. C = (1 − 1/17.2) + 3·(1/0.7 − 1/17.2).
  const x = column(xs);
  const blocks = { eom: [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, -1], leaf: [1, 1, 1, 2, 2, 2, 0, 0, 0, 0, -1] };

  it('keeps the parent under excess of mass', () => {
    const c = fitHdbscan(x, { minClusterSize: 3, minSamples: 2 });
    expect([...c.labels]).toEqual(blocks.eom);
    // AB's largest direct λ is its split (1.25); its points leave A/B at 2 → capped → 1.
    expect(c.probabilities[0]).toBe(1);
    // 22.3 leaves C at λ = 1; C's largest λ is 1/0.7 → 0.7.
    expect(c.probabilities[9]).toBeCloseTo(0.7, 12);
    expect(c.outlierScores?.[10]).toBeCloseTo(1 - 1 / 17.7 / 2, 12);
  });

  it('takes the leaves with clusterSelectionMethod leaf (largest first: C has 4)', () => {
    const c = fitHdbscan(x, { minClusterSize: 3, minSamples: 2, clusterSelectionMethod: 'leaf' });
    expect([...c.labels]).toEqual(blocks.leaf);
  });

  it('merges leaves born below clusterSelectionEpsilon back into their parent', () => {
    // A and B are born at distance 0.8 < 1 → their ancestor born above 1 (AB, at 17.2) replaces them.
    const c = fitHdbscan(x, { minClusterSize: 3, minSamples: 2, clusterSelectionMethod: 'leaf', clusterSelectionEpsilon: 1 });
    expect(adjustedRandIndex(c.labels, blocks.eom)).toBe(1);
    expect([...c.labels]).toEqual(blocks.eom);
  });

  it('never selects the root unless allowSingleCluster', () => {
    //  index      0  1     2    3     4     5
    const one = [0, 0.13, 0.3, 0.52, 0.61, 1.5];
    // Cores: 0.13, 0.13, 0.17, 0.09, 0.09, 0.89. MST: 0.13, 0.17, 0.22 (0.3–0.52), 0.09, 0.89.
    // 0.89 sheds {1.5} (λ 1/0.89); 0.22 sheds {0.52, 0.61} (λ 1/0.22); 0.17 dissolves the rest
    // (λ 1/0.17). No split ever leaves two sides of 3, so the root is the only cluster: noise by default.
    expect(fitHdbscan(column(one), { minClusterSize: 3, minSamples: 2 }).clusterCount).toBe(0);
    // Allowed, the root keeps (like the reference) only points leaving no earlier than its last λ.
    const c = fitHdbscan(column(one), { minClusterSize: 3, minSamples: 2, allowSingleCluster: true });
    expect([...c.labels]).toEqual([0, 0, 0, -1, -1, -1]);
  });
});
