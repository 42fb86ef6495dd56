/**
 * A small instrument shop in a vocabulary none of the bundled datasets use: occupations, countries,
 * children at home, a "Cancelled" membership flag, orders of instruments, and one message per customer
 * (late or missing parcels, refunds, praise, beginner questions). Four planted groups, seeded. The
 * agent's listed-question tests compute every expected number from these rows, never from an answer.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createRng, type Rng } from '../../lib/rng.ts';
import { toCsv } from '../../pipeline/sample/csv-write.ts';

export interface ShopCustomer {
  readonly id: string;
  readonly group: number;
  readonly occupation: string;
  readonly country: string;
  readonly age: number;
  readonly income: number;
  readonly childrenAtHome: number;
  readonly cancelled: boolean;
}

export interface ShopOrder {
  readonly orderId: string;
  readonly customerId: string;
  readonly date: string;
  readonly product: string;
  readonly quantity: number;
  readonly unitPrice: number;
}

export interface ShopMessage {
  readonly textId: string;
  readonly customerId: string;
  readonly at: string;
  readonly text: string;
}

export interface Shop {
  readonly customers: readonly ShopCustomer[];
  readonly orders: readonly ShopOrder[];
  readonly messages: readonly ShopMessage[];
}

interface Group {
  readonly size: number;
  readonly occupations: readonly string[];
  readonly countries: readonly string[];
  readonly age: readonly [number, number];
  readonly income: readonly [number, number];
  readonly children: readonly [number, number];
  readonly cancelled: number;
  readonly orders: readonly [number, number];
  readonly products: readonly (readonly [string, number])[];
  /** Days before the reference date of the last order. */
  readonly lastOrder: readonly [number, number];
  readonly messages: readonly (readonly string[])[];
}

const groups: readonly Group[] = [
  {
    size: 30,
    occupations: ['Luthier', 'Luthier', 'Cartographer'],
    countries: ['Portugal', 'Iceland'],
    age: [45, 68],
    income: [95_000, 160_000],
    children: [0, 1],
    cancelled: 0.04,
    orders: [5, 9],
    products: [['violin', 780], ['cello', 1450], ['viola bow', 420]],
    lastOrder: [2, 30],
    messages: [
      ['The varnish on my new', 'Superb craftsmanship on the', 'Wonderful tone from the', 'Beautiful grain on this'],
      ['violin', 'cello', 'viola', 'bow'],
      ['— thank you, truly delighted.', ', I am thrilled and will order again.', ', excellent work as always, lovely.', ', a joy to play every evening.'],
    ],
  },
  {
    size: 26,
    occupations: ['Beekeeper', 'Beekeeper', 'Pilot'],
    countries: ['Kenya', 'Portugal'],
    age: [25, 40],
    income: [28_000, 52_000],
    children: [1, 3],
    cancelled: 0.6,
    orders: [1, 2],
    products: [['guitar strings', 18], ['capo', 22], ['tuner', 35]],
    lastOrder: [200, 340],
    messages: [
      ['My package with the', 'The parcel containing my', 'Still waiting for the package with my', 'Where is the parcel with my'],
      ['guitar strings', 'capo', 'tuner', 'strap'],
      ['is three weeks late, terrible and useless service, I am furious.', 'never arrived and is missing, awful, nobody answers.', 'is lost and late again, this is the worst shop, angry.', 'went missing, horrible delay and rude support, disgusting.'],
    ],
  },
  {
    size: 24,
    occupations: ['Glassblower', 'Glassblower', 'Pilot'],
    countries: ['Iceland', 'Japan'],
    age: [30, 55],
    income: [45_000, 80_000],
    children: [0, 2],
    cancelled: 0.25,
    orders: [2, 4],
    products: [['drum skin', 60], ['metronome', 85], ['cymbal', 140]],
    lastOrder: [40, 120],
    messages: [
      ['I sent back the unused', 'Please process my refund for the returned', 'I am waiting for a refund on the returned', 'Requesting my money back and a refund for the spare'],
      ['drum skin', 'metronome', 'cymbal', 'snare'],
      ['and would like the refund on my card.', 'as agreed two weeks ago.', 'since it was the wrong size.', 'please confirm the refund date, thanks.'],
    ],
  },
  {
    size: 20,
    occupations: ['Cartographer', 'Beekeeper', 'Glassblower'],
    countries: ['Japan', 'Kenya'],
    age: [18, 30],
    income: [20_000, 45_000],
    children: [0, 0],
    cancelled: 0.1,
    orders: [1, 3],
    products: [['ukulele', 55], ['sheet music', 12], ['recorder', 20]],
    lastOrder: [20, 90],
    messages: [
      ['Which tuner would suit a first', 'Do you sell easy sheet music for a beginner', 'Is there a starter book for the', 'Could you suggest lessons for a new'],
      ['ukulele', 'recorder', 'kalimba', 'harmonica'],
      ['player like me?', 'learner?', 'student in the evenings?', 'owner who practises at weekends?'],
    ],
  },
];

