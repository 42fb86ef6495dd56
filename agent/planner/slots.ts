/**
 * Slots of a question, read against the catalogue and the thread: quantities ("3 quotes", "into 5
 * groups"), references to earlier answers ("them", "the second one"), what to rank by, which
 * segments to compare, and the group a question describes.
 */
import type { Catalogue } from '../../tools/catalogue/catalogue.ts';
import { parseConditions, type ParsedConditions } from '../../tools/catalogue/phrases.ts';
import type { Condition } from '../../tools/catalogue/predicate.ts';
import { findField } from '../../tools/catalogue/predicate.ts';

const numberWords: Readonly<Record<string, number>> = { one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12 };
const N = '(\\d{1,3}|one|two|three|four|five|six|seven|eight|nine|ten|twelve)';
const num = (s: string) => numberWords[s.toLowerCase()] ?? Number(s);

/** "into 5 groups", "k=4", "5 segments". */
export function groupCount(text: string): number | undefined {
  const m = text.match(new RegExp(`\\b(?:into|in|with)\\s+${N}\\s+(?:groups|segments|clusters|personas)\\b`, 'i')) ?? text.match(new RegExp(`\\bk\\s*=\\s*${N}`, 'i'));
  return m ? num(m[1] as string) : undefined;
}

/** The phrase "into N groups" (and similar) so it is not read as a filter. */
export const groupPhrase = new RegExp(`\\b(?:into|in|with)\\s+${N}\\s+(?:groups|segments|clusters|personas)\\b`, 'gi');

/** "give me 3 quotes", "two examples". */
export function quoteCount(text: string): number | undefined {
  const m = text.match(new RegExp(`\\b${N}\\s+(?:quotes?|examples?|messages?|snippets?|comments?|tweets?)\\b`, 'i'));
  return m ? Math.min(10, num(m[1] as string)) : undefined;
}

export const pronoun = /\b(them|they|their|those ones|these ones|that (group|segment|persona|one)|this (group|segment|persona)|the same (group|segment)|in that group|of those|of these)\b/i;

/** "the second one", "the first one", "the last one" → 1-based rank (−1 for last). */
export function ordinalReference(text: string): number | undefined {
  const m = text.match(/\bthe (first|second|third|fourth|fifth|last|top|bottom) (one|group|segment|persona)\b|\b(first|second|third|fourth|fifth) one\b/i);
  if (!m) return undefined;
  const w = (m[1] ?? m[3] ?? '').toLowerCase();
  return ({ first: 1, top: 1, second: 2, third: 3, fourth: 4, fifth: 5, last: -1, bottom: -1 } as Record<string, number>)[w];
}

export type RankSpec = { by: 'size' | 'clv' | 'churn' | 'sentiment' | 'mean' | 'share' | 'order_value' | 'text'; field?: string; where?: Condition[]; text?: string; order: 'desc' | 'asc' };

const lowWords = /\b(least|lowest|smallest|fewest|youngest|worst|cheapest|shortest|poorest|bottom|lowest-value|less)\b/i;
const rankNoise = /\b(which|what|who|segment|segments|group|groups|persona|personas|is|are|has|have|the|most|least|highest|lowest|largest|biggest|smallest|best|worst|top|rank|sort|order|by|likely|to|on average|average|often|frequently|much|lot|lots|amount)\b/gi;

/** What a superlative question ranks by, read against the catalogue. */
export function rankSpec(text: string, catalogue: Catalogue | null): RankSpec | null {
  const order: 'desc' | 'asc' = lowWords.test(text) ? 'asc' : 'desc';
  if (/\b(angr(y|iest|ier)|most negative|unhapp(y|iest)|most frustrated|upset|most annoyed|grumpiest|most dissatisfied)\b/i.test(text)) return { by: 'sentiment', order: 'asc' };
  if (/\b(happ(y|iest)|most positive|most satisfied|most content|friendliest)\b/i.test(text)) return { by: 'sentiment', order: 'desc' };
  if (/\b(sentiment|tone)\b/i.test(text)) return { by: 'sentiment', order };
  if (/\b(churn\w*|likely to (leave|cancel|quit|stop)|at risk|leave us)\b/i.test(text)) return { by: 'churn', order: /\bleast likely\b/i.test(text) ? 'asc' : 'desc' };
  if (/\b(order|basket) value\b/i.test(text)) return { by: 'order_value', order };
  if (/\b(valuable|worth|lifetime value|ltv|clv|value)\b/i.test(text)) return { by: 'clv', order };
  if (catalogue) {
    const parsed = parseConditions(catalogue, text.replace(rankNoise, ' '));
    const first = parsed.conditions[0];
    if (first?.text) return { by: 'text', text: first.text, order };
    if (first?.field) {
      const field = findField(catalogue, first.field);
      if (field?.kind === 'number' && first.op === 'gt' && first.value === 0) return { by: 'mean', field: field.name, order: /\b(oldest)\b/i.test(text) ? 'desc' : order };
      if (field) return { by: 'share', where: [first], order };
    }
  }
  if (/\b(largest|biggest|smallest|size|most (customers|members|people))\b/i.test(text)) return { by: 'size', order };
  return null;
}

/** The two segments a comparison means by rank: "the two largest", "largest and smallest", "top two by value". */
export function compareOrdinal(text: string, catalogue: Catalogue | null): (RankSpec & { ranks: [number, number] }) | null {
  if (/\blargest and (the )?smallest\b|\bbiggest and (the )?smallest\b/i.test(text)) return { by: 'size', order: 'desc', ranks: [1, -1] };
  if (!/\b(two|2|top|largest|biggest|smallest|highest|lowest|most|least)\b/i.test(text)) return null;
  const spec = /\b(two )?(largest|biggest)\b/i.test(text) && !/\bby\b/i.test(text) ? ({ by: 'size', order: 'desc' } as RankSpec) : rankSpec(text.replace(/\b(compare|two|2|top)\b/gi, ' '), catalogue);
  return spec ? { ...spec, ranks: [1, 2] } : null;
}

const groupStart = /\b(?:who are|who's|show me|find|tell me about|describe|descibe|explain|any|do (?:i|we) have|quotes? from|examples? from|what do|for|of|about|to reach|reach|export|download)\s+(?:my|the|our|all|all the|these|those)?\s*/i;

/** "who are my trust skeptics?" → "trust skeptics"; "what is their lifetime value?" → null. */
export function describedGroup(text: string): string | null {
  const t = text.trim().replace(/[?!.]+$/, '');
  const m = t.match(new RegExp(`${groupStart.source}(.+)$`, 'i'));
  let phrase = m?.[1]?.trim() ?? null;
  if (!phrase) return null;
  phrase = phrase
    .replace(/\s+(actually say|say|write|to csv|as csv|as json|to json|to a file|in a file)$/i, '')
    .replace(/\s+(segment|group|persona|customers|people)$/i, '')
    .replace(/^(the|my|our)\s+/i, '')
    .trim();
  if (phrase.length < 3 || pronoun.test(` ${phrase} `) && phrase.split(/\s+/).length <= 3) return null;
  return phrase;
}

/** Conditions of a filter question, with the parts that are not about the data left out. */
export function filterConditions(text: string, catalogue: Catalogue): ParsedConditions {
  const cleaned = text.replace(groupPhrase, ' ').replace(/\b(re-?segment|re-?cluster|segment|export|download|as csv|to csv|as json|and which persona are they in|which persona are they in|are they in)\b/gi, ' ');
  return parseConditions(catalogue, cleaned);
}
