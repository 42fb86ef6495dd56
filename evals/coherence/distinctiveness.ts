/**
 * Distinctiveness of a run's cards: the largest pairwise TF-IDF cosine similarity between two cards
 * (1 = the same words, 0 = nothing shared; lower is better), and the largest overlap (Jaccard) of two
 * cards' goals and frustrations, compared as normalised sets of stems so rewording does not hide a copy.
 */
import { cosine, inverseDocumentFrequency, jaccard, tfidf, tokens } from '../lib/text.ts';
import { stem } from './claims.ts';
import { cardText } from './identifiability.ts';
import type { CardUnderTest } from './snapshot.ts';

export interface PairSimilarity {
  readonly a: number;
  readonly b: number;
  readonly text: number;
  readonly goalsAndFrustrations: number;
}

/** One item as a sorted bag of stems: "Save money." and "save  money" are the same item. */
export function itemKey(item: string): string {
  return [...new Set(tokens(item).map(stem))].sort().join(' ');
}

export function pairwiseSimilarity(cards: readonly { readonly segment: number; readonly card: CardUnderTest }[]): PairSimilarity[] {
  const texts = cards.map((c) => cardText(c.card));
  const idf = inverseDocumentFrequency(texts.map((t) => new Set(tokens(t))));
  const unseen = Math.log(1 + texts.length) + 1;
  const vectors = texts.map((t) => tfidf(t, idf, unseen));
  const items = cards.map((c) => new Set([...c.card.goals, ...c.card.frustrations].map(itemKey).filter(Boolean)));
  const out: PairSimilarity[] = [];
  for (let i = 0; i < cards.length; i++) {
    for (let j = i + 1; j < cards.length; j++) {
      out.push({
        a: (cards[i] as { segment: number }).segment,
        b: (cards[j] as { segment: number }).segment,
        text: cosine(vectors[i] as Map<string, number>, vectors[j] as Map<string, number>),
        goalsAndFrustrations: jaccard(items[i] as Set<string>, items[j] as Set<string>),
      });
    }
  }
  return out;
}

export function maxOf(pairs: readonly PairSimilarity[], field: 'text' | 'goalsAndFrustrations'): number | null {
  return pairs.length ? Math.max(...pairs.map((p) => p[field])) : null;
}
