/**
 * What a distinguishing feature says about a persona, by feature family and direction. Every item that
 * states a behaviour quotes the segment's own numbers, so two segments with the same family still get
 * different, checkable wording; items without numbers are interpretations and say nothing measured.
 */
import { formatNumber } from '../describe/reasons.ts';
import { ratioPhrase } from '../describe/materiality.ts';
import type { FeatureContrast } from '../describe/top-features.ts';
import { isShareLike, plainFeature } from './statistics.ts';

export type Slot = 'goal' | 'frustration' | 'motivation';

/** The segment's numbers for one feature, formatted the way the card shows them. */
export interface FeatureFacts {
  readonly contrast: FeatureContrast;
  /** The feature in plain words, source columns left out. */
  readonly what: string;
  readonly seg: string;
  readonly pop: string;
  /** "3.3× the average", "2.4× lower than average", "above average". */
  readonly times: string;
  /** "25.2% vs 7.5% overall". */
  readonly vs: string;
}

export function featureFacts(c: FeatureContrast): FeatureFacts {
  const pct = isShareLike(c);
  const show = (v: number) => (pct ? `${(v * 100).toFixed(1)}%` : formatNumber(v));
  const times = ratioPhrase(c) ?? (c.segmentMean >= c.populationMean ? 'above average' : 'below average');
  const seg = show(c.segmentMean);
  const pop = show(c.populationMean);
  return { contrast: c, what: plainFeature(c.description), seg, pop, times, vs: `${seg} vs ${pop} overall` };
}

type Items = Partial<Record<Slot, (n: FeatureFacts) => string>>;

interface Side extends Items {
  /** Archetype noun when this feature leads the segment, e.g. "big spender". */
  readonly archetype?: string;
  /** Adjective for the persona's name, e.g. "Lavish". */
  readonly epithet?: string;
}

export interface FeatureRule {
  readonly family: string;
  readonly test: RegExp;
  readonly higher: Side;
  readonly lower: Side;
}

