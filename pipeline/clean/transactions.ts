/**
 * Row-level checks for transaction lines, which stream through in batches and never form a frame.
 * Lines are never changed or dropped here: each gets flags, and the counter totals them for the report.
 */

export type TransactionFlag = 'cancellation' | 'non_positive_price' | 'missing_customer';

export const transactionFlags: readonly TransactionFlag[] = ['cancellation', 'non_positive_price', 'missing_customer'];

export interface TransactionCheckInput {
  readonly orderId: string | null;
  readonly quantity: number | null;
  readonly price: number | null;
  readonly customerId: string | null;
}

/** Whether an order id beginning with "C" and a digit marks a cancellation (see invoiceLike). */
export interface CancellationRule {
  readonly byPrefix: boolean;
}

const invoiceNumber = /^c?\d+$/i;

/**
 * Order ids look like invoice numbers when most of them (≥ 90% of a sample) are digits after an
 * optional C ("536365", "C536379"); hex or mixed ids ("c4e2a9f0…") do not, so their leading "c" says
 * nothing about cancellation.
 */
export function invoiceLike(sample: readonly string[], minShare = 0.9): boolean {
  const ids = sample.map((s) => s.trim()).filter(Boolean);
  if (!ids.length) return false;
  return ids.filter((s) => invoiceNumber.test(s)).length / ids.length >= minShare;
}

/**
 * A cancelling invoice number is "C" followed by the number (C536379). Requiring a digit after the C
 * keeps order ids that merely begin with a letter C (e.g. "CA-2017-152156") from reading as cancellations.
 */
const cancellationId = /^c\d/i;

/** Flags for one line, in the fixed order of `transactionFlags`. */
export function checkTransaction(t: TransactionCheckInput, rule: CancellationRule = { byPrefix: true }): TransactionFlag[] {
  const flags: TransactionFlag[] = [];
  const order = t.orderId?.trim() ?? '';
  if ((rule.byPrefix && cancellationId.test(order)) || (isNumber(t.quantity) && t.quantity < 0)) flags.push('cancellation');
  if (isNumber(t.price) && t.price <= 0) flags.push('non_positive_price');
  if (!t.customerId || t.customerId.trim() === '') flags.push('missing_customer');
  return flags;
}

function isNumber(v: number | null): v is number {
  return v !== null && Number.isFinite(v);
}

/** Totals flags over a stream of lines; `counts` lists only flags seen, always in the same order. */
export class TransactionCleanCounter {
  private readonly totals = new Map<TransactionFlag, number>();
  private seen = 0;
  private flagged = 0;

  add(flags: readonly TransactionFlag[]): void {
    this.seen++;
    if (flags.length) this.flagged++;
    for (const f of flags) this.totals.set(f, (this.totals.get(f) ?? 0) + 1);
  }

  /** Lines passed to add(), flagged or not. */
  get lines(): number {
    return this.seen;
  }

  /** Lines with at least one flag. */
  get flaggedLines(): number {
    return this.flagged;
  }

  get counts(): Partial<Record<TransactionFlag, number>> {
    const out: Partial<Record<TransactionFlag, number>> = {};
    for (const f of transactionFlags) {
      const n = this.totals.get(f);
      if (n) out[f] = n;
    }
    return out;
  }
}
