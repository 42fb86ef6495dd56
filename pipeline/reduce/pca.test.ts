import { describe, expect, it } from 'vitest';
import { createMatrix, fromRows } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import { createPca, fitPca, PCA_EXACT_MAX_COLS, type PcaReport } from './pca.ts';
import { runReducerConformance } from './reducer-conformance.ts';

runReducerConformance('pca', (components) => createPca({ components }));

describe('pca', () => {
  // Centred already. XᵀX = [[34, 12], [12, 16]]: eigenvalues 40 and 10, vectors (2, 1)/√5 and (-1, 2)/√5.
  const x = fromRows([
    [4, 2],
    [-4, -2],
    [-1, 2],
    [1, -2],
  ]);

  it('finds the hand-computed components, scores and explained variance', async () => {
    const r = await createPca({ components: 2 }).fit(x, createRng(1));
    const fit = fitPca(x, 2, createRng(1));
    const s5 = Math.sqrt(5);
    [2 / s5, 1 / s5, -1 / s5, 2 / s5].forEach((v, i) => expect(fit.components[i]).toBeCloseTo(v, 12));
    [2 * s5, 0, -2 * s5, 0, 0, s5, 0, -s5].forEach((v, i) => expect(r.embedding.data[i]).toBeCloseTo(v, 12));
    const ratio = (r.report as PcaReport).explainedVarianceRatio;
    expect(ratio[0]).toBeCloseTo(0.8, 12);
    expect(ratio[1]).toBeCloseTo(0.2, 12);
    expect(fit.variances[0]).toBeCloseTo(40 / 3, 12);
  });

  it('fixes signs so the largest loading is positive, whatever the input sign', () => {
    const flipped = createMatrix(4, 2, Float64Array.from(x.data, (v) => -v));
    const a = fitPca(x, 2, createRng(1));
    const b = fitPca(flipped, 2, createRng(1));
    expect(Array.from(b.components)).toEqual(Array.from(a.components));
  });

  it('centres the data and clamps components to the column count, with a note', async () => {
    const shifted = createMatrix(4, 2, Float64Array.from(x.data, (v, i) => v + (i % 2 ? 100 : -7)));
    const r = await createPca({ components: 5 }).fit(shifted, createRng(1));
    expect(r.embedding.cols).toBe(2);
    expect(r.embedding.data[0]).toBeCloseTo(2 * Math.sqrt(5), 10);
    expect(r.report.notes?.join(' ')).toMatch(/clamped from 5 to 2/);
  });

  it('agrees across the covariance, Gram and subspace-iteration paths', () => {
    const rng = createRng(3);
    const d = PCA_EXACT_MAX_COLS + 20;
    const basis = [0, 1, 2].map(() => Array.from({ length: d }, () => rng.normal()));
    const rows = Array.from({ length: 25 }, () => {
      const a = [5 * rng.normal(), 3 * rng.normal(), rng.normal()];
      return Array.from({ length: d }, (_, j) => basis.reduce((s, b, c) => s + (a[c] as number) * (b[j] as number), 0.01 * rng.normal()));
    });
    const wide = fitPca(fromRows(rows), 3, createRng(9));
    const gram = fitPca(fromRows(rows.map((r) => r.slice(0, 40))), 3, createRng(9));
    const cov = fitPca(fromRows([...rows, ...rows].map((r) => r.slice(0, 40))), 3, createRng(9));
    expect([wide.method, gram.method, cov.method]).toEqual(['subspace-iteration', 'gram-eigen', 'covariance-eigen']);
    for (let i = 0; i < 3 * 40; i++) expect(gram.components[i]).toBeCloseTo(cov.components[i] as number, 8);
    const exactWide = fitPca(fromRows(rows.map((r) => r.slice(0, PCA_EXACT_MAX_COLS))), 3, createRng(9));
    expect(wide.explainedVarianceRatio[0]).toBeGreaterThan(0.7);
    expect(Math.abs((wide.explainedVarianceRatio[0] as number) - (exactWide.explainedVarianceRatio[0] as number))).toBeLessThan(0.02);
  });

  it('handles a single row', () => {
    const one = fitPca(fromRows([[1, 2, 3]]), 2, createRng(1));
    expect(Array.from(one.embedding.data)).toEqual([0, 0]);
    expect(Array.from(one.explainedVarianceRatio)).toEqual([0, 0]);
  });
});
