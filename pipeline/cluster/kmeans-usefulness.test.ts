/**
 * Choosing k weighs usefulness, not the silhouette alone: when the best silhouette puts 85% of the rows
 * in one segment, a k whose segments all stay between 2% and 50% wins, and the alternatives are reported.
 */
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import { fitKMeans } from './kmeans.ts';

function blobs(): number[][] {
  const rng = createRng(4);
  const rows: number[][] = [];
  const add = (cx: number, cy: number, n: number, sd: number) => {
    for (let i = 0; i < n; i++) rows.push([cx + sd * (rng.next() - 0.5), cy + sd * (rng.next() - 0.5)]);
  };
  // One far-away small group, and a large mass made of two touching halves.
  add(0, 0, 170, 1.2);
  add(1.6, 0, 170, 1.2);
  add(40, 40, 60, 1);
  return rows;
}

describe('k-means k selection', () => {
  it('prefers a useful k over one giant segment, and reports the alternatives', () => {
    const x = fromRows(blobs());
    const fitted = fitKMeans(x, createRng(1), { kRange: [2, 4] });
    const sizes = new Array<number>(fitted.clusterCount).fill(0);
    for (const l of fitted.labels) sizes[l]!++;
    expect(Math.max(...sizes) / x.rows).toBeLessThanOrEqual(0.5);
    const alternatives = fitted.report.params.alternatives as { k: number; silhouette: number; largestShare: number; useful: boolean }[];
    const two = alternatives.find((a) => a.k === 2)!;
    expect(two.largestShare).toBeGreaterThan(0.8);
    expect(two.useful).toBe(false);
    // k = 2 had the best silhouette; the useful choice still won.
    expect(Math.max(...alternatives.map((a) => a.silhouette))).toBe(two.silhouette);
    expect(fitted.clusterCount).toBeGreaterThan(2);
  });
});
