/**
 * Per-customer repeat-purchase summary, the input of BG/NBD and Gamma-Gamma. Time is in weeks
 * (7 × 86,400,000 ms) from each customer's first purchase: weeks keep the fitted α in a readable range
 * and match how the models are usually reported.
 *
 * A purchase is an order (lines sharing an order id) or, for lines without one, a UTC calendar day.
 * Cancellations, returns (negative quantity), lines without a time and lines worth ≤ 0 are ignored,
 * so free gifts and fees are not purchases.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { TransactionInput } from '../features/inputs.ts';
import { purchaseHistories, summaryFromHistories } from './purchase-history.ts';

export const dayMs = 86_400_000;
export const weekMs = 7 * dayMs;

export interface RfmSummaryOptions {
  /** Observation end, epoch ms; lines after it are ignored. Default: the latest line in the data (never the clock). */
  readonly end?: number;
  /** Only lines at or after this time count (epoch ms); used by time splits. */
  readonly start?: number;
  /** 'order': by order id, by day when a line has none; 'day': every purchase day is one purchase. */
  readonly groupBy?: 'order' | 'day';
}

export const defaults = Object.freeze({ groupBy: 'order' as const });

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

export function rfmSummary(transactions: readonly TransactionInput[], options: RfmSummaryOptions = {}): RfmSummary {
  const groupBy = options.groupBy ?? defaults.groupBy;
  if (groupBy !== 'order' && groupBy !== 'day') throw new PersonaError('bad_option', `rfmSummary: groupBy must be 'order' or 'day', got ${String(groupBy)}`);
  if (options.end !== undefined && !Number.isFinite(options.end)) throw new PersonaError('bad_option', `rfmSummary: end must be epoch ms, got ${options.end}`);
  if (options.start !== undefined && !Number.isFinite(options.start)) throw new PersonaError('bad_option', `rfmSummary: start must be epoch ms, got ${options.start}`);
  // One definition of a purchase for loaded lines and for the database's per-customer histories.
  const { histories, counts } = purchaseHistories(transactions, { ...options, groupBy });
  const summary = summaryFromHistories(histories, options.end);
  return { ...summary, counts: { ...counts, customers: summary.customerIds.length } };
}

function isNum(v: number | null | undefined): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}
