import { describe, expect, it } from 'vitest';
import { classTfidf } from './ctfidf.ts';
import { tokenize } from './tokenize.ts';

describe('tokenize', () => {
  it('drops urls, handles, stop words and short words', () => {
    expect(tokenize('@AskPayPal I was charged TWICE https://t.co/x for my order!')).toEqual(['charged', 'twice', 'order']);
  });
});

describe('class-based tf-idf', () => {
  it('ranks terms specific to a class above shared ones (hand-computed)', () => {
    const classes = [
      ['refund fraud', 'refund order'],
      ['delivery order', 'delivery late'],
    ];
    const [a, b] = classTfidf(classes, { ngrams: 1, minTexts: 1 });
    // Class 0 terms: refund×2, fraud, order (length 4); class 1: delivery×2, order, late (length 4); A = 4.
    // refund: 2/4 · ln(1 + 4/2) = 0.5·ln 3; order: 1/4 · ln(1 + 4/2) = 0.25·ln 3; fraud: 0.25·ln 5.
    expect(a?.[0]).toMatchObject({ term: 'refund', texts: 2 });
    expect(a?.[0]?.score).toBeCloseTo(0.5 * Math.log(3), 12);
    expect(a?.find((t) => t.term === 'fraud')?.score).toBeCloseTo(0.25 * Math.log(5), 12);
    expect(a?.find((t) => t.term === 'order')?.score).toBeCloseTo(0.25 * Math.log(3), 12);
    expect(b?.[0]?.term).toBe('delivery');
  });

  it('keeps a bigram and drops the unigram it contains when the bigram scores higher', () => {
    const [a] = classTfidf([['credit card stolen', 'credit card charged', 'credit card fraud'], ['nice shoes']], { minTexts: 2 });
    expect(a?.map((t) => t.term)).toContain('credit card');
  });

  it('is empty for a class without texts', () => {
    expect(classTfidf([[], ['hello world']])[0]).toEqual([]);
  });
});
