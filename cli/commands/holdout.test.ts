/**
 * `persona import` then `persona holdout` as a user runs them (through main(), in this process), on a
 * generated headerless, space-aligned purchase log: the log imports without flags and the holdout report
 * gives predicted and actual repeat purchases with the MAE of the model and of the naive baseline.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { personaInProcess } from '../../test/cli-in-process.ts';
import { cloneEmptyHome, type EmptyHome } from '../../test/empty-database.ts';
import { main } from '../main.ts';
import { renderHoldout } from './holdout.ts';

let empty: EmptyHome;
let home: string;

const persona = (...args: string[]) => personaInProcess(home, ...args);

/** 80 members over 20 weeks from 2030-03-04: member m buys every (2 + m % 5) weeks, some stop halfway. */
function log(): string {
  const lines: string[] = [];
  const start = Date.UTC(2030, 2, 4);
  for (let m = 1; m <= 80; m++) {
    const every = 2 + (m % 5);
    const stop = m % 4 === 0 ? 9 : 20;
    for (let week = m % 3; week < stop; week += every) {
      const day = new Date(start + (week * 7 + (m % 7)) * 86_400_000).toISOString().slice(0, 10).replace(/-/g, '');
      lines.push(`  ${String(m).padStart(4, '0')}  ${day}  ${1 + (m % 3)}  ${(5 + m * 0.37 + week).toFixed(2).padStart(7)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  empty = await cloneEmptyHome('persona-holdout');
  home = empty.home;
});
afterAll(() => empty?.remove());

describe('persona holdout', () => {
  it('checks the value models on an imported headerless log', async () => {
    const file = join(home, 'visits.log');
    writeFileSync(file, log());
    const imported = await persona('import', file, '--json');
    expect(imported.code, imported.stderr).toBe(0);
    expect(JSON.parse(imported.stdout)).toMatchObject({ status: 'imported', dataset: { kind: 'transactions', delimiter: 'whitespace' } });

    const checked = await persona('holdout', '--calibration-weeks', '12', '--holdout-weeks', '8', '--no-xgboost', '--json');
    expect(checked.code, checked.stderr).toBe(0);
    const report = JSON.parse(checked.stdout);
    expect(report.calibration).toMatchObject({ from: '2030-03-04', weeks: 12 });
    expect(report.holdout.weeks).toBe(8);
    const p = report.repeatPurchases;
    expect(p.actualTotal).toBeGreaterThan(0);
    for (const v of [p.predictedTotal, p.mae, p.naiveTotal, p.naiveMae]) expect(Number.isFinite(v)).toBe(true);

    const text = renderHoldout(report);
    expect(text).toMatch(/Repeat purchases in the holdout/);
    expect(text).toMatch(/BG\/NBD\s+[\d,]+\s+[\d,]+\s+\d+\.\d{3}/);
  });

  it('refuses a calibration length that is not a number of weeks before opening any data', async () => {
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'persona', 'holdout', '--calibration-weeks', 'ten'])).toBe(1);
      expect(err.mock.calls.map((c) => String(c[0])).join('')).toMatch(/--calibration-weeks expects a positive number of weeks; got "ten"/);
    } finally {
      err.mockRestore();
    }
  });
});
