/**
 * Term quality as topic-model evaluations report it. NPMI coherence of a segment's top terms: for every
 * pair of terms, log(p(a,b) / (p(a) p(b))) / −log p(a,b) over documents (−1 when they never co-occur,
 * 1 when they always do), averaged over the pairs. Topic diversity: the share of unique terms among all
 * segments' top terms (1 = no segment repeats another's terms).
 */
import { tokens } from '../lib/text.ts';

export const termDefaults = { topTerms: 10 } as const;

/** A term (word or n-gram) occurs in a document when all of its word tokens do. */
function termTokens(term: string): string[] {
  return tokens(term);
}

export function npmiCoherence(terms: readonly string[], documents: readonly ReadonlySet<string>[]): number | null {
  const usable = terms.map(termTokens).filter((t) => t.length > 0);
  if (usable.length < 2 || !documents.length) return null;
  const n = documents.length;
  const occurs = usable.map((t) => documents.map((d) => t.every((x) => d.has(x))));
  const p = occurs.map((o) => o.filter(Boolean).length / n);
  let total = 0;
  let count = 0;
  for (let i = 0; i < usable.length; i++) {
    for (let j = i + 1; j < usable.length; j++) {
      let both = 0;
      for (let d = 0; d < n; d++) if ((occurs[i] as boolean[])[d] && (occurs[j] as boolean[])[d]) both++;
      const pij = both / n;
      const pi = p[i] as number;
      const pj = p[j] as number;
      let npmi: number;
      if (pij === 0) npmi = -1;
      else if (pij === 1) npmi = 1;
      else npmi = Math.log(pij / (pi * pj)) / -Math.log(pij);
      total += npmi;
      count++;
    }
  }
  return total / count;
}

export function topicDiversity(termLists: readonly (readonly string[])[]): number | null {
  const all = termLists.flat().map((t) => t.toLowerCase().trim());
  if (!all.length) return null;
  return new Set(all).size / all.length;
}
