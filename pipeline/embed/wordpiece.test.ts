import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PersonaError } from '../../lib/errors.ts';
import { bertPreTokenize, createWordPiece } from './wordpiece.ts';

const json = JSON.parse(readFileSync(new URL('./fixtures/tiny-tokenizer.json', import.meta.url), 'utf8')) as {
  normalizer: Record<string, unknown>;
  model: Record<string, unknown>;
};
const tok = createWordPiece(json);
const ids = (text: string, max = 64): number[] => Array.from(tok.encode(text, max));

describe('wordpiece tokenizer', () => {
  it('reads the special tokens', () => {
    expect([tok.padId, tok.unkId, tok.clsId, tok.sepId, tok.vocabSize]).toEqual([0, 1, 2, 3, 28]);
  });

  it('encodes plain words with [CLS] and [SEP], splitting punctuation', () => {
    expect(ids('My card was charged twice!')).toEqual([2, 21, 5, 6, 7, 8, 14, 3]);
  });

  it('uses ## continuation pieces, longest match first', () => {
    expect(tok.tokenize('Refunds, unbelievable.')).toEqual(['refund', '##s', ',', 'un', '##believ', '##able', '.']);
    expect(ids('Refunds, unbelievable.')).toEqual([2, 9, 10, 15, 11, 12, 13, 16, 3]);
    expect(ids('the zebra wants')).toEqual([2, 4, 1, 18, 10, 3]);
  });

  it('makes a whole word [UNK] when any part of it has no piece', () => {
    expect(ids('unbelievablex')).toEqual([2, 1, 3]);
    expect(ids('$5 order')).toEqual([2, 27, 1, 26, 3]);
  });

  it('lower-cases and strips accents as the normalizer says', () => {
    expect(ids('I WANT A CAFÉ')).toEqual([2, 17, 18, 19, 20, 3]);
    const cased = createWordPiece({ ...json, normalizer: { ...json.normalizer, lowercase: false } });
    // lowercase false and strip_accents null: neither lower-casing nor accent stripping.
    expect(Array.from(cased.encode('I want a café', 16))).toEqual([2, 1, 18, 19, 1, 3]);
  });

  it('cleans controls, maps whitespace and isolates CJK characters', () => {
    expect(ids('the\tcard\nwas')).toEqual([2, 4, 5, 6, 3]);
    expect(ids('the\u200bcard')).toEqual([2, 1, 3]); // zero-width space is removed, leaving "thecard"
    expect(ids('好the')).toEqual([2, 1, 4, 3]);
    expect(bertPreTokenize("don't stop.")).toEqual(['don', "'", 't', 'stop', '.']);
  });

  it('makes words longer than 100 characters [UNK]', () => {
    expect(ids('un' + 's'.repeat(98), 200)).toEqual([2, 11, ...new Array(98).fill(10), 3]);
    expect(ids('un' + 's'.repeat(99))).toEqual([2, 1, 3]);
  });

  it('truncates to maxTokens including [CLS] and [SEP]', () => {
    expect(Array.from(tok.encode('My card was charged twice!', 4))).toEqual([2, 21, 5, 3]);
    expect(Array.from(tok.encode('', 4))).toEqual([2, 3]);
  });

  it('rejects other tokenizer models and missing special tokens', () => {
    expect(() => createWordPiece({ model: { type: 'BPE', vocab: {} } }, 'x/tokenizer.json')).toThrow(/x\/tokenizer.json.*BPE/);
    const vocab = { ...(json.model.vocab as Record<string, number>) };
    delete vocab['[CLS]'];
    expect(() => createWordPiece({ ...json, model: { ...json.model, vocab } })).toThrow(PersonaError);
    expect(() => createWordPiece({ ...json, pre_tokenizer: { type: 'Metaspace' } })).toThrow(/Metaspace/);
  });
});
