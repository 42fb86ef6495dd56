import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import type { TransactionInput } from '../features/inputs.ts';
import { evaluateHoldout, score } from './holdout.ts';
import { dayMs } from './rfm-summary.ts';
import { simulateCustomers } from './simulate.ts';

const t0 = Date.UTC(2023, 0, 1);
const at = (day: number) => t0 + day * dayMs;
const buy = (customerId: string, day: number, amount: number, isCancellation = false): TransactionInput => ({
  customerId,
  orderId: `${customerId}-${day}${isCancellation ? 'C' : ''}`,
  at: at(day),
  quantity: 1,
  price: amount,
  amount,
  isCancellation,
  attributes: {},
});

// Days 0..100: the default cut leaves the last 25 days (75, 100] as holdout.
const log: TransactionInput[] = [
  buy('A', 0, 10), buy('A', 40, 20), buy('A', 60, 30), buy('A', 90, 40),
  buy('B', 10, 5), buy('B', 20, 5), buy('B', 100, 50),
  buy('C', 30, 100), buy('C', 74, 100),
  buy('D', 80, 7),
  buy('E', 5, 1, true), buy('E', 20, 8),
];

describe('score', () => {
  it('gives MAE and R² by hand', () => {
    // actual 40, 50, 0, 0 (mean 22.5, SS_tot 2075); predicted 30, 0, 100, 0 (SS_res 12600)
    const s = score([30, 0, 100, 0], [40, 50, 0, 0]);
    expect(s.mae).toBeCloseTo(40, 12);
    expect(s.r2).toBeCloseTo(1 - 12600 / 2075, 12);
    expect(s.actualTotal).toBe(90);
    expect(s.predictedTotal).toBe(130);
    expect(score([1, 1], [3, 3]).r2).toBeNull();
  });
});

describe('evaluateHoldout', () => {
  it('counts repeat purchases in the holdout and in the naive window by hand', async () => {
    const result = await evaluateHoldout(log, { xgboost: false });
    // Holdout (75, 100]: A on 90, B on 100. Last calibration window (50, 75]: A on 60, C on 74 (neither a first purchase).
    expect(result.purchases).toMatchObject({ actualTotal: 2, naiveTotal: 2 });
    expect(result.purchases.naiveMae).toBeCloseTo(0.5, 12); // A 0, B 1, C 1, E 0 over 4 customers
    expect(result.purchases.predictedTotal).toBeGreaterThan(0);
  });

  it('splits by calibration and holdout weeks counted from the first purchase', async () => {
    const result = await evaluateHoldout(log, { calibrationWeeks: 9, holdoutWeeks: 4, xgboost: false });
    expect(result.cut).toBe(at(63) - 1);
    expect(result.end).toBe(at(91) - 1);
    expect(result.customerIds).toEqual(['A', 'B', 'C', 'E']);
    // Holdout (days 63..90): A on 90, C on 74. Naive window (days 35..62): A on 40 and 60, nobody else.
    expect(result.purchases).toMatchObject({ actualTotal: 2, naiveTotal: 2 });
    expect(result.purchases.naiveMae).toBeCloseTo(0.5, 12); // A |2 − 1|, C |0 − 1| over 4 customers
    await expect(evaluateHoldout(log, { calibrationWeeks: -1 })).rejects.toThrow(/calibrationWeeks must be a positive number/);
  });

  it('splits a small log at 75% of its span and scores the naive baseline by hand', async () => {
    const result = await evaluateHoldout(log);
    expect(result.start).toBe(at(0));
    expect(result.end).toBe(at(100));
    expect(result.cut).toBe(at(75));
    expect(result.holdoutWeeks).toBeCloseTo(25 / 7, 12);
    expect(result.customerIds).toEqual(['A', 'B', 'C', 'E']); // D first buys in the holdout
    expect(result.newInHoldout).toBe(1);
    expect(result.repeatCustomers).toBe(3);
    expect(Array.from(result.actual)).toEqual([40, 50, 0, 0]);
    expect(Array.from(result.predicted.naive)).toEqual([30, 0, 100, 0]); // spend in (50, 75]
    expect(result.scores.naive.mae).toBeCloseTo(40, 12);
    expect(result.scores.naive.r2).toBeCloseTo(1 - 12600 / 2075, 12);
    expect(result.scores.bgnbdGammaGamma.customers).toBe(4);
    expect(result.predicted.bgnbdGammaGamma.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    // Only A, C and E bought before (25, 50]'s start at day 50 − 25: far too few to train trees on.
    expect(result.scores.xgboost).toBeNull();
    expect(result.notes[0]).toMatch(/xgboost skipped: \d+ customers bought before .*fewer than 20/);
  });

  it('takes an explicit cut and rejects one outside the data', async () => {
    const result = await evaluateHoldout(log, { cut: at(50), xgboost: false });
    expect(result.customerIds).toEqual(['A', 'B', 'C', 'E']);
    expect(Array.from(result.actual)).toEqual([70, 50, 100, 0]);
    await expect(evaluateHoldout(log, { cut: at(120) })).rejects.toThrow(/must fall inside the data/);
    await expect(evaluateHoldout(log, { holdoutShare: 1 })).rejects.toThrow(/holdoutShare/);
  });

  it('on BG/NBD-generated data the model beats the naive baseline, and every score is reproducible', async () => {
    const bg = { r: 0.8, alpha: 4, a: 0.8, b: 2.5 };
    const gg = { p: 6, q: 4, v: 15 };
    const sim = simulateCustomers(bg, gg, createRng(42), { customers: 1500, minWeeks: 40, maxWeeks: 80, extraWeeks: 20 });
    const options = { cut: sim.end, xgboostOptions: { rounds: 100 } };
    const result = await evaluateHoldout(sim.transactions, options);
    expect(result.holdoutWeeks).toBeGreaterThan(19);
    expect(result.customers).toBe(1500);
    const { bgnbdGammaGamma: model, naive, xgboost } = result.scores;
    expect(xgboost).not.toBeNull();
    expect(model.mae).toBeLessThan(naive.mae);
    expect(model.r2 as number).toBeGreaterThan(naive.r2 as number);
    expect(model.r2 as number).toBeGreaterThan(0);
    expect(xgboost!.customers).toBe(1500);
    expect(Math.abs(model.predictedTotal / model.actualTotal - 1)).toBeLessThan(0.15);
    const again = await evaluateHoldout(sim.transactions, options);
    expect(again.scores).toEqual(result.scores);
    expect(Array.from(again.predicted.xgboost!)).toEqual(Array.from(result.predicted.xgboost!));
  });
});
