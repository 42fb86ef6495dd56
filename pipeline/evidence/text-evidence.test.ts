import { describe, expect, it } from 'vitest';
import { createMatrix, fromRows } from '../../lib/matrix.ts';
import { createRng } from '../../lib/rng.ts';
import { generateSample } from '../sample/generate.ts';
import { maskPii } from './pii.ts';
import { pseudonymise } from './pseudonym.ts';
import { gatherTextEvidence, selectTextEvidence, type EvidenceText } from './text-evidence.ts';

// Segment 0 on a line: a, b, c at x = −1, 0, 1 (b at the centre; median distance 1, so b scores 1 and
// a, c score 0.5). Segment 1: d, e at x = 10 and 10.5.
const space = fromRows([[-1], [0], [1], [10], [10.5]]);
const labels = Int32Array.from([0, 0, 0, 1, 1]);
const customerIds = ['a', 'b', 'c', 'd', 'e'];
const base = { space, labels, clusterCount: 2, customerIds, salt: 'run-1-1' };
const text = (textId: string, customerId: string, body: string, at: number | null = null): EvidenceText => ({ textId, customerId, body, at });

describe('selectTextEvidence', () => {
  const texts = [
    text('t1', 'b', 'Is this site even real? I worry my card details get stolen.', Date.UTC(2024, 0, 2)),
    text('t2', 'a', 'Is this site even real? I worry my card details get stolen!'),
    text('t3', 'c', 'Email me at someone@example.com about the fake refund policy.'),
    text('t4', 'a', 'ok thanks'),
    text('t5', 'zz', 'A customer who is not in this run wrote this one.'),
  ];

  it('quotes the most central customer first, skips a near-copy for a different text, masks and pseudonymises', () => {
    // MMR step 2 (λ 0.7): t2 scores 0.7·0.5 − 0.3·1 = 0.05 (same words as t1); t3 scores 0.35 − 0 = 0.35.
    const result = gatherTextEvidence({ ...base, texts }, { perSegment: 2 });
    const [first, second] = result.segments[0]!;
    expect(result.segments[0]!.map((e) => e.textId)).toEqual(['t1', 't3']);
    expect(first).toEqual({ kind: 'text', textId: 't1', text: texts[0]!.body, customerId: pseudonymise('b', 'run-1-1'), at: '2024-01-02T00:00:00.000Z', relevance: 1 });
    expect(second).toMatchObject({ text: 'Email me at [email] about the fake refund policy.', relevance: 0.5, at: null });
    expect(result.segments[1]).toEqual([]);
    expect(result.masked.email).toBe(1);
    expect(result.withoutCustomer).toBe(1);
  });

  it('takes the near-copy too when there is nothing else', () => {
    expect(selectTextEvidence({ ...base, texts: texts.slice(0, 2) })[0]!.map((e) => e.textId)).toEqual(['t1', 't2']);
  });

  it('skips texts too short, too long, mostly placeholders, or without words, and exact repeats', () => {
    const out = selectTextEvidence({
      ...base,
      texts: [
        text('short', 'b', 'Where is my order?'),
        text('long', 'b', `My order is late. ${'It has been weeks and still nothing at all. '.repeat(10)}`),
        text('masked', 'b', '@115712 @115713 call 07700 900123 or jane@example.com https://t.co/Ab12Cd34Ef ok'),
        text('nowords', 'b', '!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!'),
        text('kept', 'a', 'The parcel was left in the rain and the box fell apart.'),
        text('repeat', 'c', 'The parcel was left in the RAIN and the box fell apart.'),
      ],
    });
    expect(out[0]!.map((e) => e.textId)).toEqual(['kept']);
  });

  it('takes at most two texts per customer, preferring quotable lengths', () => {
    const long = `The checkout keeps failing on my phone whenever I try to pay with a card. ${'I tried again later and it failed again. '.repeat(6)}`;
    expect(long.length).toBeGreaterThan(280);
    const out = selectTextEvidence({
      ...base,
      texts: [
        text('l', 'b', long),
        text('x1', 'b', 'Delivery took twelve days for a small parcel this time.'),
        text('x2', 'b', 'The new catalogue has far fewer garden tools than last year.'),
        text('x3', 'b', 'Customer service answered quickly and sorted my refund.'),
      ],
    });
    expect(out[0]!.map((e) => e.textId).sort()).toEqual(['x1', 'x2']);
  });

  it('ranks a quotable text of a slightly less central customer above an overlong one of the centre', () => {
    const near = fromRows([[0], [-0.05], [1]]);
    // Centroid 0.3167; distances 0.3167, 0.3667, 0.6833; median 0.3667 → closeness 0.5366, 0.5, 0.3492.
    const out = selectTextEvidence(
      {
        space: near,
        labels: Int32Array.from([0, 0, 0]),
        clusterCount: 1,
        customerIds: ['b', 'a', 'c'],
        salt: 's',
        texts: [text('long', 'b', `Prices went up again. ${'Everything costs more than it did last spring. '.repeat(6)}`), text('short', 'a', 'Prices went up on everything I usually buy here.')],
      },
      { perSegment: 1 },
    );
    // b's text is over 280 characters: 0.5366 × 0.85 = 0.456 < a's quotable text at 0.5.
    expect(out[0]!.map((e) => e.textId)).toEqual(['short']);
  });

  it('prefers a second customer to a second text of the same customer', () => {
    // Closeness as above: b 0.5366, a 0.5. The texts share no words. Step 2: b's other text scores
    // 0.7·0.5366 − 0.3·0.5 = 0.226 (same customer counts as 0.5 alike); a's scores 0.35 → a.
    // Without the same-customer rule b's other text would score 0.376 and win.
    const near = { space: fromRows([[0], [-0.05], [1]]), labels: Int32Array.from([0, 0, 0]), clusterCount: 1, customerIds: ['b', 'a', 'c'], salt: 's' };
    const texts3 = [
      text('b1', 'b', 'The courier left my parcel outside in heavy rain.'),
      text('b2', 'b', 'Loyalty points vanished from my account after checkout.'),
      text('a1', 'a', 'Customer service never replied about missing refunds.'),
    ];
    expect(selectTextEvidence({ ...near, texts: texts3 }, { perSegment: 2 })[0]!.map((e) => e.textId)).toEqual(['b1', 'a1']);
    expect(selectTextEvidence({ ...near, texts: texts3 }, { perSegment: 2, sameCustomerSimilarity: 0 })[0]!.map((e) => e.textId)).toEqual(['b1', 'b2']);
  });

  it('walks past the nearest customers when they have fewer than three usable texts', () => {
    const line = createMatrix(8, 1, Float64Array.from([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7]));
    const ids = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6', 'c7'];
    const out = selectTextEvidence(
      {
        space: line,
        labels: new Int32Array(8),
        clusterCount: 1,
        customerIds: ids,
        salt: 's',
        texts: [text('f1', 'c6', 'The loyalty points never showed up on my account.'), text('f2', 'c7', 'Two of the glasses arrived broken in the box.'), text('f3', 'c0', 'Lovely quality, the jumper still looks new.')],
      },
      { nearestCustomers: 1 },
    );
    expect(out[0]!.map((e) => e.textId).sort()).toEqual(['f1', 'f2', 'f3']);
  });

  it('checks shapes and options', () => {
    expect(() => selectTextEvidence({ ...base, customerIds: ['a'], texts: [] })).toThrow(/expected 1 rows, got 5×1/);
    expect(() => selectTextEvidence({ ...base, texts: [] }, { perSegment: 0 })).toThrow(/perSegment/);
    expect(() => selectTextEvidence({ ...base, texts: [] }, { minChars: 500 })).toThrow(/minChars/);
    expect(() => selectTextEvidence({ ...base, salt: '', texts: [] })).toThrow(/salt/);
  });
});

