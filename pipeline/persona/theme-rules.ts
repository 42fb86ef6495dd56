/**
 * What a persona wants, fears and responds to, by customer-experience theme: recognised from the
 * segment's label (the describe stage's theme labels) or its c-TF-IDF terms. The second item of each
 * slot names the segment's own words, so it stays specific to the segment that said them.
 */
import type { TermScore } from '../describe/ctfidf.ts';
import type { Slot } from './feature-rules.ts';

export interface ThemeRule {
  readonly id: string;
  /** The describe stage's label for this theme, when it has one. */
  readonly label: RegExp;
  readonly words: readonly string[];
  readonly archetype: string;
  readonly epithet: string;
  /** `{terms}` is replaced by the segment's matching words, e.g. “fraud”, “fake” and “card”. */
  readonly items: Readonly<Record<Slot, readonly string[]>>;
}

export const themeRules: readonly ThemeRule[] = [
  {
    id: 'trust', label: /^trust skeptic/i, archetype: 'trust skeptic', epithet: 'Wary',
    words: ['trust', 'fraud', 'scam', 'scammed', 'fake', 'genuine', 'legit', 'real', 'privacy', 'personal data', 'data', 'secure', 'security', 'hacked', 'phishing', 'suspicious', 'counterfeit', 'dodgy', 'card details', 'stolen'],
    items: {
      goal: ['Buy only from sellers that prove they are genuine', 'Keep card and personal details safe when they pay'],
      frustration: ['Not knowing whether a seller, review or product is real, and fearing fraud', 'Worry that payment or personal data will be misused; their messages keep coming back to {terms}'],
      motivation: ['Visible buyer protection, secure payment and a plain refund policy', 'Proof from verified customers and straight answers about {terms}'],
    },
  },
  {
    id: 'refund', label: /^refund chaser/i, archetype: 'refund chaser', epithet: 'Resolute',
    words: ['refund', 'refunded', 'money back', 'chargeback', 'reimburse', 'credited', 'compensation'],
    items: {
      goal: ['Get their money back quickly when an order goes wrong', 'See a clear status for every claim (they write about {terms})'],
      frustration: ['Refunds that take weeks, or never arrive', 'Having to chase support again and again (they write about {terms})'],
      motivation: ['A refund promise with a date on it', 'Automatic updates without having to ask (they write about {terms})'],
    },
  },
  {
    id: 'delivery', label: /^delivery watcher/i, archetype: 'delivery watcher', epithet: 'Punctual',
    words: ['delivery', 'delivered', 'tracking', 'parcel', 'courier', 'driver', 'shipping', 'shipped', 'package', 'arrived', 'dispatch', 'late', 'dlvd'],
    items: {
      goal: ['Know the delivery day in advance, and have it kept', 'Follow every order from dispatch to the door (they write about {terms})'],
      frustration: ['Parcels that arrive late or not at all', 'Tracking that stops updating (they write about {terms})'],
      motivation: ['Delivery promises that are kept, with a named time slot', 'Proactive delivery updates before they have to ask (they write about {terms})'],
    },
  },
  {
    id: 'price', label: /^deal hunter/i, archetype: 'deal hunter', epithet: 'Thrifty',
    words: ['price', 'prices', 'sale', 'sales', 'discount', 'code', 'deal', 'deals', 'offer', 'cheaper', 'voucher', 'coupon', 'promo', 'price drop', 'price match'],
    items: {
      goal: ['Never pay full price when a better deal exists', 'Compare offers before every order (they write about {terms})'],
      frustration: ['Discount codes that fail at checkout and sales that end before they can act', 'Hidden costs that eat the saving (they write about {terms})'],
      motivation: ['Time-limited discounts and price-drop alerts', 'Price matching and straight answers on price (they write about {terms})'],
    },
  },
  {
    id: 'gift', label: /^gift shopper/i, archetype: 'gift giver', epithet: 'Generous',
    words: ['gift', 'gifts', 'present', 'presents', 'christmas', 'birthday', 'wrapping', 'surprise', 'anniversary'],
    items: {
      goal: ['Find a present that delights, in time for the occasion', 'Send gifts straight to the recipient (they write about {terms})'],
      frustration: ['Gifts that arrive late or without wrapping', 'A surprise spoiled by a price tag or a notification (they write about {terms})'],
      motivation: ['Gift wrapping, gift guides and guaranteed delivery dates', 'Reminders ahead of the occasions they shop for (they write about {terms})'],
    },
  },
  {
    id: 'app', label: /^late-night app browser/i, archetype: 'app-first shopper', epithet: 'Mobile',
    words: ['app', 'wishlist', 'saved', 'browsing', 'notification', 'notifications', 'phone', 'iphone', 'ios', 'android', 'update', 'scrolling'],
    items: {
      goal: ['Browse and save items on the phone whenever it suits them', 'Keep a wishlist that remembers everything (they write about {terms})'],
      frustration: ['An app that hangs at checkout or loses saved items', 'Alerts that come too late to act on (they write about {terms})'],
      motivation: ['Wishlist and price-drop notifications that arrive in time', 'A smooth mobile checkout and fixes for what they report (they write about {terms})'],
    },
  },
  {
    id: 'quality', label: /^quality seeker/i, archetype: 'quality seeker', epithet: 'Discerning',
    words: ['quality', 'premium', 'luxury', 'craftsmanship', 'perfectly', 'lovely', 'well made', 'loyalty'],
    items: {
      goal: ['Own fewer, better things that last', 'Find the premium version of what they need (they write about {terms})'],
      frustration: ['Products that do not live up to their price', 'Service that falls short of the brand’s promise (they write about {terms})'],
      motivation: ['Craftsmanship stories, premium service and loyalty recognition', 'Early access to new collections (they write about {terms})'],
    },
  },
  {
    id: 'outage', label: /^outage reporter/i, archetype: 'outage reporter', epithet: 'Disconnected',
    words: ['outage', 'down', 'working', 'error', 'crash', 'crashing', 'wifi', 'internet', 'signal', 'connection', 'slow', 'fix', 'broken'],
    items: {
      goal: ['Get the service working again, fast', 'Know when the fault will be fixed (they write about {terms})'],
      frustration: ['Outages with no explanation or time estimate', 'Repeating the same fault report (they write about {terms})'],
      motivation: ['Status updates and a named person who follows up', 'Proof that the fault is fixed for good (they write about {terms})'],
    },
  },
  {
    id: 'account', label: /^account/i, archetype: 'locked-out account holder', epithet: 'Locked-out',
    words: ['account', 'password', 'login', 'locked', 'sign', 'verification', 'verify', 'code', 'email'],
    items: {
      goal: ['Get back into their account without a fight', 'Sort out account problems in one step (they write about {terms})'],
      frustration: ['Verification loops and locked accounts', 'Being sent in circles (they write about {terms})'],
      motivation: ['Fast identity checks with a human fallback', 'Self-service fixes (they write about {terms})'],
    },
  },
  {
    id: 'billing', label: /^billing/i, archetype: 'billing disputer', epithet: 'Meticulous',
    words: ['bill', 'billing', 'charged', 'overcharged', 'fee', 'fees', 'payment', 'invoice', 'pay', 'paid'],
    items: {
      goal: ['Pay exactly what they expected, no more', 'Understand every line of their bill (they write about {terms})'],
      frustration: ['Unexpected charges and fees they never agreed to', 'Disputes over charges that drag on (they write about {terms})'],
      motivation: ['Itemised bills and instant corrections', 'Clear answers about charges (they write about {terms})'],
    },
  },
  {
    id: 'travel', label: /^disrupted traveller/i, archetype: 'disrupted traveller', epithet: 'Restless',
    words: ['flight', 'flights', 'delayed', 'gate', 'seat', 'baggage', 'bag', 'airport', 'boarding', 'plane', 'fly', 'train', 'airline'],
    items: {
      goal: ['Arrive on time, with their luggage', 'Get reliable travel information (they write about {terms})'],
      frustration: ['Delays and cancellations announced late', 'Lost time at airports and stations (they write about {terms})'],
      motivation: ['Rebooking without queues and honest timings', 'Small gestures that make up for a disrupted trip (they write about {terms})'],
    },
  },
  {
    id: 'ride', label: /^ride/i, archetype: 'ride-hailing regular', epithet: 'On-the-go',
    words: ['uber', 'lyft', 'ride', 'rides', 'driver', 'trip', 'cab', 'taxi'],
    items: {
      goal: ['Get from A to B without surprises', 'Have trip problems sorted in the app (they write about {terms})'],
      frustration: ['Cancelled or wrong trips, and charges for rides that went wrong', 'Waiting for support after a trip went wrong (they write about {terms})'],
      motivation: ['Instant credits when a trip goes wrong', 'Quick, in-app answers (they write about {terms})'],
    },
  },
  {
    id: 'food', label: /^food/i, archetype: 'takeaway regular', epithet: 'Hungry',
    words: ['burrito', 'burritos', 'boorito', 'queso', 'bowl', 'food', 'pizza', 'chipotle', 'meal', 'pie', 'pies', 'mince pies', 'coffee', 'restaurant', 'tasting'],
    items: {
      goal: ['Get the food they ordered, made right and on time', 'Enjoy their favourites without hassle (they write about {terms})'],
      frustration: ['Missing or wrongly made items in a food order', 'Favourites that are sold out or made differently (they write about {terms})'],
      motivation: ['Treats, freebies and limited editions', 'Seasonal promotions on their favourites (they write about {terms})'],
    },
  },
  {
    id: 'gaming', label: /^gam/i, archetype: 'gamer', epithet: 'Competitive',
    words: ['xbox', 'game', 'games', 'playstation', 'ps4', 'console', 'stats', 'server', 'servers', 'multiplayer'],
    items: {
      goal: ['Keep playing without interruptions', 'Keep their progress and stats safe (they write about {terms})'],
      frustration: ['Lost progress, server problems and slow support', 'Bugs that stay unfixed (they write about {terms})'],
      motivation: ['Fast fixes and in-game compensation', 'News and early access (they write about {terms})'],
    },
  },
  {
    id: 'seasonal', label: /^seasonal/i, archetype: 'seasonal celebrant', epithet: 'Festive',
    words: ['halloween', 'costume', 'costumes', 'happy halloween', 'christmas', 'holiday', 'holidays', 'treat', 'thanksgiving'],
    items: {
      goal: ['Make the most of the season', 'Join in with seasonal promotions (they write about {terms})'],
      frustration: ['Seasonal offers that run out before they get to them', 'Missing out on seasonal specials (they write about {terms})'],
      motivation: ['Themed promotions and playful campaigns', 'Limited editions for the season (they write about {terms})'],
    },
  },
  {
    id: 'support', label: /^support/i, archetype: 'support seeker', epithet: 'Patient',
    words: ['help', 'service', 'customer service', 'support', 'waiting', 'response', 'reply', 'dm', 'contact'],
    items: {
      goal: ['Reach a person who can actually solve the problem', 'Get a real answer when they ask for help (they write about {terms})'],
      frustration: ['Waiting for a reply from customer service', 'Canned answers to real problems (they write about {terms})'],
      motivation: ['Fast, human replies on the channel they wrote on', 'Follow-up once the problem is resolved (they write about {terms})'],
    },
  },
  {
    id: 'happy', label: /^happy advocate/i, archetype: 'happy advocate', epithet: 'Cheerful',
    words: ['love', 'great', 'awesome', 'amazing', 'best', 'thank', 'thanks', 'appreciate'],
    items: {
      goal: ['Keep enjoying a brand they already like', 'Share what they love (they write about {terms})'],
      frustration: ['Changes to the things they love', 'Being taken for granted (they write about {terms})'],
      motivation: ['Recognition, referral rewards and sneak peeks', 'Being asked for their opinion (they write about {terms})'],
    },
  },
];

