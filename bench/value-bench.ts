/**
 * Value models on online_retail: the file is imported with the project's importer into a fresh embedded
 * database (so cancellations and lines without a customer are flagged exactly as in a real run), the
 * transactions are loaded as a segmentation would load them, and the calibration/holdout check compares
 * BG/NBD + Gamma-Gamma, the naive last-period baseline and boosted trees.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { openDatabase } from '../db/client.ts';
import { toTransactionInput } from '../services/segment/load-inputs.ts';
import { transactionsOf } from '../db/queries/customer-data.ts';
import type { TransactionInput } from '../pipeline/features/inputs.ts';
import { importDataset } from '../services/ingest/import-dataset.ts';
import { evaluateHoldout, type Score } from '../pipeline/value/holdout.ts';
import { segmentValues } from '../pipeline/value/segment-value.ts';

const file = resolve('../shared/data/online_retail/online_retail.csv.gz');

const seconds = (ms: number): number => +(ms / 1000).toFixed(2);
const round = (v: number, digits = 4): number => +v.toPrecision(digits);
const rounded = (s: Score | null) =>
  s && { mae: round(s.mae), r2: s.r2 === null ? null : round(s.r2), customers: s.customers, predictedTotal: Math.round(s.predictedTotal), actualTotal: Math.round(s.actualTotal) };

export async function runValueBench(): Promise<Record<string, unknown>> {
  if (!existsSync(file)) return { skipped: `${file} is absent` };
  const home = mkdtempSync(join(tmpdir(), 'persona-bench-'));
  try {
    const handle = await openDatabase({ dataDir: join(home, 'db') });
    let transactions: TransactionInput[];
    const t0 = performance.now();
    try {
      const outcome = await importDataset(handle.db, { file, settings: { overrides: {}, kind: 'transactions' } });
      transactions = (await transactionsOf(handle.db, outcome.dataset.id)).map(toTransactionInput);
    } finally {
      await handle.close();
    }
    const loadMs = performance.now() - t0;
    const customers = new Set(transactions.map((t) => t.customerId));
    const cancellations = transactions.filter((t) => t.isCancellation).length;

    const t1 = performance.now();
    const holdout = await evaluateHoldout(transactions);
    const holdoutMs = performance.now() - t1;

    // The full-history fit a segmentation would make, with every customer in one segment.
    const ids = [...customers].sort();
    const t2 = performance.now();
    const value = segmentValues({ customerIds: ids, labels: new Int32Array(ids.length), clusterCount: 1, transactions, currency: 'GBP' });
    const valueMs = performance.now() - t2;

    const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
    return {
      file: 'online_retail/online_retail.csv.gz',
      lines: transactions.length,
      cancellationLines: cancellations,
      customers: customers.size,
      split: {
        calibration: `${iso(holdout.start)} .. ${iso(holdout.cut)}`,
        holdout: `${iso(holdout.cut)} .. ${iso(holdout.end)}`,
        calibrationWeeks: round(holdout.calibrationWeeks),
        holdoutWeeks: round(holdout.holdoutWeeks),
      },
      scoredCustomers: holdout.customers,
      repeatCustomersInCalibration: holdout.repeatCustomers,
      newCustomersInHoldout: holdout.newInHoldout,
      calibrationFit: {
        bgnbd: { ...mapValues(holdout.bgnbd.params), logLikelihood: round(holdout.bgnbd.logLikelihood, 8), iterations: holdout.bgnbd.iterations, converged: holdout.bgnbd.converged },
        gammaGamma: { ...mapValues(holdout.gammaGamma.params), customers: holdout.gammaGamma.customers, iterations: holdout.gammaGamma.iterations, converged: holdout.gammaGamma.converged },
      },
      holdoutSpend: {
        bgnbdGammaGamma: rounded(holdout.scores.bgnbdGammaGamma),
        naiveLastPeriod: rounded(holdout.scores.naive),
        xgboost: rounded(holdout.scores.xgboost),
      },
      // One customer can dominate squared-error scores; this shows how much.
      largestHoldoutCustomerShare: round(Math.max(...holdout.actual) / holdout.scores.naive.actualTotal),
      notes: holdout.notes,
      fullHistory: { segment: value.segments[0], params: value.report.params, counts: value.report.counts },
      seconds: { importAndLoad: seconds(loadMs), holdoutEvaluation: seconds(holdoutMs), segmentValues: seconds(valueMs) },
    };
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

function mapValues(o: object): Record<string, number> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, round(v as number)]));
}
