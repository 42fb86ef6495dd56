/**
 * The O(n log n) path against the quadratic one: kd-tree core distances equal the brute-force ones bit
 * for bit, Borůvka's MST is Prim's MST edge for edge, and HDBSCAN gives the same clustering with
 * either, on data with many exact ties (rounded coordinates, duplicates) and on the conformance data.
 */
import { describe, expect, it } from 'vitest';
import type { Matrix } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import { adjustedRandIndex } from '../evaluate/partition-agreement.ts';
import { boruvkaMst } from './boruvka.ts';
import { squaredCoreDistances } from './core-distance.ts';
import { fitHdbscan, resolveMstAlgorithm, type HdbscanOptions } from './hdbscan.ts';
import { kdNeighbours } from './kd-core-distance.ts';
import { buildKdTree } from './kd-tree.ts';
import { mutualReachabilityMst } from './mst.ts';
import { canonicalTree } from './mst-order.ts';
import { gaussianBlobs } from './synthetic.ts';

/** Coordinates on a 0.5 grid: many equal distances, hence many equal-weight edges. */
function tiedData(n: number, d: number, seed: number): Float64Array {
  const rng = createRng(seed);
  const data = Float64Array.from({ length: n * d }, () => Math.round(rng.normal() * 4) / 2);
  data.copyWithin(d, 0, d);
  data.copyWithin(7 * d, 3 * d, 4 * d);
  return data;
}

const total = (w: Float64Array): number => w.reduce((a, b) => a + b, 0);

describe('kd-tree core distances and Borůvka MST', () => {
  for (const d of [1, 2, 3, 7, 10]) {
    for (const k of [1, 2, 5, 15]) {
      it(`equal the brute-force core distances and Prim's tree (d=${d}, minSamples=${k}, leaf 4)`, () => {
        const n = 300;
        const data = tiedData(n, d, d * 31 + k);
        const tree = buildKdTree(data, n, d, 4);
        const core2 = squaredCoreDistances(data, n, d, k);
        const knn = kdNeighbours(tree, k);
        expect(knn.core2).toEqual(core2);
        const prim = canonicalTree(mutualReachabilityMst(data, n, d, core2));
        const boruvka = canonicalTree(boruvkaMst(tree, knn));
        expect(boruvka.from).toEqual(prim.from);
        expect(boruvka.to).toEqual(prim.to);
        expect(boruvka.weight).toEqual(prim.weight);
      });
    }
  }

  it('keeps every point once in tree order, children inside their parent box', () => {
    const n = 500;
    const d = 3;
    const data = tiedData(n, d, 4);
    const tree = buildKdTree(data, n, d, 8);
    expect([...tree.index].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
    for (let k = 0; k < tree.nodeCount; k++) {
      for (let p = tree.start[k] as number; p < (tree.end[k] as number); p++) {
        for (let t = 0; t < d; t++) {
          const v = tree.points[p * d + t] as number;
          expect(v).toBeGreaterThanOrEqual(tree.lo[k * d + t] as number);
          expect(v).toBeLessThanOrEqual(tree.hi[k * d + t] as number);
        }
      }
      if ((tree.left[k] as number) < 0) expect((tree.end[k] as number) - (tree.start[k] as number)).toBeLessThanOrEqual(8);
    }
  });

  it('handles all-equal points (no split possible)', () => {
    const n = 100;
    const data = new Float64Array(n * 2).fill(3);
    const tree = buildKdTree(data, n, 2, 4);
    const knn = kdNeighbours(tree, 5);
    expect([...knn.core2].every((v) => v === 0)).toBe(true);
    const mst = boruvkaMst(tree, knn);
    expect(mst.weight.length).toBe(n - 1);
    expect(total(mst.weight)).toBe(0);
  });
});

describe('hdbscan: Borůvka and Prim give identical clusterings', () => {
  const cases: [string, Matrix, HdbscanOptions][] = [
    ['conformance blobs (3×60, 4-d)', gaussianBlobs({ blobs: 3, perBlob: 60, dims: 4, std: 1, minSeparation: 20 }, createRng(7)).x, { minClusterSize: 10 }],
    ['blobs with 10% noise, 2-d', gaussianBlobs({ blobs: 4, perBlob: 200, dims: 2, noiseShare: 0.1, boxPadding: 3 }, createRng(2)).x, {}],
    ['blobs with 10% noise, 10-d', gaussianBlobs({ blobs: 4, perBlob: 200, dims: 10, noiseShare: 0.1, boxPadding: 3 }, createRng(10)).x, {}],
    ['uneven blobs, 3-d, leaf selection', gaussianBlobs({ blobs: 3, perBlob: [200, 200, 30], dims: 3 }, createRng(11)).x, { minClusterSize: 15, clusterSelectionMethod: 'leaf' }],
    ['touching blobs, minSamples 1', gaussianBlobs({ blobs: 5, perBlob: 120, dims: 3, minSeparation: 3 }, createRng(5)).x, { minClusterSize: 8, minSamples: 1 }],
    ['grid data full of ties', { rows: 400, cols: 2, data: tiedData(400, 2, 9) }, { minClusterSize: 6, minSamples: 3 }],
  ];
  for (const [name, x, options] of cases) {
    it(name, () => {
      const prim = fitHdbscan(x, { ...options, mstAlgorithm: 'prim' });
      const boruvka = fitHdbscan(x, { ...options, mstAlgorithm: 'boruvka' });
      expect(adjustedRandIndex(boruvka.labels, prim.labels)).toBe(1);
      expect(boruvka.labels).toEqual(prim.labels);
      expect(boruvka.probabilities).toEqual(prim.probabilities);
      expect(boruvka.outlierScores).toEqual(prim.outlierScores);
      expect(boruvka.report.params.mstAlgorithm).toBe('boruvka');
      expect(prim.report.params.mstAlgorithm).toBe('prim');
    });
  }

  it("the rule: Borůvka up to 16 columns, Prim's above, unless asked", () => {
    expect(resolveMstAlgorithm('auto', 10)).toBe('boruvka');
    expect(resolveMstAlgorithm('auto', 16)).toBe('boruvka');
    expect(resolveMstAlgorithm('auto', 17)).toBe('prim');
    expect(resolveMstAlgorithm('prim', 2)).toBe('prim');
    expect(resolveMstAlgorithm('boruvka', 50)).toBe('boruvka');
  });
});
