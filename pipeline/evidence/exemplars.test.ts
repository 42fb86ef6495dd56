import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { selectExemplars } from './exemplars.ts';
import { pseudonymise } from './pseudonym.ts';

// Segment 0: four customers near the centre (c1 a near-copy of c0, c2 and c3 on other sides) and four
// far out. Centroid (0.01125, 0.0175); median distance 1.0624, so h = 0.5312.
// Relevance: c0 0.9215, c1 0.9061, c3 0.8962, c2 0.8819, far ones ≈ 0.35.
// Segment 1: c8 and c9, both 0.25 from their centroid (the median): relevance 0.5 each.
const space = fromRows([
  [0.1, 0], [0.12, 0], [-0.13, 0], [0, 0.14], [2, 0], [-2, 0], [0, 2], [0, -2],
  [10, 10], [10, 10.5],
]);
const labels = Int32Array.from([0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
const customerIds = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7', 'c8', 'c9'];
const columns = [
  { name: 'orders', description: 'number of orders' },
  { name: 'spend', description: 'total spend' },
  { name: 'age', description: 'age in years' },
];
const raw = fromRows([
  [1, 10, 30], [2, 20, 31], [3, 30, 29], [4, 40, 30], [5, 50, 30], [6, 60, 31], [7, 70, 29], [8, 80, 30],
  [5, 45, 80], [5, 46, 81],
]);
const input = { space, labels, clusterCount: 2, customerIds, columns, raw, keyFeatures: [['spend', 'orders', 'not_a_column'], []], salt: 'run-1-1' };
const idsOf = (items: readonly { customerId: string }[]) => items.map((e) => customerIds.find((c) => pseudonymise(c, 'run-1-1') === e.customerId));

describe('selectExemplars', () => {
  it('picks central customers and passes over a near-copy, as computed by hand', () => {
    // After c0: c1 (0.02 away, similarity 0.9986) scores 0.7·0.9061 − 0.3·0.9986 = 0.3347;
    // c2 (0.23 away, similarity 0.8292) scores 0.7·0.8819 − 0.3·0.8292 = 0.3686 → c2, then c3 (0.3572), then c1.
    const [segment0] = selectExemplars(input, { perSegment: 4 });
    expect(idsOf(segment0!)).toEqual(['c0', 'c2', 'c3', 'c1']);
    expect(segment0![0]).toEqual({
      kind: 'exemplar',
      customerId: pseudonymise('c0', 'run-1-1'),
      stats: [
        { feature: 'spend', description: 'total spend', value: 10 },
        { feature: 'orders', description: 'number of orders', value: 1 },
      ],
      relevance: 0.9215,
    });
  });

  it('ranks by closeness alone with λ = 1', () => {
    expect(idsOf(selectExemplars(input, { perSegment: 4, lambda: 1 })[0]!)).toEqual(['c0', 'c1', 'c3', 'c2']);
  });

  it('falls back to the most distinctive columns when no key features are named', () => {
    // Segment 1 differs most in age (z ≈ 2), then orders (0.19), then spend (0.02).
    const segment1 = selectExemplars(input)[1]!;
    expect(idsOf(segment1)).toEqual(['c8', 'c9']);
    expect(segment1[0]!.stats.map((s) => [s.feature, s.value])).toEqual([['age', 80], ['orders', 5], ['spend', 45]]);
    expect(segment1[0]!.relevance).toBe(0.5);
  });

  it('limits the stats per exemplar and the candidate pool', () => {
    const out = selectExemplars(input, { statsPerExemplar: 1, candidates: 2 });
    expect(out[0]!.map((e) => e.stats.length)).toEqual([1, 1]);
    expect(idsOf(out[0]!)).toEqual(['c0', 'c1']);
  });

  it('checks shapes and options', () => {
    expect(() => selectExemplars({ ...input, raw: fromRows([[1, 2, 3]]) })).toThrow(/raw values are 1×3 .* for 10 customers and 3 columns/);
    expect(() => selectExemplars(input, { lambda: -0.1 })).toThrow(/lambda/);
  });
});
