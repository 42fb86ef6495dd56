/**
 * Class-based TF-IDF (as in BERTopic): all texts of a segment form one document; a term scores high when
 * it is frequent in the segment and rare across segments. W(t,c) = tf(t,c) · log(1 + A / f(t)), where
 * tf is the term's frequency in the class normalised by class length, A the average class length in
 * terms and f(t) the term's frequency over all classes.
 */
import { terms } from './tokenize.ts';

export interface TermScore {
  readonly term: string;
  readonly score: number;
  /** Texts in the segment containing the term. */
  readonly texts: number;
}

export interface CtfidfOptions {
  readonly top?: number;
  readonly ngrams?: 1 | 2 | 3;
  /** A term must occur in at least this many texts of the segment. */
  readonly minTexts?: number;
}

export const ctfidfDefaults = { top: 10, ngrams: 2, minTexts: 2 } as const;

export function classTfidf(
  textsByClass: readonly (readonly string[])[],
  options: CtfidfOptions = {},
): TermScore[][] {
  const o = { ...ctfidfDefaults, ...options };
  const classCounts: Map<string, number>[] = [];
  const classDocFreq: Map<string, number>[] = [];
  const totals = new Map<string, number>();
  const lengths: number[] = [];
  for (const texts of textsByClass) {
    const counts = new Map<string, number>();
    const docFreq = new Map<string, number>();
    let length = 0;
    for (const text of texts) {
      const ts = terms(text, o.ngrams);
      length += ts.length;
      for (const t of ts) counts.set(t, (counts.get(t) ?? 0) + 1);
      for (const t of new Set(ts)) docFreq.set(t, (docFreq.get(t) ?? 0) + 1);
    }
    for (const [t, n] of counts) totals.set(t, (totals.get(t) ?? 0) + n);
    classCounts.push(counts);
    classDocFreq.push(docFreq);
    lengths.push(length);
  }
  const nonEmpty = lengths.filter((l) => l > 0);
  const avgLength = nonEmpty.length ? nonEmpty.reduce((a, b) => a + b, 0) / nonEmpty.length : 0;
  return classCounts.map((counts, c) => {
    const length = lengths[c] as number;
    const docFreq = classDocFreq[c] as Map<string, number>;
    const scored: TermScore[] = [];
    if (!length) return scored;
    for (const [term, n] of counts) {
      const texts = docFreq.get(term) ?? 0;
      if (texts < o.minTexts) continue;
      const score = (n / length) * Math.log(1 + avgLength / (totals.get(term) as number));
      scored.push({ term, score, texts });
    }
    scored.sort((a, b) => b.score - a.score || (a.term < b.term ? -1 : 1));
    return dropContainedUnigrams(scored).slice(0, o.top);
  });
}

/** When "credit card" ranks, a lower "card" adds nothing: keep the more specific term. */
function dropContainedUnigrams(scored: TermScore[]): TermScore[] {
  const phrases = scored.filter((s) => s.term.includes(' '));
  return scored.filter((s) => s.term.includes(' ') || !phrases.some((p) => p.score >= s.score && p.term.split(' ').includes(s.term)));
}
