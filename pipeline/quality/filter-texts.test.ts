import { describe, expect, it } from 'vitest';
import { PersonaError } from '../../lib/errors.ts';
import { createRng } from '../../lib/rng.ts';
import type { QualityText } from '../types.ts';
import { filterTexts, qualityDefaults, type QualityOptions } from './filter-texts.ts';

let next = 0;
const t = (text: string, authorId = `a${next}`, isCustomer: boolean | null = true): QualityText => ({ id: `t${next++}`, authorId, text, isCustomer });

function verdictsOf(texts: QualityText[], options?: QualityOptions) {
  const { verdicts } = filterTexts(texts, options);
  return Object.fromEntries(verdicts.map((v) => [v.id, v]));
}

// 60 distinct words: long enough that one changed word keeps word-3-shingle Jaccard near 0.9.
const long = Array.from({ length: 60 }, (_, i) => `w${i}x`).join(' ');
const oneWordChanged = long.replace('w30x', 'changed');
const unrelated = Array.from({ length: 60 }, (_, i) => `other${i}`).join(' ');

describe('filterTexts: steps', () => {
  it('drops company replies and keeps unknown authors', () => {
    const [a, b, c] = [t('we are sorry to hear that', 'brand', false), t('my order is late', 'u1', null), t('my parcel is lost', 'u2', true)];
    const v = verdictsOf([a, b, c] as QualityText[]);
    expect(v[a!.id]).toEqual({ id: a!.id, kept: false, reason: 'non_customer' });
    expect(v[b!.id]?.reason).toBe('kept');
    expect(v[c!.id]?.kept).toBe(true);
  });

  it('drops empty, too-short and too-long texts after removing mentions and URLs', () => {
    const texts = [t(''), t('@brand https://t.co/abc'), t('@brand ok'), t('🤥 💯'), t('@brand I did.'), t('a'.repeat(5001)), t('ab'.repeat(20))];
    const v = verdictsOf(texts);
    expect(texts.map((x) => v[x.id]?.reason)).toEqual(['empty', 'empty', 'too_short', 'too_short', 'kept', 'too_long', 'kept']);
    const strict = verdictsOf(texts, { minChars: 5, maxChars: 30 });
    expect(texts.map((x) => strict[x.id]?.reason)).toEqual(['empty', 'empty', 'too_short', 'too_short', 'too_short', 'too_long', 'too_long']);
  });

  it('drops retweets and forwarded messages', () => {
    const texts = [t('RT @someone this deal is great'), t('Fwd: my order never came'), t('see below\n---------- Forwarded message ---------\nhello'), t('why is RT @ in my feed')];
    const v = verdictsOf(texts);
    expect(texts.map((x) => v[x.id]?.reason)).toEqual(['retweet', 'retweet', 'retweet', 'kept']);
  });

  it('drops exact duplicates after normalisation and points at the first', () => {
    const texts = [t('@brandA My order is LATE  again'), t('@brandB my order is late again https://t.co/x'), t('my order is late again!')];
    const v = verdictsOf(texts);
    expect(v[texts[0]!.id]?.reason).toBe('kept');
    expect(v[texts[1]!.id]).toEqual({ id: texts[1]!.id, kept: false, reason: 'exact_duplicate', duplicateOf: texts[0]!.id });
    // Punctuation differs, so not an exact duplicate; the near-duplicate step (character shingles) catches it.
    expect(v[texts[2]!.id]).toMatchObject({ reason: 'near_duplicate', duplicateOf: texts[0]!.id });
  });

  it('catches a near duplicate with one word changed and keeps a different text', () => {
    const texts = [t(long), t(oneWordChanged), t(unrelated), t(`${long} extra`)];
    const v = verdictsOf(texts);
    expect(texts.map((x) => v[x.id]?.reason)).toEqual(['kept', 'near_duplicate', 'kept', 'near_duplicate']);
    expect(v[texts[1]!.id]?.duplicateOf).toBe(texts[0]!.id);
    expect(verdictsOf([t(long), t(oneWordChanged)], { nearDuplicateJaccard: 1 })[`t${next - 1}`]?.reason).toBe('kept');
  });

  it('drops repeated short forms from different authors, keeping the first, and known boilerplate', () => {
    const fromFive = [1, 2, 3, 4, 5].map((i) => t(`my order ${1000 + i} is late`, `author${i}`));
    const fromFour = [1, 2, 3, 4].map((i) => t(`ticket ${i} still open`, `author${i}`));
    const oneAuthor = [1, 2, 3, 4, 5].map((i) => t(`refund ${i} missing`, 'same'));
    const auto = t('Thank you for contacting us, an agent will reply soon');
    const v = verdictsOf([...fromFive, ...fromFour, ...oneAuthor, auto]);
    expect(fromFive.map((x) => v[x.id]?.reason)).toEqual(['kept', 'template', 'template', 'template', 'template']);
    expect(v[fromFive[4]!.id]?.duplicateOf).toBe(fromFive[0]!.id);
    expect(fromFour.every((x) => v[x.id]?.kept)).toBe(true);
    expect(oneAuthor.every((x) => v[x.id]?.kept)).toBe(true);
    expect(v[auto.id]).toEqual({ id: auto.id, kept: false, reason: 'template' });
  });
});

