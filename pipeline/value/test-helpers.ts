/** Builds an RfmSummary from plain columns for tests. */
import type { RfmSummary } from './rfm-summary.ts';

export function summaryOf(rows: readonly { x: number; tx: number; T: number; m?: number }[]): RfmSummary {
  return {
    customerIds: rows.map((_, i) => `c${i}`),
    frequency: Float64Array.from(rows, (r) => r.x),
    recency: Float64Array.from(rows, (r) => r.tx),
    T: Float64Array.from(rows, (r) => r.T),
    monetary: Float64Array.from(rows, (r) => r.m ?? 0),
    totalSpend: Float64Array.from(rows, (r) => (r.m ?? 0) * (r.x + 1)),
    firstPurchase: new Float64Array(rows.length),
    end: 0,
    counts: {},
  };
}
