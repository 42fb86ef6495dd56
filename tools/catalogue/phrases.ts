/**
 * Phrases → conditions over a catalogue: "kids at home" → Kidhome > 0, "income above 50k" → Income >
 * 50,000, "doctors" → Profession = Doctor, "the UK" → Country = United Kingdom, "mentioned refunds" → a
 * keyword in the texts. Only the data's own column names and values and generic English are used.
 * Words that map to nothing are returned so the answer can say them back.
 */
import type { Catalogue, CatalogueField } from './catalogue.ts';
import type { Condition } from './predicate.ts';
import { functionWords, negations, senses, stem, tokens, unitWords } from './words.ts';

export interface ParsedConditions {
  readonly conditions: Condition[];
  readonly match: 'all' | 'any';
  /** Content words no column, value or text filter accounts for, in question order. */
  readonly unmatched: string[];
  /** Columns whose names are closest to the unmatched words. */
  readonly closest: string[];
}

interface Tok {
  readonly raw: string;
  readonly stem: string;
  readonly start: number;
  used: boolean;
}

const compact = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');

/** How well words name a field: exact names beat parts of names, which beat words of the plain label. */
export function fieldScore(field: CatalogueField, words: readonly string[]): { score: number; used: Set<number> } {
  const name = compact(field.name);
  const label = new Set(tokens(field.label).map(stem));
  let score = 0;
  const used = new Set<number>();
  words.forEach((w, i) => {
    let best = 0;
    for (const s of senses(w)) {
      if (s.length < 3 && s !== name) continue;
      const v = name === s ? 3 : name.includes(s) ? 1 + s.length / 10 : label.has(s) ? 0.7 : 0;
      if (v > best) best = v;
    }
    if (best > 0) {
      score += best;
      used.add(i);
    }
  });
  return { score, used };
}

const generic = new Set(['yes', 'no', 'none', 'other', 'others', 'unknown', 'true', 'false', 'n/a', 'na', 'null', 'missing']);

function levelStems(value: string): string[] {
  return tokens(value)
    .filter((w) => !functionWords.has(w) || w === 'no')
    .map(stem);
}

const opPhrases: readonly [RegExp, 'gt' | 'gte' | 'lt' | 'lte', string?][] = [
  [/^(?:more|greater|higher|larger|bigger) than$|^over$|^above$|^exceeding$|^>$/, 'gt'],
  [/^older than$/, 'gt', 'age'],
  [/^younger than$/, 'lt', 'age'],
  [/^at least$|^minimum of$|^no less than$|^>=$/, 'gte'],
  [/^(?:less|fewer|lower|smaller) than$|^under$|^below$|^<$/, 'lt'],
  [/^at most$|^no more than$|^up to$|^maximum of$|^<=$/, 'lte'],
];

const comparison =
  /(more than|greater than|higher than|larger than|bigger than|older than|younger than|over|above|exceeding|at least|minimum of|no less than|no more than|less than|fewer than|lower than|smaller than|under|below|at most|up to|maximum of|>=|<=|>|<)\s*[£$€]?\s*(\d[\d,]*(?:\.\d+)?)\s*(k|m|thousand|million)?\b/gi;

const textFilter =
  /\b(?:mention(?:s|ed|ing)?|talk(?:s|ed|ing)?\s+about|complain(?:s|ed|ing)?\s+(?:about|of)|(?:say|says|said|saying|write|writes|wrote|writing|ask(?:s|ed|ing)?|tweet(?:s|ed|ing)?|speak(?:s|ing)?|moan(?:s|ed|ing)?)\s+about)\s+(.+?)(?=[?.!,;]|$|\s+(?:and|into|as|to)\s)/i;

export function parseNumber(digits: string, suffix: string | undefined): number {
  const n = Number(digits.replace(/,/g, ''));
  const s = suffix?.toLowerCase();
  return s === 'k' || s === 'thousand' ? n * 1000 : s === 'm' || s === 'million' ? n * 1_000_000 : n;
}

/** The topic word of a text filter: its last content word, plural dropped. */
export function topicKeyword(phrase: string): string | null {
  const words = tokens(phrase).filter((w) => !functionWords.has(w) && !/^\d+$/.test(w));
  const last = words[words.length - 1];
  if (!last) return null;
  return last.length > 4 && last.endsWith('ies') ? `${last.slice(0, -3)}y` : last.length > 3 && last.endsWith('s') && !last.endsWith('ss') ? last.slice(0, -1) : last;
}

