/**
 * One record per customer with everything the value stage reads from transaction lines: purchases
 * (orders, or UTC days for lines without an order id, as `rfm-summary.ts` defines them), the first and
 * last purchase time, the value of the first purchase and of all purchases, and the line-level figures
 * the stage also needs (lines, dated lines, latest line, spend of every purchase line, undated too).
 * Computed here from loaded lines, or by the database with GROUP BY customer
 * (`db/queries/purchase-histories.ts`); a test holds the two equal, bit for bit, on both drivers.
 * `rfm-summary.ts` builds the BG/NBD input from these.
 */
import type { TransactionInput } from '../features/inputs.ts';

export const dayMs = 86_400_000;
export const weekMs = 7 * dayMs;

/** Column-oriented summary; row i describes customerIds[i]. Times in weeks. */
export interface RfmSummary {
  readonly customerIds: readonly string[];
  /** Repeat purchases: purchases − 1. */
  readonly frequency: Float64Array;
  /** Weeks from the first to the last purchase (t_x). */
  readonly recency: Float64Array;
  /** Weeks from the first purchase to the observation end. */
  readonly T: Float64Array;
  /** Mean value of the repeat purchases (0 when there are none). */
  readonly monetary: Float64Array;
  /** Value of all purchases, the first included. */
  readonly totalSpend: Float64Array;
  /** Epoch ms of the first purchase. */
  readonly firstPurchase: Float64Array;
  /** The observation end used, epoch ms (NaN when no line has a time). */
  readonly end: number;
  readonly counts: Readonly<Record<string, number>>;
}

/** The money of a line, or null when it is not a purchase line. */
export function lineValue(t: TransactionInput): number | null {
  if (t.isCancellation) return null;
  if (isNum(t.quantity) && t.quantity < 0) return null;
  if (isNum(t.price) && t.price <= 0) return null;
  const value = isNum(t.amount) ? t.amount : isNum(t.quantity) && isNum(t.price) ? t.quantity * t.price : null;
  return value !== null && value > 0 ? value : null;
}

/** Purchase key of a line: order id when present, else the UTC day. */
export function purchaseKey(t: TransactionInput, at: number, groupBy: 'order' | 'day'): string {
  if (groupBy === 'order' && t.orderId !== null && t.orderId !== '') return `o:${t.orderId}`;
  return `d:${Math.floor(at / dayMs)}`;
}


export interface CustomerPurchaseHistory {
  readonly customerId: string;
  /** Every line, cancellations included. */
  readonly lines: number;
  /** Lines with a time, whether purchases or not. */
  readonly datedLines: number;
  /** The latest time of any line in the window, cancellations included (the default observation end). */
  readonly latestLineAt: number | null;
  /** Money of every purchase line in line order, undated lines included (the spend proxy). */
  readonly lineSpend: number;
  /** Purchases with a time in the window. */
  readonly purchases: number;
  readonly firstPurchaseAt: number | null;
  readonly lastPurchaseAt: number | null;
  /** Value of the first purchase (by time, then by value); 0 without purchases. */
  readonly firstPurchaseValue: number;
  /** Value of all purchases, added in (time, value) order; 0 without purchases. */
  readonly purchaseTotal: number;
}

export interface PurchaseHistoryOptions {
  readonly start?: number;
  readonly end?: number;
  readonly groupBy?: 'order' | 'day';
}

export interface PurchaseHistoryCounts {
  lines: number;
  notPurchase: number;
  noTime: number;
  outsideWindow: number;
}

interface Purchase {
  at: number;
  value: number;
}

interface Account {
  lines: number;
  datedLines: number;
  latest: number | null;
  spend: number;
  purchases: Map<string, Purchase>;
}

/** Histories of every customer with a line, by customer id ascending, with line counts by fate. */
export function purchaseHistories(transactions: readonly TransactionInput[], options: PurchaseHistoryOptions = {}): { histories: CustomerPurchaseHistory[]; counts: PurchaseHistoryCounts } {
  const groupBy = options.groupBy ?? 'order';
  const start = options.start ?? -Infinity;
  const limit = options.end ?? Infinity;
  const counts = { lines: transactions.length, notPurchase: 0, noTime: 0, outsideWindow: 0 };
  const accounts = new Map<string, Account>();
  for (const t of transactions) {
    let a = accounts.get(t.customerId);
    if (!a) accounts.set(t.customerId, (a = { lines: 0, datedLines: 0, latest: null, spend: 0, purchases: new Map() }));
    a.lines++;
    const dated = isNum(t.at);
    if (dated) a.datedLines++;
    if (dated && t.at <= limit && t.at >= start && (a.latest === null || t.at > a.latest)) a.latest = t.at;
    const value = lineValue(t);
    if (value === null) {
      counts.notPurchase++;
      continue;
    }
    a.spend += value;
    if (!dated) {
      counts.noTime++;
      continue;
    }
    if (t.at > limit || t.at < start) {
      counts.outsideWindow++;
      continue;
    }
    const key = purchaseKey(t, t.at, groupBy);
    const p = a.purchases.get(key);
    if (p) {
      p.value += value;
      p.at = Math.min(p.at, t.at);
    } else a.purchases.set(key, { at: t.at, value });
  }
  const ids = [...accounts.keys()].sort((x, y) => (x < y ? -1 : x > y ? 1 : 0));
  const histories = ids.map((customerId): CustomerPurchaseHistory => {
    const a = accounts.get(customerId) as Account;
    const purchases = [...a.purchases.values()].sort((x, y) => x.at - y.at || x.value - y.value);
    let total = 0;
    for (const p of purchases) total += p.value;
    return {
      customerId,
      lines: a.lines,
      datedLines: a.datedLines,
      latestLineAt: a.latest,
      lineSpend: a.spend,
      purchases: purchases.length,
      firstPurchaseAt: purchases[0]?.at ?? null,
      lastPurchaseAt: purchases.at(-1)?.at ?? null,
      firstPurchaseValue: purchases[0]?.value ?? 0,
      purchaseTotal: total,
    };
  });
  return { histories, counts };
}

/**
 * The BG/NBD and Gamma-Gamma input of these customers: those with a purchase, in the order given.
 * The observation end is `end`, else the latest line of any of them (never the clock).
 */
export function summaryFromHistories(histories: readonly CustomerPurchaseHistory[], end?: number): RfmSummary {
  let latest = -Infinity;
  for (const h of histories) if (h.latestLineAt !== null && h.latestLineAt > latest) latest = h.latestLineAt;
  const observed = end ?? (Number.isFinite(latest) ? latest : Number.NaN);
  const buyers = histories.filter((h) => h.purchases > 0);
  const n = buyers.length;
  const frequency = new Float64Array(n);
  const recency = new Float64Array(n);
  const T = new Float64Array(n);
  const monetary = new Float64Array(n);
  const totalSpend = new Float64Array(n);
  const firstPurchase = new Float64Array(n);
  buyers.forEach((h, i) => {
    const first = h.firstPurchaseAt as number;
    frequency[i] = h.purchases - 1;
    recency[i] = ((h.lastPurchaseAt as number) - first) / weekMs;
    T[i] = (observed - first) / weekMs;
    monetary[i] = h.purchases > 1 ? (h.purchaseTotal - h.firstPurchaseValue) / (h.purchases - 1) : 0;
    totalSpend[i] = h.purchaseTotal;
    firstPurchase[i] = first;
  });
  return { customerIds: buyers.map((h) => h.customerId), frequency, recency, T, monetary, totalSpend, firstPurchase, end: observed, counts: { customers: n } };
}

function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
