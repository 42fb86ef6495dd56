/**
 * The planted segments as data. Each differs from the others in what its customers write (topics/)
 * and in how they buy (these numbers), so text alone or behaviour alone recovers part of the truth and
 * the two together recover it all.
 */
import type { Category, OrderChannel, TextChannel } from './records.ts';
import type { Weights } from './random.ts';

export type SegmentId =
  | 'trust_skeptics'
  | 'deal_hunters'
  | 'loyal_premium'
  | 'delivery_complainers'
  | 'gift_shoppers'
  | 'mobile_night';

/** A stretch of days whose weight is multiplied by (1 + boost): sales weeks, gifting dates. */
export interface Peak {
  readonly month: number; // 1-12
  readonly fromDay: number;
  readonly toDay: number; // inclusive
  readonly boost: number;
}

export interface PeopleSpec {
  readonly ageMedian: number;
  readonly ageSd: number;
  readonly incomeMedian: number;
  readonly incomeSigma: number;
  readonly genders: Weights<string>;
  readonly devices: Weights<string>;
  readonly newsletter: number;
  readonly household: readonly [number, number];
}

export interface OrderSpec {
  readonly count: readonly [number, number];
  /** even: spread over the active period with jitter (steady or sparse); calendar: drawn from day weights. */
  readonly cadence: 'even' | 'calendar';
  readonly lines: readonly [number, number];
  readonly quantity: readonly [number, number];
  /** Multiplies the catalogue price: discounts bought on sale versus premium lines. */
  readonly priceFactor: number;
  /** Share of orders later cancelled or returned. */
  readonly cancelRate: number;
  readonly cancelDelayDays: readonly [number, number];
  readonly channels: Weights<OrderChannel>;
  readonly categories: Weights<Category>;
  readonly months: readonly number[]; // 12, January first
  readonly peaks: readonly Peak[];
  readonly weekdays: readonly number[]; // 7, Sunday first
  readonly hours: readonly number[]; // 24
}

export interface TextSpec {
  readonly channels: Weights<TextChannel>;
  readonly weekdays: readonly number[];
  readonly hours: readonly number[];
  /** Days between the order a text is about and the text. */
  readonly lagDays: readonly [number, number];
}

export interface SegmentSpec {
  readonly id: SegmentId;
  readonly name: string;
  /** Target share of customers; the realised share is reported in PlantedSegment. */
  readonly weight: number;
  readonly description: string;
  readonly people: PeopleSpec;
  readonly orders: OrderSpec;
  readonly texts: TextSpec;
}

/** 24 hourly weights: `base` everywhere, then [from, to) bands (wrapping past midnight) set to their weight. */
function hours(base: number, ...bands: readonly (readonly [number, number, number])[]): number[] {
  const out = new Array<number>(24).fill(base);
  for (const [from, to, w] of bands) for (let h = from; h !== to; h = (h + 1) % 24) out[h] = w;
  return out;
}

/** 12 monthly weights: `base` except the listed months (1-12). */
function months(base: number, set: Readonly<Record<number, number>> = {}): number[] {
  return Array.from({ length: 12 }, (_, i) => set[i + 1] ?? base);
}

const flatMonths = months(1);
const workdays = [0.4, 1, 1, 1, 1, 1, 0.5];
const weekends = [1.6, 0.7, 0.7, 0.7, 0.8, 1, 1.8];
const anyDay = [1, 1, 1, 1, 1, 1, 1];
const genders: Weights<string> = { female: 0.49, male: 0.48, 'non-binary': 0.03 };