/** First match wins: order from the most to the least specific pattern. */
export const featureRules: readonly FeatureRule[] = [
  {
    family: 'returns', test: /cancel|return/,
    higher: { archetype: 'cautious returner', epithet: 'Hesitant', frustration: (n) => `Orders that disappoint: ${n.seg} of their order lines end cancelled or returned (${n.pop} overall)`, goal: () => 'Be certain an item is right before paying for it', motivation: () => 'Free, no-questions returns that take the risk out of ordering' },
    lower: { archetype: 'decisive buyer', epithet: 'Decisive', motivation: (n) => `Getting it right first time: only ${n.seg} of their order lines are cancelled or returned (${n.pop} overall)` },
  },
  {
    family: 'deals', test: /deal|discount|coupon|promo/,
    higher: { archetype: 'deal seeker', epithet: 'Thrifty', goal: (n) => `Buy on promotion whenever they can (${n.what}: ${n.vs})`, motivation: (n) => `Offers and coupons, which they use ${n.times}` },
    lower: { archetype: 'full-price buyer', epithet: 'Unfussed', motivation: (n) => `Convenience over discounts: they rarely buy on deals (${n.what}: ${n.vs})` },
  },
  {
    family: 'web', test: /share_web|web_visits|web_purchases|webpurchases/,
    higher: { archetype: 'web shopper', epithet: 'Online', motivation: (n) => `A fast, clear web shop: ${n.what} ${n.vs}` },
    lower: { frustration: (n) => `Being pushed online when they prefer other channels (${n.what}: ${n.vs})` },
  },
  {
    family: 'app', test: /share_app|app_|_app/,
    higher: { archetype: 'app shopper', epithet: 'Mobile', motivation: (n) => `An app that makes buying effortless: ${n.what} ${n.vs}` },
    lower: { frustration: (n) => `App-only offers they never see (${n.what}: ${n.vs})` },
  },
  {
    family: 'store', test: /store/,
    higher: { archetype: 'store regular', epithet: 'Sociable', motivation: (n) => `Seeing and collecting things in person: ${n.what} ${n.vs}` },
    lower: { frustration: (n) => `Store-only events that do not fit how they shop (${n.what}: ${n.vs})` },
  },
  {
    family: 'catalog', test: /catalog/,
    higher: { archetype: 'catalogue shopper', epithet: 'Classic', motivation: (n) => `A printed catalogue to browse at leisure: ${n.what} ${n.vs}` },
    lower: { frustration: (n) => `Catalogues they do not read (${n.what}: ${n.vs})` },
  },
  {
    family: 'recency', test: /recency|days_since_last/,
    higher: { archetype: 'lapsing customer', epithet: 'Drifting', frustration: (n) => `Little reason to come back: their last purchase was ${n.seg} days ago on average (${n.pop} overall)`, motivation: () => 'A welcome-back offer or news that gives them a reason to return' },
    lower: { archetype: 'recent buyer', epithet: 'Active', goal: (n) => `Keep buying while the brand is on their mind (last purchase ${n.seg} days ago vs ${n.pop} overall)` },
  },
  {
    family: 'cadence', test: /cadence|between_orders|interpurchase/,
    higher: { archetype: 'occasional buyer', epithet: 'Deliberate', goal: (n) => `Buy only when they are sure: ${n.seg} days between orders on average (${n.pop} overall)` },
    lower: { archetype: 'regular', epithet: 'Regular', goal: (n) => `Reorder quickly and often: every ${n.seg} days on average (${n.pop} overall)` },
  },
  {
    family: 'tenure', test: /tenure|customer_days|since_signup|days_since_first/,
    higher: { archetype: 'long-standing customer', epithet: 'Loyal', motivation: (n) => `Recognition for a long relationship (${n.what}: ${n.vs})` },
    lower: { archetype: 'newcomer', epithet: 'New', goal: (n) => `Find their way around a shop they only recently discovered (${n.what}: ${n.vs})` },
  },
  {
    family: 'frequency', test: /frequency|num_orders|order_count|purchases$|^orders/,
    higher: { archetype: 'frequent buyer', epithet: 'Faithful', goal: (n) => `Reorder easily and often: ${n.seg} orders each vs ${n.pop} overall`, motivation: () => 'Saved baskets, quick reorder and perks that reward frequent orders' },
    lower: { archetype: 'occasional buyer', epithet: 'Occasional', frustration: (n) => `Few occasions to buy: ${n.seg} orders each vs ${n.pop} overall`, motivation: () => 'A concrete reason for the next purchase rather than a general newsletter' },
  },
  {
    family: 'order value', test: /order_value|aov|spend_per|per_order_spend/,
    higher: { archetype: 'premium buyer', epithet: 'Discerning', goal: (n) => `Buy the better version, not the cheapest: ${n.seg} per order vs ${n.pop} overall`, motivation: () => 'Premium lines, expert advice and service that matches the price' },
    lower: { archetype: 'small-basket buyer', epithet: 'Careful', frustration: (n) => `Costs that bite on small orders: they spend ${n.seg} per order vs ${n.pop} overall` },
  },
  {
    family: 'spend', test: /monetary|total_spend|spend_total|amount|revenue|spending|^spend/,
    higher: { archetype: 'big spender', epithet: 'Lavish', goal: (n) => `Get the best without compromise: ${n.what} ${n.vs}`, motivation: (n) => `Being treated as a top customer: they spend ${n.times}` },
    lower: { archetype: 'light spender', epithet: 'Careful', frustration: (n) => `A tight spending budget: ${n.what} ${n.vs}`, goal: () => 'Get good value from every purchase' },
  },
  {
    family: 'basket', test: /basket|items_per/,
    higher: { archetype: 'stock-up shopper', epithet: 'Bulk-buying', goal: (n) => `Get everything in one go: ${n.seg} items per order vs ${n.pop} overall`, motivation: () => 'Bundles and multi-buy savings' },
    lower: { archetype: 'one-item buyer', epithet: 'Cautious', goal: (n) => `Try a single item before committing to more (${n.seg} items per order vs ${n.pop} overall)` },
  },
  {
    family: 'variety', test: /distinct_products|variety|distinct_categories/,
    higher: { archetype: 'range explorer', epithet: 'Curious', goal: (n) => `Discover new products across the range (${n.seg} different products each vs ${n.pop} overall)` },
    lower: { archetype: 'narrow buyer', epithet: 'Focused', frustration: (n) => `Little reason to explore the range: ${n.seg} different products each vs ${n.pop} overall` },
  },
  {
    family: 'campaigns', test: /campaign|accept|response/,
    higher: { archetype: 'campaign responder', epithet: 'Responsive', motivation: (n) => `Well-timed campaigns: they accept offers ${n.times} (${n.vs})` },
    lower: { archetype: 'campaign skeptic', epithet: 'Unmoved', frustration: (n) => `Marketing that misses them: ${n.what} ${n.vs}` },
  },
  {
    family: 'complaints', test: /complain/,
    higher: { archetype: 'vocal critic', epithet: 'Critical', frustration: (n) => `Problems serious enough to complain about (${n.what}: ${n.vs})`, goal: () => 'Have a complaint resolved by someone who owns it' },
    lower: {},
  },
  {
    // Share of spend on one product category, whatever the categories are called in the data.
    family: 'category share', test: /share_of_spend|spend_share|share_spend/,
    higher: { goal: (n) => `Put more of their budget on ${categoryOf(n.what)} (${n.what}: ${n.vs})` },
    lower: { frustration: (n) => `Promotions for ${categoryOf(n.what)} that are not for them (${n.what}: ${n.vs})` },
  },
  {
    family: 'income', test: /income|salary/,
    higher: { archetype: 'affluent customer', epithet: 'Affluent', goal: (n) => `Spend on quality rather than price (income ${n.vs})` },
    lower: { archetype: 'budget-minded customer', epithet: 'Budget-minded', frustration: (n) => `A tight household budget (income ${n.vs})` },
  },
  {
    family: 'age', test: /^age$|_age$|^age_|birth/,
    higher: { archetype: 'older shopper', epithet: 'Seasoned' },
    lower: { archetype: 'younger shopper', epithet: 'Young' },
  },
  {
    family: 'family', test: /kid|teen|child|household/,
    higher: { archetype: 'family shopper', epithet: 'Busy', goal: (n) => `Shop for the whole household (${n.what}: ${n.vs})` },
    lower: { archetype: 'solo shopper', epithet: 'Independent', goal: (n) => `Shop just for themselves (${n.what}: ${n.vs})` },
  },
  {
    family: 'sentiment', test: /sentiment/,
    higher: { archetype: 'happy advocate', epithet: 'Cheerful', motivation: (n) => `Good experiences they like to share (sentiment ${n.vs}, on a −1 to 1 scale)` },
    lower: { archetype: 'unhappy customer', epithet: 'Disgruntled', frustration: (n) => `Experiences that leave them unhappy: their texts read negative (sentiment ${n.vs}, on a −1 to 1 scale)` },
  },
  {
    family: 'questions', test: /question/,
    higher: { archetype: 'question asker', epithet: 'Inquisitive', frustration: (n) => `Questions left unanswered: ${n.seg} of their texts ask one (${n.pop} overall)`, goal: () => 'Get a clear answer before they decide' },
    lower: {},
  },
  {
    family: 'expressive', test: /exclamation|caps|emoji/,
    higher: { archetype: 'expressive poster', epithet: 'Expressive', motivation: (n) => `A brand voice with personality: they write with feeling (${n.what}: ${n.vs})` },
    lower: { epithet: 'Measured', motivation: (n) => `Plain, matter-of-fact messages (${n.what}: ${n.vs})` },
  },
  {
    family: 'links', test: /url|link/,
    higher: { archetype: 'link sharer', epithet: 'Sharing', motivation: (n) => `Content worth sharing: ${n.seg} of their texts carry a link (${n.pop} overall)` },
    lower: { epithet: 'Direct', goal: (n) => `Say it in their own words rather than share links (${n.what}: ${n.vs})` },
  },
  {
    family: 'mentions', test: /mention/,
    higher: { archetype: 'brand tagger', epithet: 'Vocal', frustration: (n) => `Having to tag brands in public to be heard (${n.seg} @mentions per text vs ${n.pop} overall)` },
    lower: {},
  },
  {
    family: 'threads', test: /reply_depth|thread/,
    higher: { archetype: 'conversation follower', epithet: 'Persistent', frustration: (n) => `Long back-and-forth threads before anything happens (${n.what}: ${n.vs})` },
    lower: { epithet: 'Outspoken', goal: (n) => `Start the conversation themselves (${n.what}: ${n.vs})` },
  },
  {
    family: 'length', test: /length|chars|words/,
    higher: { archetype: 'detailed writer', epithet: 'Thorough', frustration: (n) => `Copy-paste replies to detailed messages (their texts average ${n.seg} characters vs ${n.pop} overall)` },
    lower: { epithet: 'Brief', motivation: (n) => `Short, quick answers (their texts average ${n.seg} characters vs ${n.pop} overall)` },
  },
  {
    family: 'volume', test: /text_count|messages/,
    higher: { archetype: 'frequent correspondent', epithet: 'Chatty', frustration: (n) => `Having to write again and again (${n.seg} texts each vs ${n.pop} overall)` },
    lower: {},
  },
  ...(
    [
      ['night', 'night owl', 'Nocturnal', 'late at night'],
      ['morning', 'early bird', 'Early-rising', 'in the morning'],
      ['afternoon', 'afternoon shopper', 'Daytime', 'in the afternoon'],
      ['evening', 'evening shopper', 'After-hours', 'in the evening'],
      ['weekend', 'weekend shopper', 'Weekend', 'at weekends'],
    ] as const
  ).map(([period, archetype, epithet, when]): FeatureRule => ({
    family: period, test: new RegExp(period),
    higher: { archetype, epithet, motivation: (n) => `Messages and offers that arrive ${when}, when they are active (${n.what}: ${n.vs})` },
    lower: {},
  })),
];

/** "share of total spend on garden tools" → "garden tools". */
function categoryOf(what: string): string {
  return /\bon (.+)$/.exec(what)?.[1] ?? what;
}

export function ruleFor(c: FeatureContrast): FeatureRule | null {
  // One-hot levels (gender, country …) describe who they are, not what they want: the bio uses them.
  if (/^1 when /.test(c.description)) return null;
  return featureRules.find((r) => r.test.test(c.feature.toLowerCase())) ?? null;
}

export function sideFor(c: FeatureContrast): Side | null {
  const rule = ruleFor(c);
  return rule ? rule[c.direction] : null;
}

/** Items one feature contributes, in this segment's numbers. */
export function featureItems(c: FeatureContrast): Partial<Record<Slot, string>> {
  const side = sideFor(c);
  if (!side) return {};
  const n = featureFacts(c);
  const out: Partial<Record<Slot, string>> = {};
  for (const slot of ['goal', 'frustration', 'motivation'] as const) {
    const make = side[slot];
    if (make) out[slot] = make(n);
  }
  return out;
}
