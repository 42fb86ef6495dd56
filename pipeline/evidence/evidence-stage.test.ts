import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { evidenceStage } from './evidence-stage.ts';
import { evidenceStage as gatherEvidence } from './evidence-stage.ts';

// Segment 0: three writers; segment 1: one writer; segment 2: nobody wrote anything.
const space = fromRows([[0], [0.1], [0.2], [0.3], [10], [10.2], [10.4], [20], [20.5], [21]]);
const labels = Int32Array.from([0, 0, 0, 0, 1, 1, 1, 2, 2, 2]);
const customerIds = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];
const columns = [{ name: 'orders', description: 'number of orders' }];
const raw = fromRows(customerIds.map((_, i) => [i + 1]));
const texts = [
  { textId: 't1', customerId: 'a', body: 'The parcel was left in the rain and the box fell apart.', at: null },
  { textId: 't2', customerId: 'b', body: 'Support answered in minutes, call me on +44 7700 900123 again.', at: null },
  { textId: 't3', customerId: 'c', body: 'Checkout fails every time I use my card on the app.', at: null },
  { textId: 't4', customerId: 'f', body: 'I only buy when there is a discount code, honestly.', at: null },
];
const input = { space, labels, clusterCount: 3, customerIds, texts, salt: 'run-1-1', columns, raw, keyFeatures: [['orders'], ['orders'], ['orders']] };

describe('evidenceStage', () => {
  const { segments, report } = evidenceStage(input);

  it('uses texts where there are enough, tops up with exemplars where there are not', () => {
    expect(segments.map((list) => list.map((e) => e.kind))).toEqual([
      ['text', 'text', 'text'],
      ['text', 'exemplar', 'exemplar'], // f wrote the text; e and g are the exemplars
      ['exemplar', 'exemplar', 'exemplar'],
    ]);
    const quote = segments[0]!.find((e) => e.kind === 'text' && e.textId === 't2');
    expect(quote?.kind === 'text' && quote.text).toBe('Support answered in minutes, call me on [phone] again.');
  });

  it('reports what it did', () => {
    expect(report).toMatchObject({ stage: 'evidence', rowsIn: 10, rowsOut: 9 });
    expect(report.counts).toMatchObject({ texts_in: 4, text_items: 4, exemplar_items: 5, masked_phone: 1, masked_email: 0, segments_without_evidence: 0 });
    expect(report.params).toMatchObject({ minimumTextItems: 3, text: { perSegment: 5, lambda: 0.7 }, exemplars: { perSegment: 5 } });
  });

  it('gives no evidence rather than invented evidence when there are neither texts nor features', () => {
    const bare = evidenceStage({ ...input, columns: [], raw: undefined });
    expect(bare.segments.map((l) => l.length)).toEqual([3, 1, 0]);
    expect(bare.report.counts).toMatchObject({ segments_without_evidence: 1, exemplar_items: 0 });
  });

  it('honours the minimum and is the stage the worker calls', () => {
    expect(evidenceStage(input, { minimumTextItems: 1 }).segments.map((l) => l.length)).toEqual([3, 1, 3]);
    expect(JSON.stringify(gatherEvidence(input).segments)).toBe(JSON.stringify(segments));
    expect(() => evidenceStage(input, { minimumTextItems: -1 })).toThrow(/minimumTextItems/);
  });
});
