/**
 * Human labels for segments. Texts: the segment's top terms are matched against customer-experience
 * themes ("Trust skeptics", "Delivery watchers"); each theme labels at most one segment in a run, the
 * strongest match. Without texts (or without a clear theme), distinguishing features become a phrase such
 * as "High-income wine lovers".
 */
import type { TermScore } from './ctfidf.ts';
import type { FeatureContrast } from './top-features.ts';

interface Theme {
  readonly label: string;
  readonly words: readonly string[];
}

export const themes: readonly Theme[] = [
  { label: 'Trust skeptics', words: ['trust', 'fraud', 'scam', 'fake', 'genuine', 'legit', 'privacy', 'personal data', 'secure', 'security', 'hacked', 'phishing', 'suspicious', 'counterfeit', 'data'] },
  { label: 'Refund chasers', words: ['refund', 'refunded', 'money back', 'chargeback', 'reimburse'] },
  { label: 'Delivery watchers', words: ['delivery', 'tracking', 'parcel', 'courier', 'driver', 'shipping', 'shipped', 'package', 'arrived', 'dispatch'] },
  { label: 'Deal hunters', words: ['price', 'prices', 'sale', 'discount', 'code', 'deal', 'deals', 'offer', 'cheaper', 'voucher', 'coupon', 'promo'] },
  { label: 'Gift shoppers', words: ['gift', 'gifts', 'present', 'presents', 'christmas', 'birthday', 'wrapping'] },
  { label: 'Late-night app browsers', words: ['app', 'wishlist', 'browsing', 'notification', 'notifications', 'saved'] },
  { label: 'Quality seekers', words: ['quality', 'premium', 'luxury', 'craftsmanship', 'perfectly', 'lovely'] },
  { label: 'Outage reporters', words: ['outage', 'down', 'working', 'error', 'crash', 'crashing', 'wifi', 'internet', 'signal', 'connection', 'slow'] },
  { label: 'Account & login strugglers', words: ['account', 'password', 'login', 'locked', 'sign', 'verification', 'email'] },
  { label: 'Billing disputers', words: ['bill', 'billing', 'charged', 'overcharged', 'fee', 'fees', 'payment', 'invoice'] },
  { label: 'Disrupted travellers', words: ['flight', 'flights', 'delayed', 'gate', 'seat', 'baggage', 'bag', 'airport', 'boarding', 'cancelled'] },
  { label: 'Happy advocates', words: ['love', 'great', 'awesome', 'amazing', 'best', 'thank', 'appreciate'] },
];

const topN = 12;

/** How strongly a segment's terms express a theme: rank-weighted hits, and how many distinct hits. */
export function themeScore(terms: readonly TermScore[], theme: Theme): { score: number; hits: number } {
  let score = 0;
  let hits = 0;
  terms.slice(0, topN).forEach((t, rank) => {
    const words = t.term.split(' ');
    if (theme.words.some((w) => (w.includes(' ') ? t.term.includes(w) : words.includes(w)))) {
      score += 1 / (rank + 1);
      hits++;
    }
  });
  return { score, hits };
}

/** One theme label per segment where a theme is clear (≥ 2 hits, score ≥ 0.5), each theme used once. */
export function themeLabels(termsBySegment: readonly (readonly TermScore[])[]): (string | null)[] {
  const candidates: { segment: number; theme: Theme; score: number }[] = [];
  termsBySegment.forEach((terms, segment) => {
    for (const theme of themes) {
      const { score, hits } = themeScore(terms, theme);
      if (hits >= 2 && score >= 0.5) candidates.push({ segment, theme, score });
    }
  });
  candidates.sort((a, b) => b.score - a.score || a.segment - b.segment);
  const out: (string | null)[] = termsBySegment.map(() => null);
  const used = new Set<string>();
  for (const c of candidates) {
    if (out[c.segment] !== null || used.has(c.theme.label)) continue;
    out[c.segment] = c.theme.label;
    used.add(c.theme.label);
  }
  return out;
}

const nouns: readonly [RegExp, string, string][] = [
  // [feature pattern, noun when higher, noun when lower]
  [/wine/, 'wine lovers', 'wine avoiders'],
  [/meat/, 'meat buyers', 'light meat buyers'],
  [/fish/, 'fish buyers', 'light fish buyers'],
  [/sweet/, 'sweet tooths', 'sweet avoiders'],
  [/gold|luxury/, 'luxury buyers', 'non-luxury buyers'],
  [/fruit/, 'fresh-food buyers', 'light fresh-food buyers'],
  [/deal/, 'deal seekers', 'full-price buyers'],
  [/catalog/, 'catalogue shoppers', 'catalogue skippers'],
  [/web_visits|web/, 'web shoppers', 'offline shoppers'],
  [/store/, 'store shoppers', 'remote shoppers'],
  [/app/, 'app shoppers', 'non-app shoppers'],
  [/campaign|accept/, 'campaign responders', 'campaign ignorers'],
  [/cancel|return/, 'returners', 'keepers'],
  [/recency|days_since/, 'lapsed customers', 'recent buyers'],
  [/frequency|orders|purchases/, 'frequent buyers', 'occasional buyers'],
  [/monetary|spend|amount/, 'big spenders', 'light spenders'],
  [/basket|items_per/, 'bulk buyers', 'single-item buyers'],
  [/complain/, 'complainers', 'content customers'],
];

const adjectives: readonly [RegExp, string, string][] = [
  [/income/, 'High-income', 'Budget'],
  [/^age|birth/, 'Older', 'Younger'],
  [/kid|child|teen/, 'Family', 'Child-free'],
  [/tenure|customer_days|since_signup/, 'Long-standing', 'New'],
];

/** "High-income wine lovers" from the strongest distinguishing features (sorted by |z|). */
export function featureLabel(features: readonly FeatureContrast[]): string | null {
  let noun: string | null = null;
  let adjective: string | null = null;
  for (const f of features.slice(0, 6)) {
    const name = f.feature.toLowerCase();
    const higher = f.direction === 'higher';
    if (!adjective) for (const [re, hi, lo] of adjectives) if (re.test(name)) { adjective = higher ? hi : lo; break; }
    if (!noun) for (const [re, hi, lo] of nouns) if (re.test(name)) { noun = higher ? hi : lo; break; }
    if (noun && adjective) break;
  }
  if (!noun && !adjective) return null;
  if (!noun) return `${adjective} customers`;
  return adjective ? `${adjective} ${noun}` : noun.charAt(0).toUpperCase() + noun.slice(1);
}
