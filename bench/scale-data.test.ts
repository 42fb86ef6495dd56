/** The scale-bench generator at tiny sizes: same seed, same bytes; the shape and the planted habits. */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeScaleData } from './scale-data.ts';

const home = mkdtempSync(join(tmpdir(), 'scale-data-'));
afterAll(() => rmSync(home, { recursive: true, force: true }));

const read = (path: string) => readFileSync(path, 'utf8');
const rowsOf = (path: string) =>
  read(path)
    .trimEnd()
    .split('\n')
    .slice(1)
    .map((l) => l.split(','));

describe('scale data generator', () => {
  it('writes the same bytes for the same seed, other bytes for another seed, and a prefix-stable customer list', () => {
    const a = writeScaleData({ dir: join(home, 'a'), customers: 300, texts: 50, seed: 11 });
    const b = writeScaleData({ dir: join(home, 'b'), customers: 300, texts: 50, seed: 11 });
    const c = writeScaleData({ dir: join(home, 'c'), customers: 300, texts: 50, seed: 12 });
    const bigger = writeScaleData({ dir: join(home, 'd'), customers: 400, texts: 0, seed: 11 });
    for (const file of ['customers', 'transactions', 'texts'] as const) {
      expect(read(a[file] as string)).toBe(read(b[file] as string));
      expect(read(a[file] as string)).not.toBe(read(c[file] as string));
    }
    expect(a.counts).toEqual(b.counts);
    // Each customer draws from its own generator: the first 300 are the same at 400.
    expect(read(bigger.customers).startsWith(read(a.customers))).toBe(true);
    expect(read(bigger.transactions).startsWith(read(a.transactions))).toBe(true);
    expect(bigger.texts).toBeNull();
  });

  it('has about the mean lines per customer, every line naming a generated customer, and texts as asked', () => {
    const f = writeScaleData({ dir: join(home, 'shape'), customers: 500, texts: 120, seed: 3, linesPerCustomer: 20 });
    const customers = rowsOf(f.customers);
    const lines = rowsOf(f.transactions);
    expect(customers).toHaveLength(500);
    expect(lines).toHaveLength(f.counts.transactions);
    expect(f.counts.transactions / 500).toBeGreaterThan(18);
    expect(f.counts.transactions / 500).toBeLessThan(22);
    const ids = new Set(customers.map((r) => r[0]));
    expect(ids.size).toBe(500);
    expect(lines.every((r) => r.length === 8 && ids.has(r[1]))).toBe(true);
    const perCustomer = new Map<string, number>();
    for (const r of lines) perCustomer.set(r[1] as string, (perCustomer.get(r[1] as string) ?? 0) + 1);
    expect(Math.min(...perCustomer.values())).toBeGreaterThanOrEqual(10);
    expect(Math.max(...perCustomer.values())).toBeLessThanOrEqual(30);
    expect(rowsOf(f.texts as string)).toHaveLength(120);
    expect(f.bytes.transactions).toBe(Buffer.byteLength(read(f.transactions)));
  });

  it('plants habits that differ in basket size and price, with every habit present', () => {
    const f = writeScaleData({ dir: join(home, 'habits'), customers: 2000, seed: 5 });
    const habitOf = new Map(rowsOf(f.customers).map((r) => [r[0] as string, r[3] as string]));
    const stats = new Map<string, { lines: number; orders: Set<string>; spend: number }>();
    for (const r of rowsOf(f.transactions)) {
      const habit = habitOf.get(r[1] as string) as string;
      const s = stats.get(habit) ?? { lines: 0, orders: new Set<string>(), spend: 0 };
      s.lines++;
      s.orders.add(r[0] as string);
      s.spend += Math.abs(Number(r[5])) * Number(r[6]);
      stats.set(habit, s);
    }
    expect(stats.size).toBe(5);
    const linesPerOrder = [...stats.values()].map((s) => s.lines / s.orders.size);
    const spendPerLine = [...stats.values()].map((s) => s.spend / s.lines);
    // Planted differences are large, not noise: at least a factor of three between habits.
    expect(Math.max(...linesPerOrder) / Math.min(...linesPerOrder)).toBeGreaterThan(3);
    expect(Math.max(...spendPerLine) / Math.min(...spendPerLine)).toBeGreaterThan(3);
  });

  it('refuses bad sizes with the option named', () => {
    expect(() => writeScaleData({ dir: join(home, 'bad'), customers: 0 })).toThrow(/customers must be a positive integer, got 0/);
    expect(() => writeScaleData({ dir: join(home, 'bad'), customers: 5, texts: -1 })).toThrow(/texts/);
  });
});
