/**
 * Evidence relevance: a card's quote is relevant when it is closer (TF-IDF cosine) to the centre of its
 * own segment's texts than to the centre of any other segment's texts. The texts that contain the quote
 * are left out of its own centre, so a quote is not relevant merely because it is one of them.
 */
import { centroid, cosine, inverseDocumentFrequency, tfidf, tokens, type SparseVector } from '../lib/text.ts';
import { quoteCore } from './grounding.ts';
import type { RunSnapshot } from './snapshot.ts';
import { normaliseForMatch } from '../lib/text.ts';

export interface QuoteRelevance {
  readonly segment: number;
  readonly quote: string;
  readonly own: number;
  /** The most similar other segment and its similarity. */
  readonly nearestOther: { readonly segment: number; readonly similarity: number } | null;
  readonly relevant: boolean;
}

export function quoteRelevance(run: RunSnapshot): QuoteRelevance[] {
  const withTexts = run.segments.filter((s) => s.texts.length);
  if (withTexts.length < 2) return [];
  const idf = inverseDocumentFrequency(withTexts.flatMap((s) => s.texts.map((t) => new Set(tokens(t)))));
  const unseen = Math.log(1 + idf.size) + 1;
  const vectors = new Map(withTexts.map((s) => [s.index, s.texts.map((t) => tfidf(t, idf, unseen))]));
  const centres = new Map(withTexts.map((s) => [s.index, centroid(vectors.get(s.index) as SparseVector[])]));
  const out: QuoteRelevance[] = [];
  for (const segment of withTexts) {
    for (const quote of segment.card?.quotes ?? []) {
      const core = quoteCore(quote);
      const q = tfidf(core, idf, unseen);
      const ownVectors = (vectors.get(segment.index) as SparseVector[]).filter((_, i) => !normaliseForMatch(segment.texts[i] as string).includes(core));
      const own = cosine(q, centroid(ownVectors));
      let nearestOther: QuoteRelevance['nearestOther'] = null;
      for (const other of withTexts) {
        if (other.index === segment.index) continue;
        const similarity = cosine(q, centres.get(other.index) as SparseVector);
        if (!nearestOther || similarity > nearestOther.similarity) nearestOther = { segment: other.index, similarity };
      }
      out.push({ segment: segment.index, quote, own, nearestOther, relevant: own > (nearestOther?.similarity ?? -1) });
    }
  }
  return out;
}

export function relevantShare(checks: readonly QuoteRelevance[]): number | null {
  return checks.length ? checks.filter((c) => c.relevant).length / checks.length : null;
}
