/**
 * Calibration/holdout check of the value models on one transaction log. The holdout is (cut, end];
 * by default the cut leaves the last 25% of the observed span (first to last valid purchase) as holdout.
 * Customers scored: everyone with a purchase on or before the cut (first-time buyers in the holdout
 * have no history to predict from and are only counted).
 *
 * Repeat purchases in the holdout (orders, or purchase days with groupBy 'day') are predicted by the
 * BG/NBD alone and compared with a naive count: the customer's repeat purchases in the last calibration
 * window of the holdout's length.
 *
 * Three predictions of each customer's holdout spend:
 * - BG/NBD + Gamma-Gamma fitted on calibration: E[purchases in L | history] × E[spend per purchase];
 * - naive "next period = last period": spend in the last calibration window of the holdout's length L;
 * - gradient-boosted trees on calibration features, trained one window earlier: features at cut − L
 *   predict spend in (cut − L, cut]; the model then maps features at the cut to the holdout.
 */
import { PersonaError } from '../../lib/errors.ts';
import { createMatrix, type Matrix } from '../../lib/matrix.ts';
import type { TransactionInput } from '../features/inputs.ts';
import { conditionalExpectedPurchases, fitBgNbd, type BgNbdOptions, type FittedBgNbd } from './bgnbd.ts';
import { conditionalExpectedValue, fitGammaGamma, type FittedGammaGamma, type GammaGammaOptions } from './gamma-gamma.ts';
import { lineValue, rfmSummary, weekMs, type RfmSummary } from './rfm-summary.ts';
import { trainXgbRegressor, type XgbRegressorOptions } from './xgboost.ts';

export interface HoldoutOptions {
  /** Start of the holdout, epoch ms (exclusive: lines at the cut are calibration). */
  readonly cut?: number;
  /** Share of the observed span used as holdout when no cut is given. */
  readonly holdoutShare?: number;
  /** Calibration length from the first purchase, in weeks (instead of cut): lines in those weeks calibrate. */
  readonly calibrationWeeks?: number;
  /** Holdout length after the cut, in weeks; default: up to the latest purchase. */
  readonly holdoutWeeks?: number;
  readonly groupBy?: 'order' | 'day';
  readonly bgnbd?: BgNbdOptions;
  readonly gammaGamma?: GammaGammaOptions;
  /** false skips the boosted-trees baseline. */
  readonly xgboost?: boolean;
  readonly xgboostOptions?: XgbRegressorOptions;
  /** The boosted-trees baseline needs at least this many training customers. */
  readonly minTrainingCustomers?: number;
}

export const defaults = Object.freeze({ holdoutShare: 0.25, groupBy: 'order' as const, xgboost: true, minTrainingCustomers: 20 });

export interface Score {
  readonly mae: number;
  /** 1 − SS_res/SS_tot; null when the actual values do not vary. */
  readonly r2: number | null;
  readonly customers: number;
  readonly predictedTotal: number;
  readonly actualTotal: number;
}

/** Repeat purchases in the holdout, summed over the scored customers, with per-customer errors. */
export interface PurchaseCounts {
  readonly actualTotal: number;
  /** BG/NBD conditional expectation over the holdout. */
  readonly predictedTotal: number;
  readonly mae: number;
  /** Repeat purchases in the last calibration window of the holdout's length. */
  readonly naiveTotal: number;
  readonly naiveMae: number;
}

export interface HoldoutResult {
  readonly start: number;
  readonly cut: number;
  readonly end: number;
  readonly calibrationWeeks: number;
  readonly holdoutWeeks: number;
  /** Customers with a purchase on or before the cut: the ones scored. */
  readonly customers: number;
  readonly repeatCustomers: number;
  /** Customers whose first purchase falls in the holdout (not scored). */
  readonly newInHoldout: number;
  readonly bgnbd: FittedBgNbd;
  readonly gammaGamma: FittedGammaGamma;
  readonly scores: { readonly bgnbdGammaGamma: Score; readonly naive: Score; readonly xgboost: Score | null };
  readonly purchases: PurchaseCounts;
  readonly notes: readonly string[];
  readonly customerIds: readonly string[];
  readonly actual: Float64Array;
  readonly predicted: { readonly bgnbdGammaGamma: Float64Array; readonly naive: Float64Array; readonly xgboost: Float64Array | null };
}

