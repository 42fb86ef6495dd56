/**
 * A short working label per segment, from its most distinctive terms when it has texts, else from its
 * most distinctive features. Labels within a run are unique.
 */
import type { TermScore } from './ctfidf.ts';
import { featureLabel } from './themes.ts';
import type { FeatureContrast } from './top-features.ts';

export function segmentLabel(terms: readonly TermScore[], features: readonly FeatureContrast[], theme: string | null = null): string {
  if (theme) return theme;
  const words = terms.slice(0, 3).map((t) => t.term);
  if (words.length < 2) {
    const phrase = featureLabel(features);
    if (phrase) return words.length === 1 ? `${phrase} ("${words[0]}")` : phrase;
  }
  if (words.length >= 2) return capitalise(`${words.slice(0, 2).join(' & ')} talkers`);
  const parts = features.slice(0, 2).map((f) => `${f.direction === 'higher' ? 'high' : 'low'} ${readable(f.feature)}`);
  if (words.length === 1) parts.unshift(`"${words[0]}"`);
  return parts.length ? capitalise(parts.join(', ')) : 'Mixed customers';
}

export function uniqueLabels(labels: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return labels.map((l) => {
    const n = (seen.get(l) ?? 0) + 1;
    seen.set(l, n);
    return n === 1 ? l : `${l} (${n})`;
  });
}

function readable(feature: string): string {
  return feature.replace(/_/g, ' ');
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