describe('filterTexts: contract', () => {
  const corpus = (n: number, seed: number): QualityText[] => {
    const rng = createRng(seed);
    const vocab = Array.from({ length: 2000 }, (_, i) => `word${i.toString(36)}`);
    const out: QualityText[] = [];
    for (let i = 0; i < n; i++) {
      let words: string[];
      if (i > 10 && rng.next() < 0.1) {
        // A near copy of an earlier text: one word replaced.
        words = (out[rng.int(out.length)] as QualityText).text.split(' ');
        words[rng.int(words.length)] = vocab[rng.int(vocab.length)] as string;
      } else {
        words = Array.from({ length: 8 + rng.int(40) }, () => vocab[rng.int(vocab.length)] as string);
      }
      out.push({ id: `x${i}`, authorId: `u${rng.int(n / 3)}`, text: words.join(' '), isCustomer: rng.next() < 0.9 ? true : rng.next() < 0.5 ? false : null });
    }
    return out;
  };

  it('gives every text exactly one verdict and a table from input to kept', () => {
    const texts = corpus(3000, 7);
    const { verdicts, report } = filterTexts(texts);
    expect(verdicts.map((v) => v.id)).toEqual(texts.map((x) => x.id));
    const kept = verdicts.filter((v) => v.kept).length;
    expect(report.table[0]).toEqual({ step: 'input', before: 3000, dropped: 0, after: 3000, share: 1 });
    expect(report.table.at(-1)).toEqual({ step: 'kept', before: kept, dropped: 0, after: kept, share: kept / 3000 });
    expect(report.table.map((r) => r.step)).toEqual(['input', 'non_customer', 'empty', 'too_short', 'too_long', 'retweet', 'exact_duplicate', 'near_duplicate', 'template', 'kept']);
    for (const row of report.table.slice(1, -1)) {
      expect(row.before - row.dropped).toBe(row.after);
      expect(report.counts?.[row.step]).toBe(row.dropped);
    }
    expect(report.counts?.kept).toBe(kept);
    expect(report).toMatchObject({ stage: 'quality', rowsIn: 3000, rowsOut: kept, params: qualityDefaults });
    expect(report.counts?.near_duplicate).toBeGreaterThan(100);
  });

  it('is deterministic: two runs give identical verdicts and tables', () => {
    const texts = corpus(3000, 11);
    const a = filterTexts(texts);
    const b = filterTexts(texts);
    expect(JSON.stringify(a.verdicts)).toBe(JSON.stringify(b.verdicts));
    expect(a.report.table).toEqual(b.report.table);
    const reseeded = filterTexts(texts, { seed: 2 });
    expect(reseeded.report.table.at(-1)?.after).toBeGreaterThan(0);
  });

  it('handles 50,000 texts', () => {
    // A scale check only: the time it takes is the bench's business, never asserted here.
    const texts = corpus(50_000, 3);
    const { report } = filterTexts(texts);
    expect(report.rowsIn).toBe(50_000);
    expect(report.rowsOut).toBeGreaterThan(0);
    expect(report.rowsOut).toBeLessThan(50_000);
  });

  it('rejects bad options and repeated ids', () => {
    const code = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e instanceof PersonaError ? e.code : 'other';
      }
      return 'none';
    };
    const one = [t('hello there')];
    expect(code(() => filterTexts(one, { bands: 5 }))).toBe('bad_option');
    expect(code(() => filterTexts(one, { nearDuplicateJaccard: 0 }))).toBe('bad_option');
    expect(code(() => filterTexts(one, { boilerplatePatterns: ['('] }))).toBe('bad_option');
    expect(code(() => filterTexts(one, { templateMinRepeats: 1 }))).toBe('bad_option');
    expect(code(() => filterTexts([...one, ...one]))).toBe('duplicate_id');
    expect(filterTexts([]).report.table).toEqual([
      { step: 'input', before: 0, dropped: 0, after: 0, share: 0 },
      ...['non_customer', 'empty', 'too_short', 'too_long', 'retweet', 'exact_duplicate', 'near_duplicate', 'template'].map((step) => ({ step, before: 0, dropped: 0, after: 0, share: 0 })),
      { step: 'kept', before: 0, dropped: 0, after: 0, share: 0 },
    ]);
  });
});
