/**
 * BG/NBD on the CDNOW purchase log with the paper's calibration/holdout split (first 39 weeks /
 * last 39 weeks, by purchase day): predicted against actual repeat purchases in the holdout, with the
 * mean absolute error against a naive baseline (each customer repeats the calibration count). Skipped
 * when ../shared/data is absent.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { TransactionInput } from '../features/inputs.ts';
import { conditionalExpectedPurchases, fitBgNbd } from './bgnbd.ts';
import { dayMs, rfmSummary, weekMs } from './rfm-summary.ts';

const file = fileURLToPath(new URL('../../../shared/data/cdnow/CDNOW_master.txt', import.meta.url));
const present = existsSync(file);
if (!present) console.warn(`skipping the CDNOW holdout test: ${file} is absent`);

/** The headerless log: id, YYYYMMDD, CDs, dollars, separated by runs of spaces. */
function readLog(): TransactionInput[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map((line, i) => {
      const [id, date, cds, dollars] = line.split(/\s+/);
      const at = Date.UTC(Number(date!.slice(0, 4)), Number(date!.slice(4, 6)) - 1, Number(date!.slice(6, 8)));
      return { customerId: id!, orderId: `${id}-${i}`, at, quantity: Number(cds), price: null, amount: Number(dollars), isCancellation: false, attributes: {} };
    });
}

describe.skipIf(!present)('BG/NBD on CDNOW, calibration / holdout', () => {
  it('predicts holdout repeat purchases better than the naive baseline', () => {
    const log = readLog();
    const start = Math.min(...log.map((t) => t.at as number));
    const cut = start + 39 * weekMs - dayMs; // the last calibration day
    const end = start + 78 * weekMs - dayMs;
    const calibration = rfmSummary(log.filter((t) => (t.at as number) <= cut), { groupBy: 'day', end: cut + dayMs });
    const fitted = fitBgNbd(calibration);
    const holdoutWeeks = (end - cut) / weekMs;
    const actualDays = new Map<string, Set<number>>();
    for (const t of log) {
      if ((t.at as number) <= cut || (t.at as number) > end) continue;
      const days = actualDays.get(t.customerId) ?? new Set<number>();
      days.add(t.at as number);
      actualDays.set(t.customerId, days);
    }
    let predictedTotal = 0;
    let actualTotal = 0;
    let maeModel = 0;
    let maeNaive = 0;
    const n = calibration.customerIds.length;
    calibration.customerIds.forEach((id, i) => {
      const h = { x: calibration.frequency[i] as number, tx: calibration.recency[i] as number, T: calibration.T[i] as number };
      const predicted = conditionalExpectedPurchases(fitted.params, holdoutWeeks, h);
      const actual = actualDays.get(id)?.size ?? 0;
      predictedTotal += predicted;
      actualTotal += actual;
      maeModel += Math.abs(predicted - actual) / n;
      maeNaive += Math.abs(h.x - actual) / n;
    });
    console.log(
      `CDNOW: ${n} customers, calibration ${((cut - start) / weekMs + 1 / 7).toFixed(1)} weeks, holdout ${holdoutWeeks.toFixed(1)} weeks; ` +
        `BG/NBD r=${fitted.params.r.toFixed(3)} alpha=${fitted.params.alpha.toFixed(2)} a=${fitted.params.a.toFixed(3)} b=${fitted.params.b.toFixed(3)}; ` +
        `holdout repeat purchases predicted ${predictedTotal.toFixed(0)} vs actual ${actualTotal}; MAE per customer BG/NBD ${maeModel.toFixed(3)} vs naive ${maeNaive.toFixed(3)}`,
    );
    // Every customer first buys in the first quarter; those whose calibration lines are all $0 have no valued purchase.
    expect(n).toBeGreaterThan(23_400);
    expect(Math.abs(predictedTotal - actualTotal) / actualTotal).toBeLessThan(0.2);
    expect(maeModel).toBeLessThan(maeNaive);
  });
});
