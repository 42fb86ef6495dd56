import { describe, expect, it } from 'vitest';
import { createMatrix, type Matrix } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import { blobs, runReducerConformance } from './reducer-conformance.ts';
import { createUmap, project2d } from './umap.ts';

runReducerConformance('umap', (components) => createUmap({ components, nNeighbors: 8, nEpochs: 60 }));

/** Mean distance between blob centres over mean distance of points to their own centre. */
function separation(e: Matrix, labels: readonly number[]): number {
  const k = Math.max(...labels) + 1;
  const cen = Array.from({ length: k }, () => new Float64Array(e.cols));
  const size = new Array<number>(k).fill(0);
  labels.forEach((c, i) => {
    size[c] = (size[c] as number) + 1;
    const centre = cen[c] as Float64Array;
    for (let j = 0; j < e.cols; j++) centre[j] = (centre[j] as number) + (e.data[i * e.cols + j] as number);
  });
  cen.forEach((c, i) => c.forEach((v, j) => (c[j] = v / (size[i] as number))));
  const dist = (a: ArrayLike<number>, b: ArrayLike<number>): number => Math.hypot(...Array.from(a, (v, j) => v - (b[j] as number)));
  let within = 0;
  labels.forEach((c, i) => (within += dist(e.data.subarray(i * e.cols, (i + 1) * e.cols), cen[c] as Float64Array)));
  let between = 0;
  let pairs = 0;
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++, pairs++) between += dist(cen[a] as Float64Array, cen[b] as Float64Array);
  return between / pairs / (within / labels.length);
}

describe('umap', () => {
  const { x, labels } = blobs(60, 20, 3, 5);

  it('keeps three separated 20-D blobs apart in 2-D', async () => {
    const r = await createUmap({ components: 2, nEpochs: 150 }).fit(x, createRng(1));
    expect(separation(r.embedding, labels)).toBeGreaterThan(3);
    expect(r.report.params).toMatchObject({ effectiveNNeighbors: 15, metric: 'euclidean' });
  });

  it('yields to the event loop while optimising', async () => {
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    await createUmap({ components: 2, nEpochs: 400 }).fit(x, createRng(2));
    clearInterval(timer);
    expect(ticks).toBeGreaterThan(0);
  });

  it('clamps nNeighbors for small inputs and falls back to PCA below 4 rows', async () => {
    const six = createMatrix(6, 20, x.data.slice(0, 120));
    const r = await createUmap({ components: 2 }).fit(six, createRng(1));
    expect(r.embedding.rows).toBe(6);
    expect(r.report.notes?.join(' ')).toMatch(/nNeighbors clamped from 15 to 5/);

    const three = createMatrix(3, 20, x.data.slice(0, 60));
    const p = await createUmap({ components: 2 }).fit(three, createRng(1));
    expect([p.embedding.rows, p.embedding.cols]).toEqual([3, 2]);
    expect(p.report.notes?.[0]).toMatch(/PCA used instead/);
  });

  it('project2d keeps a 2-D map with either method', async () => {
    const u = await project2d(x, createRng(3), { nEpochs: 100 });
    const p = await project2d(x, createRng(3), { method: 'pca' });
    for (const r of [u, p]) {
      expect([r.embedding.rows, r.embedding.cols]).toEqual([60, 2]);
      expect(r.report.stage).toBe('project2d');
      expect(separation(r.embedding, labels)).toBeGreaterThan(3);
    }
    const oneCol = await project2d(createMatrix(5, 1, new Float64Array([1, 2, 3, 4, 5])), createRng(1), { method: 'pca' });
    expect(Array.from(oneCol.embedding.data).filter((_, i) => i % 2 === 1)).toEqual([0, 0, 0, 0, 0]);
  });
});
