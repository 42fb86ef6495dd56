import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { adjustedRandIndex } from '../evaluate/partition-agreement.ts';
import { candidateConfigs, chosenClusterer, createAutoClusterer, densityAllowed, fitAuto } from './auto.ts';
import { gaussianBlobs } from './synthetic.ts';

describe('automatic algorithm and segment-count choice', () => {
  it('tries HDBSCAN only where the shape suits density estimates', () => {
    expect(densityAllowed(150, 5).allowed).toBe(false);
    expect(densityAllowed(200, 5).allowed).toBe(true);
    expect(densityAllowed(60_000, 64).allowed).toBe(true);
    // Up to 16 dimensions Borůvka keeps HDBSCAN near O(n log n): no row limit there.
    expect(densityAllowed(1_000_000, 16).allowed).toBe(true);
    expect(densityAllowed(60_001, 17).reason).toMatch(/O\(n²\)/);
    expect(densityAllowed(5000, 384).reason).toMatch(/dimensions/);
  });

  it('lists k-means over the k range up to the usable maximum, and HDBSCAN at 2%, 5% and 10% of the rows', () => {
    const ids = (n: number, o = {}) => candidateConfigs(n, 4, o).map((c) => (c.algorithm === 'kmeans' ? `k${c.k}` : `m${c.minClusterSize}`));
    expect(ids(1000, { kmeans: { kRange: [3, 12] } })).toEqual(['k3', 'k4', 'k5', 'k6', 'k7', 'k8', 'm20', 'm50', 'm100']);
    // The 10-row floor merges the small sizes; the user's minimum size replaces the grid.
    expect(ids(300, { kmeans: { kRange: [3, 4] } })).toEqual(['k3', 'k4', 'm10', 'm15', 'm30']);
    expect(ids(300, { kmeans: { kRange: [3, 4] }, hdbscan: { minClusterSize: 25 } })).toEqual(['k3', 'k4', 'm25']);
    expect(ids(100, { kmeans: { kRange: [2, 3] } })).toEqual(['k2', 'k3']);
  });

  it('finds clean blobs and reports every candidate it weighed', () => {
    const { x, truth } = gaussianBlobs({ blobs: 3, perBlob: 100, dims: 4 }, createRng(1));
    const c = fitAuto(x, createRng(1), { kmeans: { kRange: [2, 6] } });
    expect(c.clusterCount).toBe(3);
    expect(adjustedRandIndex(c.labels.map((l, i) => (l < 0 ? -1 - i : l)), truth)).toBeGreaterThanOrEqual(0.95);
    const auto = c.report.params.auto as { tier: string; candidates: { id: string; stable: boolean | null }[] };
    expect(auto.tier).toBe('usable and stable');
    expect(auto.candidates.map((k) => k.id)).toContain('HDBSCAN minClusterSize=10');
    expect(c.report.notes?.[0]).toMatch(/^auto: .*silhouette/);
  });

  it('finds two far-apart groups as two segments', () => {
    const { x } = gaussianBlobs({ blobs: 2, perBlob: 150, dims: 2, std: 1, minSeparation: 30 }, createRng(4));
    const c = fitAuto(x, createRng(4), { kmeans: { kRange: [2, 5] } });
    expect(c.clusterCount).toBe(2);
  });

  it('refits the chosen candidate, not the whole search, for stability checks', () => {
    const { x } = gaussianBlobs({ blobs: 3, perBlob: 60, dims: 3 }, createRng(2));
    const c = createAutoClusterer({ kmeans: { kRange: [2, 5] } }).fit(x, createRng(2));
    const refit = chosenClusterer(c.report, { kmeans: { kRange: [2, 5] } });
    expect(refit?.name).toMatch(/^(kmeans|hdbscan)$/);
    expect(refit?.fit(x, createRng(3)).clusterCount).toBe(c.clusterCount);
  });

  it('gives the same segments twice from one seed', () => {
    const { x } = gaussianBlobs({ blobs: 4, perBlob: 70, dims: 3, std: 2 }, createRng(6));
    const a = fitAuto(x, createRng(9), { kmeans: { kRange: [3, 6] } });
    const b = fitAuto(x, createRng(9), { kmeans: { kRange: [3, 6] } });
    expect(Array.from(b.labels)).toEqual(Array.from(a.labels));
    expect(b.report.params.auto).toEqual(a.report.params.auto);
  });

  it('searches on a stratified sample above searchRows and covers every row, the same as before below it', () => {
    const { x, truth } = gaussianBlobs({ blobs: 4, perBlob: [500, 300, 250, 150], dims: 3, std: 1 }, createRng(12));
    const o = { kmeans: { kRange: [2, 6] as const } };
    const exhaustive = fitAuto(x, createRng(5), { ...o, searchRows: 1_000_000 });
    // At or below searchRows nothing changes.
    expect(Array.from(fitAuto(x, createRng(5), o).labels)).toEqual(Array.from(exhaustive.labels));
    expect((exhaustive.report.params.auto as { searchedOn?: unknown }).searchedOn).toBeUndefined();
    const sampled = fitAuto(x, createRng(5), { ...o, searchRows: 300 });
    expect(sampled.labels).toHaveLength(1200);
    expect(sampled.clusterCount).toBe(4);
    expect(adjustedRandIndex(Array.from(sampled.labels), Array.from(exhaustive.labels))).toBeGreaterThanOrEqual(0.95);
    expect(adjustedRandIndex(Array.from(sampled.labels), truth)).toBeGreaterThanOrEqual(0.95);
    const auto = sampled.report.params.auto as { searchedOn: { rows: number; of: number }; config: { algorithm: string; k?: number; minClusterSize?: number } };
    expect(auto.searchedOn).toMatchObject({ rows: 300, of: 1200 });
    expect(sampled.report.notes?.[0]).toMatch(/stratified sample of 300 of 1200 rows/);
    expect(sampled.report.rowsIn).toBe(1200);
    // Same seed, same result.
    expect(Array.from(fitAuto(x, createRng(5), { ...o, searchRows: 300 }).labels)).toEqual(Array.from(sampled.labels));
  });

  it('keeps a sampled HDBSCAN choice as a share of all rows, so a refit means the same', () => {
    // Three blobs and k-means held at k = 2: HDBSCAN is the better candidate.
    const { x } = gaussianBlobs({ blobs: 3, perBlob: 400, dims: 2, std: 1, minSeparation: 25 }, createRng(21));
    const c = fitAuto(x, createRng(3), { kmeans: { kRange: [2, 2] }, searchRows: 400 });
    const auto = c.report.params.auto as { config: { algorithm: string; minClusterSize?: number }; candidates: { id: string }[] };
    expect(c.labels).toHaveLength(1200);
    expect(c.labels.every((l) => l >= -1 && l < c.clusterCount)).toBe(true);
    expect(auto.config.algorithm).toBe('hdbscan');
    const searched = auto.candidates.map((k) => Number(/HDBSCAN minClusterSize=(\d+)/.exec(k.id)?.[1])).filter((m) => m > 0);
    expect(searched.map((m) => Math.round((m * 1200) / 400))).toContain(auto.config.minClusterSize);
    expect(c.report.counts?.placedByNearestExemplar).toBe(800);
    expect(c.clusterCount).toBe(3);
  });
});
