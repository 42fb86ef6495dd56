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
import { purchaseHistories, summaryFromHistories, type RfmSummary } from './purchase-history.ts';

export { dayMs, weekMs, lineValue, purchaseKey, type RfmSummary } from './purchase-history.ts';

export interface RfmSummaryOptions {
  /** Observation end, epoch ms; lines after it are ignored. Default: the latest line in the data (never the clock). */
  readonly end?: number;
  /** Only lines at or after this time count (epoch ms); used by time splits. */
  readonly start?: number;
  /** 'order': by order id, by day when a line has none; 'day': every purchase day is one purchase. */
  readonly groupBy?: 'order' | 'day';
}

export const defaults = Object.freeze({ groupBy: 'order' as const });

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
