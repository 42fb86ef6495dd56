/**
 * A customer described in chat ("a 29-year-old in the UK who mostly buys on the app") as column values,
 * read against the catalogue: levels and flags through the phrase mapper, "N-year-old" and "X of N".
 */
import type { Catalogue } from './catalogue.ts';
import { fieldScore, parseConditions, parseNumber } from './phrases.ts';
import { conditionWords, findField } from './predicate.ts';
import { stem, tokens } from './words.ts';

export function attributesFromDescription(catalogue: Catalogue, description: string): { attributes: Record<string, string | number | boolean>; understood: string[]; unmatched: string[] } {
  const attributes: Record<string, string | number | boolean> = {};
  const numbers = catalogue.fields.filter((f) => f.kind === 'number' && f.source === 'customer');
  let rest = description;
  const age = description.match(/(\d{1,3})[- ]?(?:years?[- ]old|yo\b|y\/o)/i);
  if (age) {
    const field = numbers.map((f) => ({ f, s: fieldScore(f, ['age']).score })).sort((a, b) => b.s - a.s)[0];
    if (field && field.s > 0) attributes[field.f.name] = Number(age[1]);
    rest = rest.replace(age[0], ' ');
  }
  // "an income of 75000", "paying 90 a month", "two teenagers"
  for (const m of rest.matchAll(/([A-Za-z][\w ]{2,30}?)\s+(?:of|is|=|:)?\s*[£$€]?(\d[\d,]*(?:\.\d+)?)\s*(k|m)?\b/gi)) {
    const words = tokens(m[1] as string).slice(-2).map(stem);
    const best = numbers.map((f) => ({ f, s: fieldScore(f, words).score })).sort((a, b) => b.s - a.s)[0];
    if (best && best.s > 0.69 && attributes[best.f.name] === undefined) {
      attributes[best.f.name] = parseNumber(m[2] as string, m[3]);
      rest = rest.replace(m[0], ' ');
    }
  }
  const parsed = parseConditions(catalogue, rest);
  for (const c of parsed.conditions) {
    if (c.field === undefined || attributes[c.field] !== undefined) continue;
    const field = findField(catalogue, c.field);
    if (!field || field.source !== 'customer') continue;
    if ((c.op === 'eq' || c.op === undefined) && c.value !== undefined && !Array.isArray(c.value)) attributes[field.name] = c.value;
    else if (c.op === 'gt' && c.value === 0) attributes[field.name] = 1;
  }
  const understood = Object.entries(attributes).map(([k, v]) => {
    const field = findField(catalogue, k);
    return field ? conditionWords(field, 'eq', [v]) : `${k} ${v}`;
  });
  return { attributes, understood, unmatched: parsed.unmatched };
}
