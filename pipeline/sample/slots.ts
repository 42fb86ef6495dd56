/**
 * Slot values for one text. Values are drawn on first use and then fixed, so a text that names its
 * product or amount twice names the same one; they come from the customer's own order where one fits.
 */
import type { Rng } from '../../lib/rng.ts';
import type { Product } from './catalog.ts';
import * as p from './phrases.ts';
import { intBetween, pick } from './random.ts';
import { weekdayNames } from './time.ts';

export interface TextContext {
  /** The ordered product the text is about, and another one for comparisons. */
  readonly product: Product;
  readonly product2: Product;
  readonly orderId: string;
  /** Line total of the order line the text is about. */
  readonly amount: number;
  /** When the text was written (epoch ms): seasonal occasions follow it. */
  readonly at: number;
}

export const currency = '$';

export function money(x: number): string {
  const cents = Math.round(x * 100);
  return cents % 100 === 0 ? `${currency}${cents / 100}` : `${currency}${(cents / 100).toFixed(2)}`;
}

/** "Wireless headset" → "wireless headset", but "USB-C charger" and "E-reader" keep their capitals. */
export function productPhrase(name: string): string {
  const second = name[1] ?? '';
  return second && second === second.toUpperCase() && /[A-Z-]/.test(second) ? name : name.charAt(0).toLowerCase() + name.slice(1);
}

function nightTime(rng: Rng): string {
  const h = pick(rng, [22, 23, 23, 0, 0, 1, 1, 2]);
  const m = pick(rng, [0, 5, 10, 15, 20, 30, 40, 45, 50, 55]);
  const h12 = h % 12 === 0 ? 12 : h % 12;
  const suffix = h >= 12 ? 'pm' : 'am';
  return m === 0 ? `${h12}${suffix}` : `${h12}:${String(m).padStart(2, '0')}${suffix}`;
}

/** The season's gifting occasion for the month the text is written in. */
function seasonalOccasion(at: number, rng: Rng): string {
  const month = new Date(at).getUTCMonth() + 1;
  if (month >= 10) return 'Christmas';
  if (month <= 2) return "Valentine's Day";
  if (month <= 5) return pick(rng, ["Mother's Day", "Mother's Day", 'Easter']);
  return pick(rng, ['the summer holidays', "Father's Day", 'the school holidays']);
}

const digits = (rng: Rng, n: number) => Array.from({ length: n }, () => String(rng.int(10))).join('');

function email(rng: Rng): string {
  const name = pick(rng, p.firstNames);
  const initial = String.fromCharCode(97 + rng.int(26));
  return rng.next() < 0.5 ? `${name}.${initial}${digits(rng, 2)}@example.com` : `${name}${initial}@example.com`;
}

function phone(rng: Rng): string {
  const local = `555-01${digits(rng, 2)}`;
  return rng.next() < 0.4 ? `+1 ${local}` : local;
}

type SlotMaker = (ctx: TextContext, rng: Rng) => string;

const makers: Readonly<Record<string, SlotMaker>> = {
  product: (c) => productPhrase(c.product.name),
  product2: (c) => productPhrase(c.product2.name),
  category: (c) => c.product.category,
  order: (c) => c.orderId,
  amount: (c) => money(c.amount),
  price: (c, r) => money(Math.max(3, c.amount * (0.6 + 0.3 * r.next()))),
  saving: (c, r) => money(Math.max(1, c.amount * (0.1 + 0.25 * r.next()))),
  giftcard: (_, r) => money(pick(r, [20, 25, 30, 50, 75, 100, 150])),
  days: (_, r) => String(intBetween(r, 2, 14)),
  weeks: (_, r) => String(intBetween(r, 2, 6)),
  years: (_, r) => String(intBetween(r, 2, 9)),
  many: (_, r) => String(intBetween(r, 20, 140)),
  nth: (_, r) => pick(r, p.ordinals),
  weekday: (_, r) => pick(r, weekdayNames),
  time: (_, r) => nightTime(r),
  brand: (_, r) => pick(r, p.brands),
  store: (_, r) => pick(r, p.stores),
  courier: (_, r) => pick(r, p.couriers),
  bank: (_, r) => pick(r, p.banks),
  recipient: (_, r) => pick(r, p.recipients),
  event: (_, r) => pick(r, p.personalEvents),
  occasion: (c, r) => seasonalOccasion(c.at, r),
  pct: (_, r) => String(5 * intBetween(r, 2, 8)),
  code: (_, r) => `${pick(r, p.promoWords)}${5 * intBetween(r, 2, 8)}`,
  tracking: (_, r) => `TRK${digits(r, 9)}`,
  version: (_, r) => `4.${intBetween(r, 0, 12)}.${intBetween(r, 0, 9)}`,
  email: (_, r) => email(r),
  phone: (_, r) => phone(r),
  handle: (_, r) => `@${pick(r, p.firstNames)}_${pick(r, ['k', 'xo', 'shops', 'lately', 'b', 'mtl', 'uk'])}${digits(r, 2)}`,
};

export const slotNames: ReadonlySet<string> = new Set(Object.keys(makers));

/** A lookup that draws each slot once per text. Unknown slot names are a bug in a fragment: throw. */
export function createSlots(ctx: TextContext, rng: Rng): (name: string) => string {
  const cache = new Map<string, string>();
  return (name) => {
    let v = cache.get(name);
    if (v === undefined) {
      const make = makers[name];
      if (!make) throw new Error(`sample text: unknown slot [${name}]`);
      v = make(ctx, rng);
      cache.set(name, v);
    }
    return v;
  };
}
