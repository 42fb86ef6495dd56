/**
 * What a persona wants, fears and responds to, by customer-experience theme: the run's taxonomy (the
 * general one unless configured) recognised from the segment's label (the describe stage names a theme
 * first) or its c-TF-IDF terms. Items keep a `{terms}` slot for the segment's own matching words, so two
 * segments with the same theme still read differently.
 */
import type { TermScore } from '../describe/ctfidf.ts';
import { generalTaxonomy, themeMatch, type CxTheme } from '../describe/cx-taxonomy.ts';

export interface ThemeRule extends CxTheme {
  /** Matches a describe-stage label that names this theme. */
  readonly labelPattern: RegExp;
}

export function themeRulesOf(themes: readonly CxTheme[]): ThemeRule[] {
  return themes.map((t) => ({ ...t, labelPattern: new RegExp(`^${t.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(:|$)`, 'i') }));
}

export const themeRules: readonly ThemeRule[] = themeRulesOf(generalTaxonomy);

/** “fraud”, “fake” and “card”. */
export function listTerms(terms: readonly string[]): string {
  const q = terms.slice(0, 3).map((t) => `“${t}”`);
  return q.length <= 1 ? (q[0] ?? '') : `${q.slice(0, -1).join(', ')} and ${q.at(-1)}`;
}

export interface RankedTheme {
  readonly rule: ThemeRule;
  readonly hits: readonly string[];
  readonly score: number;
}

/**
 * Themes of a segment, strongest first: the theme its label names comes first, then themes its terms
 * express (at least two matching terms, or one among the top three).
 */
export function segmentThemes(label: string, terms: readonly TermScore[], rules: readonly ThemeRule[] = themeRules): RankedTheme[] {
  const ranked = rules
    .map((rule) => ({ rule, ...themeMatch(terms, rule), named: rule.labelPattern.test(label) }))
    .filter((t) => t.named || t.hits.length >= 2 || (t.hits.length === 1 && t.score >= 1 / 3))
    .sort((a, b) => Number(b.named) - Number(a.named) || b.score - a.score || a.rule.id.localeCompare(b.rule.id));
  return ranked.map(({ rule, hits, score }) => ({ rule, hits, score }));
}

/** A theme item in the segment's words; `{terms}` falls back to the theme's own word list. */
export function themeItem(template: string, theme: RankedTheme): string {
  const words = theme.hits.length ? theme.hits : theme.rule.words.slice(0, 2);
  return template.replace('{terms}', listTerms(words));
}