export function parseConditions(catalogue: Catalogue, question: string, ignore: readonly string[] = []): ParsedConditions {
  let text = question.replace(/[’]/g, "'");
  for (const phrase of ignore) text = text.split(phrase).join(' ');
  const conditions: Condition[] = [];
  const ranges: [number, number][] = [];
  // 1. A keyword in the customer's texts ("mentioned refunds", "complaining about late parcels").
  const tm = text.match(textFilter);
  if (tm && tm.index !== undefined) {
    const keyword = topicKeyword(tm[1] as string);
    if (keyword) conditions.push({ text: keyword });
    ranges.push([tm.index, tm.index + tm[0].length]);
  }
  const toks: Tok[] = [];
  for (const m of text.matchAll(/[\p{L}\p{N}'][\p{L}\p{N}'&]*/gu)) {
    const raw = m[0].replace(/'s$/, '');
    toks.push({ raw, stem: stem(raw), start: m.index ?? 0, used: ranges.some(([a, b]) => (m.index ?? 0) >= a && (m.index ?? 0) < b) });
  }
  const wordsIn = (from: number, to: number) => toks.filter((t) => t.start >= from && t.start < to);
  // 2. Comparisons with a number: the field is named just before the comparison or just after the number.
  for (const m of text.matchAll(comparison)) {
    const at = m.index ?? 0;
    const end = at + m[0].length;
    if (ranges.some(([a, b]) => at >= a && at < b)) continue;
    const phrase = (m[1] as string).toLowerCase().replace(/\s+/g, ' ');
    const [, op, extra] = opPhrases.find(([re]) => re.test(phrase)) ?? [null, 'gt'];
    const value = parseNumber(m[2] as string, m[3]);
    const before = windowBefore(toks, at);
    const after = windowAfter(toks, end);
    const candidates = [...before, ...after];
    const words = [...candidates.map((t) => t.stem), ...(extra ? [extra] : [])];
    const best = bestField(catalogue.fields.filter((f) => f.kind === 'number'), words);
    for (const t of wordsIn(at, end)) t.used = true;
    if (!best) continue;
    best.used.forEach((i) => {
      const tok = candidates[i];
      if (tok) tok.used = true;
    });
    for (const t of after) if (unitWords.has(t.stem) || /^(month|year|day|week|hour)$/.test(t.stem)) t.used = true;
    conditions.push({ field: best.field.name, op: op as Condition['op'], value });
  }
  // "3 or more orders"
  for (const m of text.matchAll(/(\d[\d,]*)\s*(?:or more|\+)\s+/gi)) {
    const after = windowAfter(toks, (m.index ?? 0) + m[0].length);
    const best = bestField(catalogue.fields.filter((f) => f.kind === 'number'), after.map((t) => t.stem));
    if (!best) continue;
    best.used.forEach((i) => ((after[i] as Tok).used = true));
    for (const t of wordsIn(m.index ?? 0, (m.index ?? 0) + m[0].length)) t.used = true;
    conditions.push({ field: best.field.name, op: 'gte', value: Number((m[1] as string).replace(/,/g, '')) });
  }
  // 3. Values of categorical columns ("doctors", "the UK", "month-to-month"), preferring a column the question also names.
  const free = () => toks.filter((t) => !t.used);
  const levelHits = new Map<string, { field: CatalogueField; values: string[]; negated: boolean }>();
  for (const field of catalogue.fields.filter((f) => f.kind === 'category')) {
    for (const level of field.levels ?? []) {
      const value = String(level.value);
      if (generic.has(value.toLowerCase()) || /^[\d.,\s-]+$/.test(value)) continue;
      const stems = levelStems(value);
      if (!stems.length) continue;
      const open = free();
      const hit = stems.every((s) => open.some((t) => t.stem === s));
      const words = tokens(value).filter((w) => !functionWords.has(w));
      const initials = words.length >= 2 ? words.map((w) => w[0]).join('') : null;
      const acronym = initials ? open.find((t) => t.raw.toLowerCase() === initials && (t.raw === t.raw.toUpperCase() || !functionWords.has(t.raw.toLowerCase()))) : undefined;
      if (!hit && !acronym) continue;
      const matched = hit ? open.filter((t) => stems.includes(t.stem)) : [acronym as Tok];
      const nameBonus = fieldScore(field, open.filter((t) => !matched.includes(t)).map((t) => t.stem)).score;
      const key = `${value.toLowerCase()}`;
      const previous = levelHits.get(key);
      const score = stems.length + nameBonus + level.count / 1e7;
      if (previous && (previous as unknown as { score: number }).score >= score) continue;
      const negated = matched.some((t) => isNegated(toks, t));
      levelHits.set(key, Object.assign({ field, values: [value], negated }, { score, tokens: matched }));
    }
  }
  const byField = new Map<string, { field: CatalogueField; values: string[]; negated: boolean }>();
  for (const hit of levelHits.values()) {
    for (const t of (hit as unknown as { tokens: Tok[] }).tokens) t.used = true;
    const existing = byField.get(hit.field.name);
    if (existing) existing.values.push(...hit.values);
    else byField.set(hit.field.name, { ...hit, values: [...hit.values] });
    // The column's own name words are part of the phrase ("a month-to-month contract").
    const named = fieldScore(hit.field, free().map((t) => t.stem));
    const open = free();
    named.used.forEach((i) => ((open[i] as Tok).used = true));
  }
  for (const { field, values, negated } of byField.values()) {
    conditions.push(values.length > 1 ? { field: field.name, op: negated ? 'ne' : 'in', value: values } : { field: field.name, op: negated ? 'ne' : 'eq', value: values[0] as string });
  }
  // 4. Flags and counts named by the column alone ("churned", "senior citizens", "kids at home").
  for (;;) {
    const open = free().filter((t) => !functionWords.has(t.stem) && !functionWords.has(t.raw.toLowerCase()) && !negations.has(t.raw.toLowerCase()) && !/^\d/.test(t.raw));
    if (!open.length) break;
    // Words such as "total" or "number" name no column alone, but pick between columns the rest names ("total charges").
    const hints = free().filter((t) => functionWords.has(t.raw.toLowerCase()) && t.raw.length >= 4).map((t) => t.stem);
    const best = bestField(catalogue.fields.filter((f) => f.kind === 'flag' || f.kind === 'number' || f.kind === 'category'), open.map((t) => t.stem), 1, hints);
    if (!best) break;
    const used = [...best.used].map((i) => open[i] as Tok);
    for (const t of used) t.used = true;
    const negated = used.some((t) => isNegated(toks, t));
    const f = best.field;
    if (f.kind === 'flag') conditions.push({ field: f.name, op: 'eq', value: (negated ? f.no : f.yes) as string | number | boolean });
    else if (f.kind === 'number' && (f.range?.min ?? 0) >= 0) conditions.push(negated ? { field: f.name, op: 'eq', value: 0 } : { field: f.name, op: 'gt', value: 0 });
  }
  const unmatched = free()
    .filter((t) => !functionWords.has(t.raw.toLowerCase()) && !functionWords.has(t.stem) && !negations.has(t.raw.toLowerCase()) && !/^\d/.test(t.raw) && !unitWords.has(t.stem) && !nearFunctionWord(t.raw))
    .map((t) => t.raw);
  const or = /\s(or|either)\s/i.test(text.replace(tm?.[0] ?? '\u0000', ' '));
  return { conditions, match: or && conditions.length > 1 ? 'any' : 'all', unmatched, closest: unmatched.length ? closestFields(catalogue, unmatched) : [] };
}

function isNegated(toks: readonly Tok[], t: Tok): boolean {
  const i = toks.indexOf(t);
  return toks.slice(Math.max(0, i - 3), i).some((x) => negations.has(x.raw.toLowerCase()));
}

const stopWindow = new Set(['and', 'or', 'but', 'who', 'which', 'that', 'into', 'with']);

function windowBefore(toks: readonly Tok[], at: number): Tok[] {
  const out: Tok[] = [];
  for (let i = toks.length - 1; i >= 0; i--) {
    const t = toks[i] as Tok;
    if (t.start >= at) continue;
    if (stopWindow.has(t.raw.toLowerCase()) || out.length >= 4) break;
    out.unshift(t);
  }
  return out.filter((t) => !t.used);
}

function windowAfter(toks: readonly Tok[], end: number): Tok[] {
  const out: Tok[] = [];
  for (const t of toks) {
    if (t.start < end) continue;
    if (stopWindow.has(t.raw.toLowerCase()) || out.length >= 3) break;
    out.push(t);
  }
  return out.filter((t) => !t.used);
}

function bestField(fields: readonly CatalogueField[], words: readonly string[], minimum = 0.69, hints: readonly string[] = []): { field: CatalogueField; used: Set<number> } | null {
  let best: { field: CatalogueField; used: Set<number>; score: number } | null = null;
  for (const field of fields) {
    const { score, used } = fieldScore(field, words);
    if (score <= minimum) continue;
    // Hints only break ties between columns the content words already name.
    const hinted = score + 0.01 * fieldScore(field, hints).score;
    if (!best || hinted > best.score) best = { field, used, score: hinted };
  }
  return best;
}

function nearFunctionWord(word: string): boolean {
  const w = word.toLowerCase();
  if (w.length < 6) return false;
  for (const f of ['customers', 'customer', 'members', 'segments', 'segment', 'people', 'persona', 'personas']) if (editDistance(w, f) <= 2) return true;
  return false;
}

export function editDistance(a: string, b: string): number {
  const dp = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (dp[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = dp[i] as number[];
      const prev = dp[i - 1] as number[];
      row[j] = Math.min((prev[j] as number) + 1, (row[j - 1] as number) + 1, (prev[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
  }
  return (dp[a.length] as number[])[b.length] as number;
}

/** Columns whose names share the most letter pairs with the unmatched words. */
function closestFields(catalogue: Catalogue, words: readonly string[]): string[] {
  const pairs = (s: string) => new Set(Array.from({ length: Math.max(0, s.length - 1) }, (_, i) => s.slice(i, i + 2)));
  const target = pairs(words.join('').toLowerCase());
  return catalogue.fields
    .map((f) => {
      const p = pairs(compact(f.name));
      let shared = 0;
      for (const x of p) if (target.has(x)) shared++;
      return { name: f.name, score: (2 * shared) / (p.size + target.size || 1) };
    })
    .sort((a, b) => b.score - a.score || a.name.localeCompare(b.name))
    .slice(0, 4)
    .map((x) => x.name);
}
