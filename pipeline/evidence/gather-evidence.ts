/**
 * The evidence stage of a run: quotes for segments with texts, exemplar customers for the rest (and to
 * top up a segment with fewer than `minimum` quotes).
 */
import type { Matrix } from '../../lib/matrix.ts';
import type { SegmentEvidence, StageReport } from '../types.ts';
import { selectExemplars, type ExemplarOptions } from './select-exemplars.ts';
import { selectQuotes, type QuoteInput, type QuoteOptions } from './select-quotes.ts';

export interface EvidenceOptions {
  readonly quotes?: QuoteOptions;
  readonly exemplars?: ExemplarOptions;
  /** Fewer quotes than this and exemplars fill the gap. */
  readonly minimum?: number;
}

export const evidenceDefaults = { minimum: 3 } as const;

export interface EvidenceInput extends QuoteInput {
  readonly columns: readonly { readonly name: string; readonly description: string }[];
  readonly raw: Matrix;
  readonly keyFeatures: readonly (readonly string[])[];
}

export function gatherEvidence(input: EvidenceInput, options: EvidenceOptions = {}): { segments: SegmentEvidence[][]; report: StageReport } {
  const started = performance.now();
  const minimum = options.minimum ?? evidenceDefaults.minimum;
  const quotes = input.texts.length ? selectQuotes(input, options.quotes) : { segments: input.keyFeatures.map(() => []), masked: {} };
  const exemplars = input.columns.length ? selectExemplars(input, options.exemplars) : input.keyFeatures.map(() => []);
  const segments: SegmentEvidence[][] = quotes.segments.map((q, s) => {
    if (q.length >= minimum) return q;
    return [...q, ...(exemplars[s] ?? []).slice(0, Math.max(minimum - q.length, q.length ? 0 : (exemplars[s] ?? []).length))];
  });
  const counts: Record<string, number> = { quotes: 0, exemplars: 0 };
  for (const list of segments) for (const e of list) counts[e.kind === 'text' ? 'quotes' : 'exemplars']!++;
  for (const [k, v] of Object.entries(quotes.masked)) counts[`masked_${k}`] = v;
  return {
    segments,
    report: {
      stage: 'evidence',
      ms: Math.round(performance.now() - started),
      rowsIn: input.texts.length || input.customerIds.length,
      rowsOut: segments.reduce((a, s) => a + s.length, 0),
      params: { minimum, ...(options.quotes ?? {}), ...(options.exemplars ?? {}) },
      counts,
    },
  };
}
