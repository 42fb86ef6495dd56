/** Drops retweets and forwarded messages: the words are someone else's. */
import type { QualityText, QualityVerdict, TextFilterStep } from '../../types.ts';

/** Patterns are regex sources, compiled case-insensitively. */
export function retweetStep(patterns: readonly string[]): TextFilterStep {
  const compiled = patterns.map((p) => new RegExp(p, 'iu'));
  return {
    name: 'retweet',
    options: { patterns },
    apply(texts: readonly QualityText[]): QualityVerdict[] {
      return texts.filter((t) => compiled.some((re) => re.test(t.text))).map((t) => ({ id: t.id, kept: false, reason: 'retweet' }));
    },
  };
}
