import { describe, expect, it } from 'vitest';
import { selectPartition, type CandidateSummary, type StabilityScore } from './select-partition.ts';

const cand = (id: string, silhouette: number, shares: number[], noiseRate = 0): CandidateSummary => ({ id, segments: shares.length, shares, noiseRate, silhouette });
const stable = (...perSegment: number[]): StabilityScore => ({ perSegment, mean: perSegment.reduce((a, b) => a + b, 0) / perSegment.length });

describe('selectPartition', () => {
  it('takes the best silhouette among usable, stable candidates', () => {
    const s = selectPartition([cand('a', 0.3, [0.5, 0.5]), cand('b', 0.4, [0.4, 0.3, 0.3]), cand('c', 0.35, [0.25, 0.25, 0.25, 0.25])], () => stable(0.9, 0.9, 0.9));
    expect(s.chosen).toBe(1);
    expect(s.tier).toBe('usable and stable');
  });

  it('prefers fewer segments when silhouettes are within the tolerance, then the more stable one', () => {
    const cs = [cand('k4', 0.41, [0.25, 0.25, 0.25, 0.25]), cand('k3', 0.4, [0.4, 0.3, 0.3]), cand('k3b', 0.395, [0.34, 0.33, 0.33])];
    const s = selectPartition(cs, (i) => (i === 2 ? stable(0.95, 0.95, 0.95) : stable(0.8, 0.8, 0.8)));
    expect(cs[s.chosen]!.id).toBe('k3b');
    expect(s.reason).toMatch(/fewer segments preferred/);
    // Outside the tolerance the better silhouette stands.
    expect(selectPartition(cs, () => stable(0.9, 0.9, 0.9), { closeSilhouette: 0.001 }).chosen).toBe(0);
  });

  it('rules out segments that are too big, too small, too many, or mostly noise', () => {
    const cs = [
      cand('big', 0.9, [0.7, 0.3]),
      cand('tiny', 0.8, [0.55, 0.44, 0.01]),
      cand('many', 0.7, new Array(9).fill(1 / 9)),
      cand('noisy', 0.6, [0.5, 0.5], 0.7),
      cand('ok', 0.2, [0.5, 0.5]),
    ];
    const s = selectPartition(cs, () => stable(1, 1));
    expect(cs[s.chosen]!.id).toBe('ok');
    const why = Object.fromEntries(s.candidates.map((c) => [c.id, c.unusable.join('; ')]));
    expect(why.big).toMatch(/largest segment 70\.0%/);
    expect(why.tiny).toMatch(/smallest segment 1\.0%/);
    expect(why.many).toMatch(/9 segments \(more than 8\)/);
    expect(why.noisy).toMatch(/70\.0% noise/);
  });

  it('passes over a candidate with an unstable segment', () => {
    const cs = [cand('unstable', 0.5, [0.5, 0.5]), cand('stable', 0.3, [0.4, 0.3, 0.3])];
    const s = selectPartition(cs, (i) => (i === 0 ? stable(0.95, 0.55) : stable(0.8, 0.7, 0.9)));
    expect(s.chosen).toBe(1);
    expect(s.candidates[0]).toMatchObject({ stable: false, stability: { min: 0.55 } });
  });

  it('measures stability lazily: never for unusable candidates or ones that cannot win', () => {
    const measured: number[] = [];
    const cs = [cand('best', 0.5, [0.5, 0.5]), cand('close', 0.49, [0.4, 0.3, 0.3]), cand('far', 0.2, [0.5, 0.5]), cand('big', 0.9, [0.9, 0.1])];
    selectPartition(cs, (i) => (measured.push(i), stable(0.9, 0.9, 0.9)));
    expect(measured).toEqual([0, 1]);
  });

  it('falls back to usable-but-unstable, then to anything with two segments, and says so', () => {
    const unstable = selectPartition([cand('a', 0.2, [0.5, 0.5]), cand('b', 0.25, [0.4, 0.3, 0.3])], () => stable(0.4, 0.4, 0.4));
    expect(unstable).toMatchObject({ chosen: 1, tier: 'usable' });
    expect(unstable.reason).toMatch(/no usable candidate was stable/);
    const none = selectPartition([cand('one', Number.NaN, [1]), cand('big', 0.3, [0.8, 0.2])], () => stable(1, 1));
    expect(none).toMatchObject({ chosen: 1, tier: 'any' });
  });
});
