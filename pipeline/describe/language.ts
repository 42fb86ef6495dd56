/**
 * Which language a text is written in, for en, pt, es, fr and de, from stopword coverage: every word
 * found in a language's stopword list (the maintained `stopwords-iso` lists) votes for that language,
 * weighted by how few of the languages share it, so "que" counts little and "não" a lot. Texts with too
 * little evidence are 'unknown'. Deterministic and offline.
 */
import { createRequire } from 'node:module';

export type Language = 'en' | 'pt' | 'es' | 'fr' | 'de';
export const supportedLanguages: readonly Language[] = ['en', 'pt', 'es', 'fr', 'de'];

const require = createRequire(import.meta.url);
const iso = require('stopwords-iso') as Record<string, string[]>;

/** The maintained stopword list of a language (lower-case). */
export function isoStopwords(language: Language): ReadonlySet<string> {
  return lists[language];
}

const lists: Record<Language, ReadonlySet<string>> = Object.fromEntries(supportedLanguages.map((l) => [l, new Set(iso[l] ?? [])])) as unknown as Record<Language, ReadonlySet<string>>;

const weight = new Map<string, number>();
for (const l of supportedLanguages) for (const w of lists[l]) weight.set(w, 0);
for (const w of weight.keys()) weight.set(w, 1 / supportedLanguages.filter((l) => lists[l].has(w)).length);

export function words(text: string): string[] {
  return text.toLowerCase().normalize('NFC').match(/\p{L}+(?:['’]\p{L}+)*/gu) ?? [];
}

export interface LanguageGuess {
  readonly language: Language | 'unknown';
  /** Share of the winning language in the weighted votes, 0..1. */
  readonly confidence: number;
}

export function detectLanguage(text: string, minVotes = 1): LanguageGuess {
  const votes: Record<Language, number> = { en: 0, pt: 0, es: 0, fr: 0, de: 0 };
  for (const w of words(text)) {
    const wt = weight.get(w);
    if (wt === undefined) continue;
    for (const l of supportedLanguages) if (lists[l].has(w)) votes[l] += wt;
  }
  const ranked = supportedLanguages.map((l) => [l, votes[l]] as const).sort((a, b) => b[1] - a[1]);
  const total = ranked.reduce((s, [, v]) => s + v, 0);
  const [best, top] = ranked[0] as readonly [Language, number];
  const second = (ranked[1] as readonly [Language, number])[1];
  if (top < minVotes || top === second) return { language: 'unknown', confidence: 0 };
  return { language: best, confidence: total ? top / total : 0 };
}

/** Share of texts per detected language, most frequent first. */
export function languageMix(texts: readonly string[]): { language: Language | 'unknown'; share: number }[] {
  const counts = new Map<Language | 'unknown', number>();
  for (const t of texts) {
    const l = detectLanguage(t).language;
    counts.set(l, (counts.get(l) ?? 0) + 1);
  }
  const n = texts.length || 1;
  return [...counts].map(([language, c]) => ({ language, share: c / n })).sort((a, b) => b.share - a.share || (a.language < b.language ? -1 : 1));
}
