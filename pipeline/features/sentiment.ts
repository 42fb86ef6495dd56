/**
 * Deterministic lexicon sentiment: each opinion word counts +1 or −1, flipped when "not", "never", "no"
 * (or an n't contraction) stands within the 3 words before it in the same clause. A text scores
 * (positive − negative) / (positive + negative), in [−1, 1]; 0 when it holds no opinion words.
 */
import { negativeWords, negators, positiveWords } from './sentiment-lexicon.ts';

/** How many words after a negator it still applies to. */
export const negationWindow = 3;

export function sentimentScore(text: string): number {
  let pos = 0;
  let neg = 0;
  // Punctuation ends a clause, and with it the reach of a negation ("not bad, great" is two opinions).
  for (const clause of text.toLowerCase().replace(/[’`]/g, "'").split(/[.,;:!?\n()]+/)) {
    const words = (clause.match(/[a-z]+(?:'[a-z]+)*/g) ?? []).map((w) => w.replace(/'/g, ''));
    let lastNegator = Number.NEGATIVE_INFINITY;
    words.forEach((w, i) => {
      if (negators.has(w)) {
        lastNegator = i;
        return;
      }
      const polarity = positiveWords.has(w) ? 1 : negativeWords.has(w) ? -1 : 0;
      if (polarity === 0) return;
      const flipped = i - lastNegator <= negationWindow ? -polarity : polarity;
      if (flipped > 0) pos++;
      else neg++;
    });
  }
  return pos + neg === 0 ? 0 : (pos - neg) / (pos + neg);
}
