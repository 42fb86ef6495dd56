/**
 * The evidence stage of a run: masked quotes for segments whose customers wrote texts, exemplar
 * customers with their key numbers otherwise. A segment with fewer than `minimumTextItems` quotes is
 * topped up with exemplars (when there are feature values) up to the exemplar count.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import type { SegmentEvidence, StageReport } from '../types.ts';
import { resolveExemplarOptions, selectExemplars, type ExemplarColumn, type ExemplarOptions } from './exemplars.ts';
import { piiKinds } from './pii.ts';
import { gatherTextEvidence, resolveTextOptions, type TextEvidenceInput, type TextEvidenceOptions } from './text-evidence.ts';

export interface EvidenceStageInput extends TextEvidenceInput {
  /** Feature columns of `raw`; empty when there are no tabular features. */
  readonly columns?: readonly ExemplarColumn[];
  /** Customers × columns, interpretable values. */
  readonly raw?: Matrix;
  /** Per segment, the names of its most distinctive features. */
  readonly keyFeatures?: readonly (readonly string[])[];
}

export interface EvidenceStageOptions {
  readonly text?: TextEvidenceOptions;
  readonly exemplars?: ExemplarOptions;
  /** Segments with fewer quotes than this get exemplars as well. */
  readonly minimumTextItems?: number;
}

export const defaults = { minimumTextItems: 3 } as const;

export interface EvidenceStageResult {
  readonly segments: SegmentEvidence[][];
  readonly report: StageReport;
}

export function evidenceStage(input: EvidenceStageInput, options: EvidenceStageOptions = {}): EvidenceStageResult {
  const started = performance.now();
  const minimum = options.minimumTextItems ?? defaults.minimumTextItems;
  if (!Number.isInteger(minimum) || minimum < 0) throw new PersonaError('bad_option', `evidence: minimumTextItems must be a non-negative integer, got ${minimum}`);
  const textOptions = resolveTextOptions(options.text ?? {});
  const exemplarOptions = resolveExemplarOptions(options.exemplars ?? {});

  const text = gatherTextEvidence(input, textOptions);
  const columns = input.columns ?? [];
  const needExemplars = text.segments.some((list) => list.length < minimum);
  const exemplars = needExemplars && columns.length > 0 && input.raw
    ? // A few spare picks replace exemplars who are already quoted.
      selectExemplars({ ...input, columns, raw: input.raw, keyFeatures: input.keyFeatures ?? [] }, { ...exemplarOptions, perSegment: exemplarOptions.perSegment + minimum })
    : text.segments.map(() => []);

  const segments: SegmentEvidence[][] = text.segments.map((quotes, s) => {
    if (quotes.length >= minimum) return quotes;
    const room = Math.max(0, exemplarOptions.perSegment - quotes.length);
    // A customer already quoted is not shown again as an exemplar.
    const quoted = new Set(quotes.map((q) => q.customerId));
    return [...quotes, ...(exemplars[s] ?? []).filter((e) => !quoted.has(e.customerId)).slice(0, room)];
  });

  const counts: Record<string, number> = { texts_in: input.texts.length, texts_examined: text.examined, texts_without_customer: text.withoutCustomer, text_items: 0, exemplar_items: 0, segments_without_evidence: 0 };
  for (const list of segments) {
    for (const item of list) counts[item.kind === 'text' ? 'text_items' : 'exemplar_items']!++;
    if (list.length === 0) counts.segments_without_evidence!++;
  }
  for (const kind of piiKinds) counts[`masked_${kind}`] = text.masked[kind];
  return {
    segments,
    report: {
      stage: 'evidence',
      ms: Math.round(performance.now() - started),
      rowsIn: input.customerIds.length,
      rowsOut: counts.text_items! + counts.exemplar_items!,
      params: { minimumTextItems: minimum, text: textOptions, exemplars: exemplarOptions, keepHandles: (input.keepHandles ?? []).length },
      counts,
    },
  };
}
