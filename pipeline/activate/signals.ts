/**
 * What activation reads about a segment: its feature contrasts (segment mean against the population),
 * its terms and, when known, its value. Helpers here turn feature names into comparable signals.
 */
import type { TermScore } from '../describe/ctfidf.ts';
import type { FeatureContrast } from '../describe/top-features.ts';

export interface SegmentSignals {
  readonly index: number;
  readonly label: string;
  readonly size: number;
  readonly share: number;
  readonly contrasts: readonly FeatureContrast[];
  readonly topTerms: readonly TermScore[];
  readonly value?: { readonly meanClv: number | null; readonly churnRisk: 'low' | 'medium' | 'high' | null; readonly proxy: boolean };
}

export function contrast(s: SegmentSignals, feature: string): FeatureContrast | undefined {
  return s.contrasts.find((c) => c.feature === feature);
}

/** z of a feature, 0 when the segment has no such feature. */
export function z(s: SegmentSignals, feature: string): number {
  return contrast(s, feature)?.z ?? 0;
}

/** Segment mean of a feature, or null. */
export function mean(s: SegmentSignals, feature: string): number | null {
  return contrast(s, feature)?.segmentMean ?? null;
}

export function hasTerm(s: SegmentSignals, pattern: RegExp, top = 10): boolean {
  return s.topTerms.slice(0, top).some((t) => pattern.test(t.term));
}