export const segments: readonly SegmentSpec[] = [
  {
    id: 'trust_skeptics',
    name: 'Trust skeptics',
    weight: 0.16,
    description: 'Worried about fraud, scams, counterfeit goods, refunds, chargebacks and data privacy; order rarely, in small baskets, mostly on the web, and cancel or return often.',
    people: { ageMedian: 51, ageSd: 10, incomeMedian: 52_000, incomeSigma: 0.3, genders, devices: { desktop: 0.7, mobile: 0.2, tablet: 0.1 }, newsletter: 0.1, household: [1, 3] },
    orders: {
      count: [2, 4], cadence: 'even', lines: [1, 1], quantity: [1, 1], priceFactor: 0.9, cancelRate: 0.4, cancelDelayDays: [2, 25],
      channels: { web: 0.8, catalog: 0.12, store: 0.08 },
      categories: { electronics: 0.35, fashion: 0.3, beauty: 0.25, home: 0.1 },
      months: flatMonths, peaks: [], weekdays: workdays, hours: hours(0.05, [9, 17, 1], [17, 20, 0.4]),
    },
    texts: { channels: { support_chat: 0.4, email: 0.4, review: 0.15, social: 0.05 }, weekdays: workdays, hours: hours(0.02, [9, 18, 1]), lagDays: [0, 12] },
  },
  {
    id: 'deal_hunters',
    name: 'Deal hunters',
    weight: 0.18,
    description: 'Hunt coupons, promo codes, price drops and sales and ask for price matching; many small, cheap orders concentrated in the sale months, mostly in the app.',
    people: { ageMedian: 33, ageSd: 8, incomeMedian: 38_000, incomeSigma: 0.3, genders, devices: { mobile: 0.72, desktop: 0.2, tablet: 0.08 }, newsletter: 0.85, household: [2, 5] },
    orders: {
      count: [10, 18], cadence: 'calendar', lines: [1, 2], quantity: [1, 3], priceFactor: 0.55, cancelRate: 0.06, cancelDelayDays: [1, 10],
      channels: { app: 0.72, web: 0.24, store: 0.04 },
      categories: { grocery: 0.25, fashion: 0.2, home: 0.2, beauty: 0.2, electronics: 0.1, sports: 0.05 },
      months: months(0.35, { 1: 3, 7: 3, 11: 4 }),
      peaks: [{ month: 11, fromDay: 22, toDay: 30, boost: 5 }, { month: 1, fromDay: 1, toDay: 10, boost: 2 }, { month: 7, fromDay: 1, toDay: 15, boost: 2 }],
      weekdays: [1.2, 1.3, 1, 1, 1, 1.1, 1.2], hours: hours(0.03, [7, 9, 0.8], [12, 14, 1], [19, 22, 1]),
    },
    texts: { channels: { social: 0.4, review: 0.35, email: 0.15, support_chat: 0.1 }, weekdays: anyDay, hours: hours(0.03, [7, 9, 0.6], [12, 14, 1], [19, 22, 1]), lagDays: [0, 6] },
  },
  {
    id: 'loyal_premium',
    name: 'Loyal premium buyers',
    weight: 0.15,
    description: 'Praise quality, craftsmanship, premium brands, fast fulfilment and the loyalty programme; high earners who order often at high prices on a steady cadence, in store and on the web.',
    people: { ageMedian: 47, ageSd: 9, incomeMedian: 105_000, incomeSigma: 0.25, genders, devices: { desktop: 0.5, mobile: 0.35, tablet: 0.15 }, newsletter: 0.6, household: [2, 4] },
    orders: {
      count: [9, 14], cadence: 'even', lines: [1, 3], quantity: [1, 1], priceFactor: 2.1, cancelRate: 0.02, cancelDelayDays: [3, 20],
      channels: { store: 0.48, web: 0.44, app: 0.04, catalog: 0.04 },
      categories: { home: 0.3, fashion: 0.3, electronics: 0.2, beauty: 0.1, sports: 0.1 },
      months: flatMonths, peaks: [], weekdays: [0.8, 0.8, 0.8, 0.8, 0.9, 1, 2.2], hours: hours(0.03, [10, 19, 1]),
    },
    texts: { channels: { review: 0.6, email: 0.25, social: 0.1, support_chat: 0.05 }, weekdays: weekends, hours: hours(0.02, [8, 21, 1]), lagDays: [1, 10] },
  },
  {
    id: 'delivery_complainers',
    name: 'Delivery complainers',
    weight: 0.17,
    description: 'Complain about late parcels, tracking that does not update, couriers, damaged boxes and missed delivery windows; average order counts, mostly on the web, writing in the evening.',
    people: { ageMedian: 41, ageSd: 11, incomeMedian: 56_000, incomeSigma: 0.3, genders, devices: { desktop: 0.55, mobile: 0.35, tablet: 0.1 }, newsletter: 0.4, household: [1, 5] },
    orders: {
      count: [5, 8], cadence: 'calendar', lines: [1, 3], quantity: [1, 2], priceFactor: 1, cancelRate: 0.09, cancelDelayDays: [3, 14],
      channels: { web: 0.85, app: 0.1, catalog: 0.05 },
      categories: { home: 0.3, electronics: 0.3, sports: 0.25, fashion: 0.15 },
      months: flatMonths, peaks: [], weekdays: workdays, hours: hours(0.05, [9, 17, 1]),
    },
    texts: { channels: { support_chat: 0.4, email: 0.3, social: 0.25, review: 0.05 }, weekdays: anyDay, hours: hours(0.02, [17, 18, 0.3], [18, 22, 1], [22, 23, 0.15]), lagDays: [2, 14] },
  },
  {
    id: 'gift_shoppers',
    name: 'Gift shoppers',
    weight: 0.17,
    description: 'Buy presents for birthdays and holidays, ask for gift wrapping, gift cards and shipping to someone else; orders bunched before Christmas, Valentine’s Day and Mother’s Day, in toys, books and beauty.',
    people: { ageMedian: 39, ageSd: 10, incomeMedian: 60_000, incomeSigma: 0.3, genders: { female: 0.6, male: 0.37, 'non-binary': 0.03 }, devices: { desktop: 0.45, mobile: 0.45, tablet: 0.1 }, newsletter: 0.55, household: [3, 5] },
    orders: {
      count: [4, 7], cadence: 'calendar', lines: [1, 3], quantity: [1, 2], priceFactor: 1, cancelRate: 0.04, cancelDelayDays: [5, 20],
      channels: { web: 0.5, store: 0.35, catalog: 0.1, app: 0.05 },
      categories: { toys: 0.35, books: 0.3, beauty: 0.3, home: 0.05 },
      months: months(0.25, { 2: 1.2, 5: 1.2, 11: 2.5, 12: 4 }),
      peaks: [{ month: 12, fromDay: 1, toDay: 20, boost: 4 }, { month: 2, fromDay: 1, toDay: 13, boost: 6 }, { month: 5, fromDay: 1, toDay: 11, boost: 6 }],
      weekdays: weekends, hours: hours(0.05, [10, 21, 1]),
    },
    texts: { channels: { review: 0.4, email: 0.35, support_chat: 0.15, social: 0.1 }, weekdays: weekends, hours: hours(0.02, [10, 21, 1]), lagDays: [0, 8] },
  },
  {
    id: 'mobile_night',
    name: 'Mobile night browsers',
    weight: 0.17,
    description: 'Talk about the app, wishlists, notifications, dark mode, crashes and saved-for-later lists; young, app-only, browse far more than they buy and order and write between 22:00 and 02:00.',
    people: { ageMedian: 26, ageSd: 5, incomeMedian: 45_000, incomeSigma: 0.35, genders, devices: { mobile: 0.9, tablet: 0.1 }, newsletter: 0.3, household: [1, 3] },
    orders: {
      count: [2, 4], cadence: 'calendar', lines: [1, 2], quantity: [1, 1], priceFactor: 0.9, cancelRate: 0.07, cancelDelayDays: [1, 10],
      channels: { app: 0.9, web: 0.1 },
      categories: { fashion: 0.35, beauty: 0.25, electronics: 0.25, sports: 0.15 },
      months: flatMonths, peaks: [], weekdays: anyDay, hours: hours(0.01, [21, 22, 0.2], [22, 2, 1], [2, 3, 0.2]),
    },
    texts: { channels: { social: 0.45, support_chat: 0.3, review: 0.25 }, weekdays: anyDay, hours: hours(0.01, [22, 2, 1], [2, 3, 0.3]), lagDays: [0, 5] },
  },
];