const between = (rng: Rng, [lo, hi]: readonly [number, number]) => lo + rng.next() * (hi - lo);
const pick = <T>(rng: Rng, items: readonly T[]) => items[rng.int(items.length)] as T;
const reference = Date.UTC(2026, 5, 30);
const day = 86_400_000;
const isoDay = (t: number) => new Date(t).toISOString().slice(0, 10);

export function generateShop(seed = 11): Shop {
  const rng = createRng(seed);
  const customers: ShopCustomer[] = [];
  const orders: ShopOrder[] = [];
  const messages: ShopMessage[] = [];
  let n = 0;
  let orderNo = 0;
  groups.forEach((g, group) => {
    for (let i = 0; i < g.size; i++) {
      const id = `CL-${String(++n).padStart(4, '0')}`;
      customers.push({
        id,
        group,
        occupation: pick(rng, g.occupations),
        country: pick(rng, g.countries),
        age: Math.round(between(rng, g.age)),
        income: Math.round(between(rng, g.income) / 100) * 100,
        childrenAtHome: Math.round(between(rng, g.children)),
        cancelled: rng.next() < g.cancelled,
      });
      const count = Math.round(between(rng, g.orders));
      let at = reference - Math.round(between(rng, g.lastOrder)) * day;
      for (let k = 0; k < count; k++) {
        const [product, price] = pick(rng, g.products);
        orders.push({ orderId: `O${String(++orderNo).padStart(6, '0')}`, customerId: id, date: isoDay(at), product, quantity: 1 + rng.int(2), unitPrice: Math.round(price * (0.8 + rng.next() * 0.4) * 100) / 100 });
        at -= Math.round(between(rng, [20, 60])) * day;
      }
      const [a, b, c] = g.messages as [readonly string[], readonly string[], readonly string[]];
      messages.push({ textId: `T${n}`, customerId: id, at: `${isoDay(reference - rng.int(60) * day)}T${String(8 + rng.int(12)).padStart(2, '0')}:15:00Z`, text: `${pick(rng, a)} ${pick(rng, b)} ${pick(rng, c)} (order ${1000 + n})`.replace(/ ([,—])/, (_, p: string) => (p === ',' ? ',' : ' —')) });
    }
  });
  return { customers, orders, messages };
}

/** The shop as the three files a user would import. */
export function writeShopFiles(dir: string, shop: Shop): { customers: string; transactions: string; texts: string } {
  mkdirSync(dir, { recursive: true });
  const paths = { customers: join(dir, 'shop-customers.csv'), transactions: join(dir, 'shop-orders.csv'), texts: join(dir, 'shop-messages.csv') };
  writeFileSync(
    paths.customers,
    toCsv(
      ['customer_id', 'Occupation', 'Country', 'Age', 'Income', 'ChildrenAtHome', 'Cancelled'],
      shop.customers.map((c) => [c.id, c.occupation, c.country, c.age, c.income, c.childrenAtHome, c.cancelled ? 'Yes' : 'No']),
    ),
  );
  writeFileSync(paths.transactions, toCsv(['order_id', 'customer_id', 'order_date', 'product', 'quantity', 'unit_price'], shop.orders.map((o) => [o.orderId, o.customerId, o.date, o.product, o.quantity, o.unitPrice])));
  writeFileSync(paths.texts, toCsv(['text_id', 'customer_id', 'created_at', 'text'], shop.messages.map((m) => [m.textId, m.customerId, m.at, m.text])));
  return paths;
}
