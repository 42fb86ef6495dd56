import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { gatherEvidence } from './gather-evidence.ts';

// Two segments on a line: customers a,b,c around x=0 (b at the centre), d,e around x=10.
const space = fromRows([[-1], [0], [1], [10], [10.5]]);
const labels = Int32Array.from([0, 0, 0, 1, 1]);
const customerIds = ['a', 'b', 'c', 'd', 'e'];
const columns = [{ name: 'orders', description: 'number of orders' }, { name: 'spend', description: 'total spend' }];
const raw = fromRows([[1, 10], [2, 20], [3, 30], [9, 900], [8, 800]]);

const texts = [
  { textId: 't1', customerId: 'b', body: 'Is this site even real? I worry my card details get stolen.', at: Date.UTC(2024, 0, 2) },
  { textId: 't2', customerId: 'a', body: 'Is this site even real? I worry my card details get stolen!', at: null },
  { textId: 't3', customerId: 'c', body: 'Email me at someone@example.com about the fake refund policy.', at: null },
  { textId: 't4', customerId: 'a', body: 'ok', at: null },
];

describe('gatherEvidence', () => {
  it('quotes the most central customers first, diversifies, masks PII and pseudonymises ids', () => {
    const { segments, report } = gatherEvidence({ space, labels, clusterCount: 2, customerIds, texts, salt: 's', columns, raw, keyFeatures: [['orders'], ['spend']] }, { quotes: { perSegment: 2 } });
    const quotes = segments[0]!.filter((e) => e.kind === 'text');
    expect(quotes.map((q) => q.kind === 'text' && q.textId)).toEqual(['t1', 't3']); // t2 duplicates t1
    expect(quotes[1]!.kind === 'text' && quotes[1]!.text).toBe('Email me at [email] about the fake refund policy.');
    expect(quotes[0]!.customerId).toMatch(/^cust-[0-9a-f]{10}$/);
    expect(quotes[0]!.customerId).not.toBe('b');
    expect(quotes[0]!.kind === 'text' && quotes[0]!.at).toBe('2024-01-02T00:00:00.000Z');
    expect(report.counts).toMatchObject({ masked_email: 1 });
  });

  it('tops up with exemplar customers and their key numbers when a segment has too few quotes', () => {
    const { segments } = gatherEvidence({ space, labels, clusterCount: 2, customerIds, texts, salt: 's', columns, raw, keyFeatures: [['orders'], ['spend']] });
    expect(segments[1]!.every((e) => e.kind === 'exemplar')).toBe(true);
    const first = segments[1]![0]!;
    expect(first.kind === 'exemplar' && first.stats).toEqual([{ feature: 'spend', description: 'total spend', value: 900 }]);
  });

  it('is deterministic', () => {
    const input = { space, labels, clusterCount: 2, customerIds, texts, salt: 'x', columns, raw, keyFeatures: [['orders'], ['spend']] };
    expect(JSON.stringify(gatherEvidence(input).segments)).toBe(JSON.stringify(gatherEvidence(input).segments));
  });
});