export async function evaluateHoldout(transactions: readonly TransactionInput[], options: HoldoutOptions = {}): Promise<HoldoutResult> {
  const share = options.holdoutShare ?? defaults.holdoutShare;
  const groupBy = options.groupBy ?? defaults.groupBy;
  const minTraining = options.minTrainingCustomers ?? defaults.minTrainingCustomers;
  if (!(share > 0 && share < 1)) throw new PersonaError('bad_option', `holdout: holdoutShare must be in (0, 1), got ${share}`);
  let start = Infinity;
  let last = -Infinity;
  for (const t of transactions) {
    if (lineValue(t) === null || t.at === null || !Number.isFinite(t.at)) continue;
    start = Math.min(start, t.at);
    last = Math.max(last, t.at);
  }
  if (!(last > start)) throw new PersonaError('bad_value', `holdout: needs purchases at two different times, got ${transactions.length} lines`);
  for (const [name, weeks] of [['calibrationWeeks', options.calibrationWeeks], ['holdoutWeeks', options.holdoutWeeks]] as const) {
    if (weeks !== undefined && !(Number.isFinite(weeks) && weeks > 0)) throw new PersonaError('bad_option', `holdout: ${name} must be a positive number of weeks, got ${weeks}`);
  }
  // Weeks counted from the first purchase: the cut falls just before the next week begins.
  const cut = options.cut ?? (options.calibrationWeeks !== undefined ? start + options.calibrationWeeks * weekMs - 1 : last - share * (last - start));
  if (!(cut > start && cut < last)) {
    throw new PersonaError('bad_option', `holdout: cut ${new Date(cut).toISOString()} must fall inside the data (${new Date(start).toISOString()} to ${new Date(last).toISOString()})`);
  }
  const end = options.holdoutWeeks !== undefined ? cut + options.holdoutWeeks * weekMs : last;
  const holdoutWeeks = (end - cut) / weekMs;
  const windowMs = end - cut;
  const notes: string[] = [];

  const calibration = rfmSummary(transactions, { end: cut, groupBy });
  const ids = calibration.customerIds;
  const index = new Map(ids.map((id, i) => [id, i]));
  const actual = spendBetween(transactions, index, cut, end);
  const bgnbd = fitBgNbd(calibration, options.bgnbd);
  const gammaGamma = fitGammaGamma(calibration, options.gammaGamma);
  if (!(gammaGamma.params.q > 1)) {
    throw new PersonaError('bad_value', `holdout: the spend model has no finite mean (Gamma-Gamma q = ${gammaGamma.params.q} ≤ 1)`);
  }
  const model = new Float64Array(ids.length);
  for (let i = 0; i < ids.length; i++) {
    const h = { x: calibration.frequency[i] as number, tx: calibration.recency[i] as number, T: calibration.T[i] as number };
    model[i] = conditionalExpectedPurchases(bgnbd.params, holdoutWeeks, h) * conditionalExpectedValue(gammaGamma.params, h.x, calibration.monetary[i] as number);
  }
  const naive = spendBetween(transactions, index, cut - windowMs, cut);

  let boosted: Float64Array | null = null;
  if (options.xgboost ?? defaults.xgboost) {
    const trainCut = cut - windowMs;
    const train = rfmSummary(transactions, { end: trainCut, groupBy });
    if (train.customerIds.length < minTraining) {
      notes.push(`xgboost skipped: ${train.customerIds.length} customers bought before ${new Date(trainCut).toISOString()}, fewer than ${minTraining} to train on`);
    } else {
      const trainIndex = new Map(train.customerIds.map((id, i) => [id, i]));
      const target = spendBetween(transactions, trainIndex, trainCut, cut);
      const trainX = features(train, spendBetween(transactions, trainIndex, trainCut - windowMs, trainCut));
      const regressor = await trainXgbRegressor(trainX, target, options.xgboostOptions);
      try {
        // Spend cannot be negative; squared-error trees can dip below zero between leaves.
        boosted = regressor.predict(features(calibration, naive)).map((v) => Math.max(0, v));
      } finally {
        regressor.free();
      }
    }
  }

  const purchases = purchaseCounts(transactions, calibration, bgnbd, { cut, end, windowMs, groupBy });

  let repeatCustomers = 0;
  for (const x of calibration.frequency) if (x > 0) repeatCustomers++;
  const allBuyers = rfmSummary(transactions, { end, groupBy }).customerIds.length;
  return {
    start,
    cut,
    end,
    calibrationWeeks: (cut - start) / weekMs,
    holdoutWeeks,
    customers: ids.length,
    repeatCustomers,
    newInHoldout: allBuyers - ids.length,
    bgnbd,
    gammaGamma,
    scores: { bgnbdGammaGamma: score(model, actual), naive: score(naive, actual), xgboost: boosted ? score(boosted, actual) : null },
    purchases,
    notes,
    customerIds: ids,
    actual,
    predicted: { bgnbdGammaGamma: model, naive, xgboost: boosted },
  };
}

