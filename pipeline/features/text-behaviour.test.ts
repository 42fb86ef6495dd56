import { describe, expect, it } from 'vitest';
import type { TextInput } from './inputs.ts';
import { extractTextBehaviour } from './text-behaviour.ts';

const text = (customerId: string, body: string, iso: string | null, extra: Partial<TextInput> = {}): TextInput => ({
  customerId,
  body,
  at: iso === null ? null : Date.parse(iso),
  replyToId: null,
  ...extra,
});

describe('extractTextBehaviour', () => {
  const texts: TextInput[] = [
    text('A', 'Where is my ORDER?', '2024-01-06T02:00:00Z'), // Saturday night
    text('A', '@shop thanks, great fast delivery! https://x.co/abc 😀', '2024-01-08T14:00:00Z', { replyToId: 't1' }), // Monday afternoon
    text('B', 'not good', '2024-01-09T20:00:00Z', { threadDepth: 3 }), // Tuesday evening
    text('Z', 'who am I?', null),
  ];
  const e = extractTextBehaviour(texts, new Map([['A', 0], ['B', 1], ['C', 2]]));
  const c = Object.fromEntries(e.features.map((f) => [f.column.name, Array.from(f.values)]));

  it('computes rates per customer exactly', () => {
    expect(c.text_count).toEqual([2, 1, Number.NaN]);
    expect(c.mean_length_chars?.slice(0, 2)).toEqual([(18 + 53) / 2, 8]);
    expect(c.question_rate?.slice(0, 2)).toEqual([0.5, 0]);
    expect(c.exclamation_rate?.slice(0, 2)).toEqual([0.5, 0]);
    // A: W, O, R, D, E, R capitals of 14 + 23 letters; the @handle and the link do not count.
    expect(c.caps_ratio?.slice(0, 2)).toEqual([6 / 37, 0]);
    expect(c.emoji_rate?.slice(0, 2)).toEqual([0.5, 0]);
    expect(c.url_rate?.slice(0, 2)).toEqual([0.5, 0]);
    expect(c.mention_density?.slice(0, 2)).toEqual([0.5, 0]);
    expect(c.reply_depth?.slice(0, 2)).toEqual([0.5, 3]);
  });

  it('compresses the hour of day into four shares, plus weekend share', () => {
    expect(c.text_night_share?.slice(0, 2)).toEqual([0.5, 0]);
    expect(c.text_morning_share?.slice(0, 2)).toEqual([0, 0]);
    expect(c.text_afternoon_share?.slice(0, 2)).toEqual([0.5, 0]);
    expect(c.text_evening_share?.slice(0, 2)).toEqual([0, 1]);
    expect(c.text_weekend_share?.slice(0, 2)).toEqual([0.5, 0]);
  });

  it('averages lexicon sentiment and counts customers without texts', () => {
    expect(c.sentiment_mean?.slice(0, 2)).toEqual([0.5, -1]);
    expect(e.counts).toEqual({ texts_unknown_customer: 1, customers_without_texts: 1 });
    for (const f of e.features) expect(f.block).toBe('behavioural');
    for (const values of Object.values(c)) expect(values[2]).toBeNaN();
  });
});
