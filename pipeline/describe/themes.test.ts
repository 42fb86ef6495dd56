import { describe, expect, it } from 'vitest';
import { featureLabel, themeLabels, themeScore, themes } from './themes.ts';
import type { FeatureContrast } from './top-features.ts';

const t = (...words: string[]) => words.map((term, i) => ({ term, score: 1 / (i + 1), texts: 5 }));
const f = (feature: string, direction: 'higher' | 'lower', z: number): FeatureContrast => ({ feature, description: feature, block: 'b', segmentMean: 1, populationMean: 1, lift: 1, z, direction });

describe('segment labels from themes and features', () => {
  it('scores theme hits by rank', () => {
    const trust = themes.find((x) => x.label === 'Trust skeptics')!;
    // "card" misses; "trust" at rank 2 (1/2) and "personal data" at rank 4 (1/4).
    expect(themeScore(t('card', 'trust', 'payment', 'personal data'), trust)).toEqual({ score: 0.75, hits: 2 });
  });

  it('gives each theme to its strongest segment only, and no theme to an unclear one', () => {
    const labels = themeLabels([t('refund', 'fraud', 'scam', 'trust'), t('card', 'trust', 'data'), t('gift', 'present', 'christmas'), t('weather', 'garden')]);
    expect(labels).toEqual(['Trust skeptics', null, 'Gift shoppers', null]);
  });

  it('composes a feature phrase: adjective from demographics, noun from behaviour', () => {
    expect(featureLabel([f('mnt_wines', 'higher', 2), f('income', 'higher', 1.5)])).toBe('High-income wine lovers');
    expect(featureLabel([f('recency_days', 'higher', 1.2)])).toBe('Lapsed customers');
    expect(featureLabel([f('income', 'lower', -1)])).toBe('Budget customers');
    expect(featureLabel([f('is_member', 'higher', 3)])).toBeNull();
  });
});