const topN = 12;

/** The segment's terms that express a theme, and how strongly (rank-weighted, as the describe stage). */
export function themeMatch(terms: readonly TermScore[], rule: ThemeRule): { score: number; hits: string[] } {
  let score = 0;
  const hits: string[] = [];
  terms.slice(0, topN).forEach((t, rank) => {
    const words = t.term.toLowerCase().split(' ');
    if (rule.words.some((w) => (w.includes(' ') ? t.term.toLowerCase().includes(w) : words.includes(w)))) {
      score += 1 / (rank + 1);
      hits.push(t.term);
    }
  });
  return { score, hits };
}

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
export function segmentThemes(label: string, terms: readonly TermScore[]): RankedTheme[] {
  const ranked = themeRules
    .map((rule) => ({ rule, ...themeMatch(terms, rule), named: rule.label.test(label) }))
    .filter((t) => t.named || t.hits.length >= 2 || (t.hits.length === 1 && t.score >= 1 / 3))
    .sort((a, b) => Number(b.named) - Number(a.named) || b.score - a.score || a.rule.id.localeCompare(b.rule.id));
  return ranked.map(({ rule, hits, score }) => ({ rule, hits, score }));
}

/** A theme item in the segment's words; `{terms}` falls back to the theme's own word list. */
export function themeItem(template: string, theme: RankedTheme): string {
  const words = theme.hits.length ? theme.hits : theme.rule.words.slice(0, 2);
  return template.replace('{terms}', listTerms(words));
}
