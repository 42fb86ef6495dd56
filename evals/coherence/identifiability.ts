/**
 * Identifiability: given only a card, which of the run's segments does it describe? Each segment is
 * scored by meaning (TF-IDF cosine between the card's words and the segment's texts, description, top
 * terms and distinguishing features) plus by numbers (the share of the card's key numbers that agree
 * with that segment's recomputed statistics). The card is identified when its own segment scores
 * strictly highest. Top-1 accuracy over the run's cards is the score.
 */
import { agreesAtPrecision } from './grounding.ts';
import { cosine, inverseDocumentFrequency, tfidf, tokens } from '../lib/text.ts';
import type { CardUnderTest, RunSnapshot, SegmentSnapshot } from './snapshot.ts';

export const identifiabilityDefaults = { textsPerSegment: 300, distinguishingZ: 0.25 } as const;

export function cardText(card: CardUnderTest): string {
  return [card.name, card.archetype, card.bio, ...card.goals, ...card.frustrations, ...card.motivations, ...card.quotes].join('\n');
}

/** What a reader could know about a segment without its card. */
export function segmentDocument(segment: SegmentSnapshot): string {
  const features = segment.features
    .filter((f) => Math.abs(f.z) >= identifiabilityDefaults.distinguishingZ)
    .map((f) => `${f.feature.replace(/_/g, ' ')} ${f.description}`);
  return [segment.description, ...segment.topTerms, ...features, ...evenSample(segment.texts, identifiabilityDefaults.textsPerSegment)].join('\n');
}

/** Share of the card's key numbers that this segment's statistics agree with (0 when it has none). */
export function numberAgreement(card: CardUnderTest, segment: SegmentSnapshot): number {
  if (!card.keyStats.length) return 0;
  let agree = 0;
  for (const s of card.keyStats) {
    const actual = segment.stats.get(s.key);
    if (actual !== undefined && agreesAtPrecision(s.value, actual)) agree++;
  }
  return agree / card.keyStats.length;
}

export interface Identification {
  readonly segment: number;
  readonly identifiedAs: number | null;
  readonly scores: readonly { readonly segment: number; readonly meaning: number; readonly numbers: number }[];
}

export function identifyCards(run: RunSnapshot): Identification[] {
  const documents = run.segments.map(segmentDocument);
  const idf = inverseDocumentFrequency(documents.map((d) => new Set(tokens(d))));
  const unseen = Math.log(1 + documents.length) + 1;
  const vectors = documents.map((d) => tfidf(d, idf, unseen));
  const out: Identification[] = [];
  for (const segment of run.segments) {
    if (!segment.card) continue;
    const card = segment.card;
    const cardVector = tfidf(cardText(card), idf, unseen);
    const scores = run.segments.map((other, i) => ({
      segment: other.index,
      meaning: cosine(cardVector, vectors[i] as Map<string, number>),
      numbers: numberAgreement(card, other),
    }));
    const total = scores.map((s) => s.meaning + s.numbers);
    const best = Math.max(...total);
    const winners = scores.filter((_, i) => total[i] === best);
    out.push({ segment: segment.index, identifiedAs: winners.length === 1 && best > 0 ? (winners[0] as { segment: number }).segment : null, scores });
  }
  return out;
}

export function topOneAccuracy(identifications: readonly Identification[]): number | null {
  if (!identifications.length) return null;
  return identifications.filter((x) => x.identifiedAs === x.segment).length / identifications.length;
}

function evenSample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)] as T);
}