/** Predicted (BG/NBD) and naive repeat purchases in (cut, end] against the actual ones, per calibration customer. */
function purchaseCounts(
  transactions: readonly TransactionInput[],
  calibration: RfmSummary,
  bgnbd: FittedBgNbd,
  w: { cut: number; end: number; windowMs: number; groupBy: 'order' | 'day' },
): PurchaseCounts {
  const holdoutWeeks = (w.end - w.cut) / weekMs;
  const inHoldout = purchasesIn(rfmSummary(transactions, { start: w.cut + 1, end: w.end, groupBy: w.groupBy }));
  const lastWindow = purchasesIn(rfmSummary(transactions, { start: w.cut - w.windowMs + 1, end: w.cut, groupBy: w.groupBy }));
  const out = { actualTotal: 0, predictedTotal: 0, mae: 0, naiveTotal: 0, naiveMae: 0 };
  const n = calibration.customerIds.length;
  calibration.customerIds.forEach((id, i) => {
    const h = { x: calibration.frequency[i] as number, tx: calibration.recency[i] as number, T: calibration.T[i] as number };
    const predicted = conditionalExpectedPurchases(bgnbd.params, holdoutWeeks, h);
    const actual = inHoldout.get(id) ?? 0;
    // The first purchase ever is not a repeat purchase, even when it falls in the window.
    const firstInWindow = (calibration.firstPurchase[i] as number) > w.cut - w.windowMs ? 1 : 0;
    const naive = Math.max(0, (lastWindow.get(id) ?? 0) - firstInWindow);
    out.actualTotal += actual;
    out.predictedTotal += predicted;
    out.naiveTotal += naive;
    out.mae += Math.abs(predicted - actual) / n;
    out.naiveMae += Math.abs(naive - actual) / n;
  });
  return out;
}

/** Purchases per customer in a summary's window. */
function purchasesIn(s: RfmSummary): Map<string, number> {
  return new Map(s.customerIds.map((id, i) => [id, (s.frequency[i] as number) + 1]));
}

/** Feature columns for the boosted trees, one row per summary customer. */
export const featureNames = ['frequency', 'recency_weeks', 'age_weeks', 'weeks_since_last', 'monetary', 'total_spend', 'last_window_spend'] as const;

function features(s: RfmSummary, lastWindow: Float64Array): Matrix {
  const n = s.customerIds.length;
  const cols = featureNames.length;
  const data = new Float64Array(n * cols);
  for (let i = 0; i < n; i++) {
    const T = s.T[i] as number;
    const tx = s.recency[i] as number;
    data.set([s.frequency[i] as number, tx, T, T - tx, s.monetary[i] as number, s.totalSpend[i] as number, lastWindow[i] as number], i * cols);
  }
  return createMatrix(n, cols, data);
}

/** Spend per indexed customer in (from, to]. */
export function spendBetween(transactions: readonly TransactionInput[], index: ReadonlyMap<string, number>, from: number, to: number): Float64Array {
  const out = new Float64Array(index.size);
  for (const t of transactions) {
    if (t.at === null || !(t.at > from && t.at <= to)) continue;
    const row = index.get(t.customerId);
    if (row === undefined) continue;
    const value = lineValue(t);
    if (value !== null) out[row] = (out[row] as number) + value;
  }
  return out;
}

export function score(predicted: ArrayLike<number>, actual: ArrayLike<number>): Score {
  const n = actual.length;
  if (predicted.length !== n) throw new PersonaError('shape_mismatch', `holdout: ${predicted.length} predictions for ${n} actual values`);
  let actualTotal = 0;
  let predictedTotal = 0;
  for (let i = 0; i < n; i++) {
    actualTotal += actual[i] as number;
    predictedTotal += predicted[i] as number;
  }
  const mean = n ? actualTotal / n : 0;
  let abs = 0;
  let res = 0;
  let tot = 0;
  for (let i = 0; i < n; i++) {
    const y = actual[i] as number;
    const e = (predicted[i] as number) - y;
    abs += Math.abs(e);
    res += e * e;
    tot += (y - mean) ** 2;
  }
  return { mae: n ? abs / n : 0, r2: tot > 0 ? 1 - res / tot : null, customers: n, predictedTotal, actualTotal };
}
