import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { adjustedRandIndex } from '../evaluate/partition-agreement.ts';
import { chooseAlgorithm, createAutoClusterer, fitAuto } from './auto.ts';
import { gaussianBlobs } from './synthetic.ts';

describe('automatic algorithm choice', () => {
  it('follows the documented rule', () => {
    expect(chooseAlgorithm(150, 5).algorithm).toBe('kmeans');
    expect(chooseAlgorithm(200, 5).algorithm).toBe('hdbscan');
    expect(chooseAlgorithm(60_000, 64).algorithm).toBe('hdbscan');
    // Up to 16 dimensions Borůvka keeps HDBSCAN near O(n log n): no row limit there.
    expect(chooseAlgorithm(1_000_000, 16).algorithm).toBe('hdbscan');
    expect(chooseAlgorithm(60_001, 17)).toMatchObject({ algorithm: 'kmeans', reason: expect.stringMatching(/O\(n²\)/) });
    expect(chooseAlgorithm(5000, 384)).toMatchObject({ algorithm: 'kmeans', reason: expect.stringMatching(/dimensions/) });
  });

  it('uses HDBSCAN when it finds a clean structure', () => {
    const { x, truth } = gaussianBlobs({ blobs: 3, perBlob: 100, dims: 4 }, createRng(1));
    const c = fitAuto(x, createRng(1));
    expect(c.report.params.algorithm).toBe('hdbscan');
    expect(c.report.notes?.[0]).toMatch(/^auto: HDBSCAN because/);
    expect(adjustedRandIndex(c.labels, truth)).toBeGreaterThanOrEqual(0.95);
  });

  it('falls back to k-means when HDBSCAN finds no segments, and says why', () => {
    // One diffuse Gaussian: no density split, so HDBSCAN (without allowSingleCluster) finds nothing.
    const { x } = gaussianBlobs({ blobs: 1, perBlob: 300, dims: 3 }, createRng(2));
    const c = createAutoClusterer({ kmeans: { kRange: [2, 4], restarts: 2 } }).fit(x, createRng(2));
    expect(c.report.params.algorithm).toBe('kmeans');
    expect(c.report.notes?.[0]).toMatch(/tried HDBSCAN .* but HDBSCAN (found \d+ cluster|labelled .* noise).*fell back to k-means/);
    expect(c.report.params.auto).toMatchObject({ chosen: 'kmeans', tried: { algorithm: 'hdbscan' } });
    expect(c.labels.every((l) => l >= 0)).toBe(true);
  });

  it('goes straight to k-means for small data', () => {
    const { x } = gaussianBlobs({ blobs: 2, perBlob: 40, dims: 2 }, createRng(3));
    const c = fitAuto(x, createRng(3), { kmeans: { kRange: [2, 4] } });
    expect(c.report.params.algorithm).toBe('kmeans');
    expect(c.report.notes?.[0]).toMatch(/^auto: k-means because 80 rows is below 200/);
    expect(c.clusterCount).toBe(2);
  });
});