describe('selectTextEvidence on the generated sample', () => {
  const sample = generateSample({ customers: 240, seed: 5 });
  const segmentNames = [...new Set(sample.customers.map((c) => c.plantedSegment))].sort();
  const rng = createRng(3);
  const input = {
    space: createMatrix(sample.customers.length, 3, Float64Array.from({ length: sample.customers.length * 3 }, () => rng.normal())),
    labels: Int32Array.from(sample.customers.map((c) => segmentNames.indexOf(c.plantedSegment))),
    clusterCount: segmentNames.length,
    customerIds: sample.customers.map((c) => c.customerId),
    texts: sample.texts.map((t) => ({ textId: t.textId, customerId: t.customerId, body: t.text, at: Date.parse(t.createdAt) })),
    salt: 'run-5-1',
  };
  const out = selectTextEvidence(input);

  it('gives every segment five masked texts of its own customers', () => {
    const byId = new Map(sample.texts.map((t) => [t.textId, t]));
    const segmentOf = new Map(sample.customers.map((c) => [pseudonymise(c.customerId, 'run-5-1'), c.plantedSegment]));
    out.forEach((items, s) => {
      expect(items).toHaveLength(5);
      for (const item of items) {
        const source = byId.get(item.textId)!;
        expect(item.text).toBe(maskPii(source.text.trim()).text);
        expect(segmentOf.get(item.customerId)).toBe(segmentNames[s]);
        expect(item.text).not.toMatch(/@example\.com|555-01\d\d/);
        expect(item.relevance).toBeGreaterThan(0);
        expect(item.relevance).toBeLessThanOrEqual(1);
      }
      expect(new Set(items.map((i) => i.text)).size).toBe(5);
    });
  });

  it('is deterministic', () => {
    expect(JSON.stringify(selectTextEvidence(input))).toBe(JSON.stringify(out));
  });
});
