import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { checkSegmentInput, closeness, segmentGeometry } from './geometry.ts';

describe('segmentGeometry', () => {
  // Segment 0 on a line: x = 0, 1, 2, 5 → centroid 2, distances 2, 1, 0, 3, median 1.5.
  // Segment 1: two points at distance 1 from their centroid; row 6 is noise.
  const space = fromRows([[0, 0], [1, 0], [2, 0], [5, 0], [10, 9], [10, 11], [50, 50]]);
  const labels = Int32Array.from([0, 0, 0, 0, 1, 1, -1]);
  const g = segmentGeometry(space, labels, 2);

  it('orders members from the centre outwards', () => {
    expect(Array.from(g.members[0]!)).toEqual([2, 1, 0, 3]);
    expect(Array.from(g.members[1]!)).toEqual([4, 5]);
    expect(Array.from(g.distance)).toEqual([2, 1, 0, 3, 1, 1, Number.NaN]);
  });

  it('scores closeness against the median distance', () => {
    expect(Array.from(g.scale)).toEqual([1.5, 1]);
    expect(closeness(0, 1.5)).toBe(1);
    expect(closeness(1.5, 1.5)).toBe(0.5);
    expect(closeness(3, 1.5)).toBeCloseTo(1 / 3);
  });

  it('checks shapes and labels', () => {
    expect(() => checkSegmentInput('t', space, labels, ['a'], 2)).toThrow(/expected 1 rows, got 7×2/);
    expect(() => checkSegmentInput('t', space, labels, ['a', 'b', 'c', 'd', 'e', 'f', 'g'], 1)).toThrow(/label 1 at row 4/);
  });
});
