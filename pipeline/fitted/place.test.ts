import { describe, expect, it } from 'vitest';
import { applyReducer } from './reducer.ts';
import { placeCustomers } from './place.ts';
import { fittedStateVersion, type FittedState } from './state.ts';

const m = (rows: number, cols: number, values: number[]) => ({ rows, cols, data: Float64Array.from(values) });

const base = {
  version: fittedStateVersion as typeof fittedStateVersion,
  features: { referenceTime: null, blocks: [], context: { table: null, transactions: null, texts: null } },
  semantic: null,
  fusion: { blocks: [{ name: 'behavioural', mean: Float64Array.of(1, 0), scale: 0.5 }] },
  reducer: { kind: 'none' as const, cols: 2 },
};

describe('placing rows with a fitted state', () => {
  it('centres and scales with the fitted fusion, then takes the nearest centroid with a distance margin', () => {
    const state: FittedState = { ...base, cluster: { kind: 'centroids', cols: 2, centres: Float64Array.of(0, 0, 10, 0) } };
    // (5, 0) → fused ((5 − 1) × 0.5, 0) = (2, 0): 2 from centroid 0, 8 from centroid 1.
    const placed = placeCustomers(state, [{ name: 'behavioural', matrix: m(1, 2, [5, 0]) }]);
    expect(Array.from(placed.segments)).toEqual([0]);
    expect(placed.confidence[0]).toBeCloseTo(0.8, 12);
  });

  it('takes the nearest exemplar, with the inverse-distance vote share of the k nearest as confidence', () => {
    const state: FittedState = {
      ...base,
      fusion: { blocks: [{ name: 'behavioural', mean: Float64Array.of(0, 0), scale: 1 }] },
      cluster: { kind: 'exemplars', cols: 2, points: Float64Array.of(0, 0, 1, 0, 3, 0), labels: Int32Array.of(4, 4, 9), probabilities: Float64Array.of(1, 1, 1) },
    };
    const placed = placeCustomers(state, [{ name: 'behavioural', matrix: m(1, 2, [2, 0]) }], { neighbours: 2 });
    // Nearest are (1,0) at 1 and (3,0) at 1: a tie broken by row order, so segment 4 with half the vote.
    expect(Array.from(placed.segments)).toEqual([4]);
    expect(placed.confidence[0]).toBeCloseTo(0.5, 6);
  });

  it('names the block the fit had and these rows lack', () => {
    const state: FittedState = { ...base, cluster: { kind: 'centroids', cols: 2, centres: Float64Array.of(0, 0) } };
    expect(() => placeCustomers(state, [{ name: 'value', matrix: m(1, 2, [0, 0]) }])).toThrow(/"behavioural" block/);
  });

  it('puts a fitted row exactly on its own UMAP embedding and a new one between its neighbours', () => {
    const fitted = { kind: 'neighbours' as const, cols: 1, k: 2, points: Float32Array.of(0, 2), embedding: m(2, 1, [0, 10]) };
    expect(Array.from(applyReducer(fitted, m(3, 1, [0, 1, 2])).data)).toEqual([0, 5, 10]);
  });
});
