/**
 * What a persona wants, fears and responds to, by theme (from the segment's label and terms) and by
 * behaviour (from its distinguishing features). Feature rules quote the segment's own numbers, which
 * keeps cards specific to their segment.
 */
import type { FeatureContrast } from '../describe/top-features.ts';
import { brief } from './statistics.ts';

export interface ThemeRule {
  readonly pattern: RegExp;
  readonly archetype: string;
  readonly goals: readonly string[];
  readonly frustrations: readonly string[];
  readonly motivations: readonly string[];
}

export const themeRules: readonly ThemeRule[] = [
  {
    pattern: /trust|fraud|scam|fake|genuine|privacy|data|secure/i,
    archetype: 'trust skeptic',
    goals: ['Buy only from shops that prove they are genuine', 'Keep card and personal details safe'],
    frustrations: ['Not knowing whether a product or seller is real', 'Worry that payment or personal data will be misused'],
    motivations: ['Visible guarantees, buyer protection and easy refunds', 'Proof from real customers and clear policies'],
  },
  {
    pattern: /refund|return|money back|chargeback/i,
    archetype: 'refund chaser',
    goals: ['Get money back quickly when something goes wrong'],
    frustrations: ['Slow or disputed refunds'],
    motivations: ['A refund promise with a date on it'],
  },
  {
    pattern: /deliver|tracking|parcel|courier|shipping|driver/i,
    archetype: 'delivery watcher',
    goals: ['Know exactly when an order will arrive'],
    frustrations: ['Late parcels and tracking that does not update'],
    motivations: ['Delivery promises that are kept, proactive tracking updates'],
  },
  {
    pattern: /price|sale|discount|deal|code|voucher|offer|cheap/i,
    archetype: 'deal hunter',
    goals: ['Pay less than the list price'],
    frustrations: ['Codes that do not work and sales that end too soon'],
    motivations: ['Time-limited discounts and price-drop alerts'],
  },
  {
    pattern: /gift|present|christmas|birthday|wrapping/i,
    archetype: 'gift shopper',
    goals: ['Find the right present in time for the occasion'],
    frustrations: ['Gifts arriving late or without wrapping'],
    motivations: ['Gift guides, wrapping and guaranteed delivery dates'],
  },
  {
    pattern: /app|wishlist|browsing|notification|late-night|night/i,
    archetype: 'late-night app browser',
    goals: ['Browse and save items on the phone whenever it suits'],
    frustrations: ['Saved items going out of stock or changing price'],
    motivations: ['Wishlist reminders and in-app price alerts'],
  },
  {
    pattern: /quality|premium|luxury|craft/i,
    archetype: 'quality seeker',
    goals: ['Own fewer, better things that last'],
    frustrations: ['Products that do not live up to the price'],
    motivations: ['Craftsmanship stories and premium service'],
  },
  {
    pattern: /outage|working|error|wifi|internet|signal|connection|down/i,
    archetype: 'outage reporter',
    goals: ['Get the service working again fast'],
    frustrations: ['Outages without an explanation or an estimate'],
    motivations: ['Status updates and a named person who follows up'],
  },
  {
    pattern: /flight|delayed|airport|baggage|seat|gate/i,
    archetype: 'disrupted traveller',
    goals: ['Arrive on time with their luggage'],
    frustrations: ['Delays and cancellations announced late'],
    motivations: ['Rebooking without queues and honest timings'],
  },
  {
    pattern: /wine|meat|gold|fish|sweet|fruit/i,
    archetype: 'category enthusiast',
    goals: ['Stock up on the categories they love'],
    frustrations: ['Favourite lines out of stock'],
    motivations: ['Curated selections in their favourite categories'],
  },
];

const fmt = (v: number) => (Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : Math.abs(v) >= 10 ? v.toFixed(1) : v.toFixed(2));
const times = (f: FeatureContrast) => (f.lift !== null && f.lift > 0 ? (f.direction === 'higher' ? f.lift : 1 / f.lift) : null);
const ratio = (f: FeatureContrast) => {
  const t = times(f);
  return t !== null ? `${t.toFixed(1)}× ${f.direction === 'higher' ? 'more than' : 'less than'} average` : `${f.direction === 'higher' ? 'above' : 'below'} average`;
};

export type Slot = 'goal' | 'frustration' | 'motivation';

/** Items from one distinguishing feature, each quoting the segment's numbers. */
export function featureItems(f: FeatureContrast): Partial<Record<Slot, string>> {
  const name = f.feature.toLowerCase();
  const what = `${brief(f.description, 80)} ${fmt(f.segmentMean)} vs ${fmt(f.populationMean)} overall`;
  const up = f.direction === 'higher';
  if (/cancel|return/.test(name)) return up ? { frustration: `Orders that disappoint: they cancel or return ${ratio(f)} (${what})`, goal: 'Be sure an order is right before paying' } : { motivation: `Reliable orders: they rarely cancel (${what})` };
  if (/deal|discount/.test(name)) return up ? { goal: `Buy on promotion (${what})`, motivation: `Offers: they buy on deals ${ratio(f)}` } : { motivation: `Full-price buyers: deals matter less to them (${what})` };
  if (/recency|days_since/.test(name)) return up ? { frustration: `Drifting away: last purchase long ago (${what})`, motivation: 'A reason to come back: news, a reminder, a welcome-back offer' } : { goal: `Keep buying regularly (${what})` };
  if (/monetary|spend|amount|clv|order_value/.test(name)) return up ? { goal: `Buy the best without compromise (${what})`, motivation: `Recognition as a top customer: they spend ${ratio(f)}` } : { frustration: `Watching the budget: they spend ${ratio(f)} (${what})` };
  if (/frequency|orders|purchases|cadence/.test(name)) return up ? { goal: `Reorder easily and often (${what})` } : { frustration: `Only occasional needs (${what})` };
  if (/web|app|store|catalog|share_/.test(name)) return up ? { motivation: `Their channel: ${what}` } : { frustration: `A channel they avoid: ${what}` };
  if (/sentiment/.test(name)) return up ? { motivation: `Good experiences they like to share (${what})` } : { frustration: `Unhappy experiences, visible in their words (${what})` };
  if (/question/.test(name)) return up ? { frustration: `Unanswered questions (${what})` } : {};
  if (/hour|night|weekday|weekend/.test(name)) return up ? { motivation: `Reach them when they are active: ${what}` } : {};
  if (/income/.test(name)) return up ? { goal: `Spend on quality rather than price (${what})` } : { frustration: `Tight budget (${what})` };
  if (/kid|teen|child/.test(name)) return up ? { goal: `Shop for the family (${what})` } : {};
  if (/length|caps|exclamation|emoji/.test(name)) return up ? { frustration: `Strong feelings in writing (${what})` } : {};
  return up ? { motivation: `${brief(f.description, 80)}: ${ratio(f)}` } : { frustration: `${brief(f.description, 80)}: ${ratio(f)}` };
}

export const firstNames = [
  'Tessa', 'Daniel', 'Priya', 'Marco', 'Aisha', 'Owen', 'Lena', 'Samir', 'Grace', 'Jonas', 'Maya', 'Felix', 'Nora', 'Ravi', 'Clara',
  'Hugo', 'Zara', 'Leo', 'Ingrid', 'Tomas', 'Amara', 'Victor', 'Elena', 'Kofi', 'Hana', 'Milan', 'Sofia', 'Arjun', 'Freya', 'Yusuf',
] as const;
