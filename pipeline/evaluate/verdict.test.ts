import { describe, expect, it } from 'vitest';
import { segmentationVerdict } from './verdict.ts';

describe('segmentationVerdict', () => {
  it('is reliable when most customers are in stable segments', () => {
    expect(segmentationVerdict({ clusters: 3, stability: [0.95, 0.9, 0.4], sizes: [50, 40, 10] })).toEqual({ reliable: true, reasons: [], unstableSegments: [2] });
  });
  it('says there are no reliable segments when most customers are in unstable ones', () => {
    const v = segmentationVerdict({ clusters: 3, stability: [0.45, 0.59, 0.9], sizes: [50, 30, 20] });
    expect(v.reliable).toBe(false);
    expect(v.unstableSegments).toEqual([0, 1]);
    expect(v.reasons[0]).toMatch(/^only 20% of customers are in segments that stay together/);
  });
  it('is not reliable with fewer than two clusters, and trusts an unmeasured run', () => {
    expect(segmentationVerdict({ clusters: 0, stability: [], sizes: [] }).reasons).toEqual(['the clusterer found no clusters']);
    expect(segmentationVerdict({ clusters: 1, stability: [1], sizes: [9] }).reliable).toBe(false);
    expect(segmentationVerdict({ clusters: 2, stability: [], sizes: [5, 5] }).reliable).toBe(true);
  });
  it('is not reliable when the segments are no better separated than cuts of one cloud, stable or not', () => {
    const separation = { silhouette: 0.15, nullSilhouette: 0.16, margin: 0.02, separated: false };
    const v = segmentationVerdict({ clusters: 3, stability: [0.9, 0.9, 0.9], sizes: [40, 30, 30], separation });
    expect(v.reliable).toBe(false);
    expect(v.reasons[0]).toMatch(/no better separated than cuts of one structureless cloud .*0\.150 against 0\.160/);
    expect(segmentationVerdict({ clusters: 3, stability: [0.9, 0.9, 0.9], sizes: [40, 30, 30], separation: { ...separation, silhouette: 0.4, separated: true } }).reliable).toBe(true);
  });
});
