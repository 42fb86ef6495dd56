import { describe, expect, it } from 'vitest';
import { isPersonaError } from '../../lib/errors.ts';
import { createRng } from '../../lib/rng.ts';
import { adjustedRandIndex } from '../evaluate/partition-agreement.ts';
import { createAgglomerative, fitAgglomerative } from './agglomerative.ts';
import { gaussianBlobs } from './synthetic.ts';

/** Textbook greedy Ward: repeatedly merge the pair with the smallest SSE increase nA·nB/(nA+nB)·‖cA − cB‖². */
function slowWard(rows: number[][], k: number): number[] {
  let clusters = rows.map((r, i) => ({ members: [i], centre: r.slice() }));
  while (clusters.length > k) {
    let best = Infinity;
    let pair: [number, number] = [0, 1];
    for (let a = 0; a < clusters.length; a++) {
      for (let b = a + 1; b < clusters.length; b++) {
        const A = clusters[a] as { members: number[]; centre: number[] };
        const B = clusters[b] as { members: number[]; centre: number[] };
        const d2 = A.centre.reduce((s, v, t) => s + (v - (B.centre[t] as number)) ** 2, 0);
        const cost = ((A.members.length * B.members.length) / (A.members.length + B.members.length)) * d2;
        if (cost < best) {
          best = cost;
          pair = [a, b];
        }
      }
    }
    const [a, b] = pair;
    const A = clusters[a] as { members: number[]; centre: number[] };
    const B = clusters[b] as { members: number[]; centre: number[] };
    const na = A.members.length;
    const nb = B.members.length;
    const merged = { members: [...A.members, ...B.members], centre: A.centre.map((v, t) => (na * v + nb * (B.centre[t] as number)) / (na + nb)) };
    clusters = clusters.filter((_, i) => i !== a && i !== b).concat([merged]);
  }
  const labels = new Array<number>(rows.length).fill(-1);
  clusters.forEach((c, l) => c.members.forEach((i) => (labels[i] = l)));
  return labels;
}

describe('Ward agglomerative', () => {
  it('matches textbook greedy Ward exactly on random data', () => {
    for (const seed of [1, 2, 3]) {
      const rng = createRng(seed);
      const rows = Array.from({ length: 60 }, () => [rng.normal() * 3, rng.normal(), rng.normal() * 2]);
      const x = { rows: 60, cols: 3, data: Float64Array.from(rows.flat()) };
      for (const k of [2, 4, 7]) {
        expect(adjustedRandIndex(fitAgglomerative(x, { k }).labels, slowWard(rows, k)), `seed ${seed} k ${k}`).toBe(1);
      }
    }
  });

  it('recovers blobs', () => {
    const { x, truth } = gaussianBlobs({ blobs: 5, perBlob: 50, dims: 8 }, createRng(4));
    const c = fitAgglomerative(x, { k: 5 });
    expect(c.clusterCount).toBe(5);
    expect(adjustedRandIndex(c.labels, truth)).toBe(1);
    expect(c.report.params).toMatchObject({ algorithm: 'agglomerative', linkage: 'ward', k: 5 });
  });

  it('refuses more than maxRows rows and points to k-means', () => {
    const x = gaussianBlobs({ blobs: 2, perBlob: 30, dims: 2 }, createRng(1)).x;
    let caught: unknown;
    try {
      createAgglomerative({ k: 2, maxRows: 50 }).fit(x, createRng(1));
    } catch (err) {
      caught = err;
    }
    expect(isPersonaError(caught)).toBe(true);
    expect((caught as Error).message).toMatch(/60 rows exceed maxRows 50.*k-means/);
    expect((caught as Error).message).toContain('60×2');
  });

  it('validates k in fit', () => {
    const x = gaussianBlobs({ blobs: 2, perBlob: 5, dims: 2 }, createRng(1)).x;
    expect(() => fitAgglomerative(x, { k: 0 })).toThrow(/k must be/);
    expect(() => fitAgglomerative(x, { k: 11 })).toThrow(/10×2/);
    expect(fitAgglomerative(x, { k: 10 }).clusterCount).toBe(10);
    expect(fitAgglomerative(x, { k: 1 }).clusterCount).toBe(1);
  });
});
