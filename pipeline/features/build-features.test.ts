import { describe, expect, it } from 'vitest';
import { PersonaError } from '../../lib/errors.ts';
import { buildFeatures, featureDefaults } from './build-features.ts';
import type { FeatureInputs, TextInput, TransactionInput } from './inputs.ts';
import type { FeatureBlock, FeatureSet } from './types.ts';

const day = 86_400_000;
const t0 = Date.parse('2024-03-01T12:00:00Z');
const tx = (customerId: string, orderId: string, at: number, amount: number, extra: Partial<TransactionInput> = {}): TransactionInput => ({
  customerId,
  orderId,
  at,
  quantity: 1,
  price: amount,
  amount,
  isCancellation: false,
  attributes: {},
  ...extra,
});
const txt = (customerId: string, body: string, at: number): TextInput => ({ customerId, body, at, replyToId: null });

const inputs: FeatureInputs = {
  customerIds: ['c1', 'c2', 'c3', 'c4'],
  customers: [
    { id: 'c1', attributes: { age: 30, city: 'Leeds', tier: 'gold', since: '2023-01-01' } },
    { id: 'c2', attributes: { age: 45, city: 'York', tier: 'silver', since: '2023-06-01' } },
    { id: 'c3', attributes: { age: 52, city: 'Leeds', tier: 'gold', since: '2022-01-01' } },
    { id: 'ghost', attributes: { age: 99, city: 'Hull', tier: 'gold', since: '2020-01-01' } },
  ],
  customerRoles: { tier: 'label' },
  transactions: [
    tx('c1', 'o1', t0 - 30 * day, 10),
    tx('c1', 'o2', t0 - 10 * day, 30),
    tx('c2', 'o3', t0 - 5 * day, 100),
    tx('c3', 'o4', t0 - 50 * day, 20),
    tx('c3', 'o5', t0, 25),
    tx('nobody', 'o6', t0 + 100 * day, 5),
  ],
  texts: [txt('c1', 'great fast delivery', t0 - 2 * day), txt('c2', 'WHERE IS MY REFUND?', t0 - day)],
};

const block = (set: FeatureSet, name: string): FeatureBlock => {
  const b = set.blocks.find((x) => x.name === name);
  if (!b) throw new Error(`no ${name} block`);
  return b;
};
const column = (b: FeatureBlock, name: string, raw = true): number[] => {
  const j = b.columns.findIndex((c) => c.name === name);
  if (j < 0) throw new Error(`no column ${name}`);
  const m = raw ? b.raw : b.scaled;
  return Array.from({ length: m.rows }, (_, i) => m.data[i * m.cols + j] as number);
};

describe('buildFeatures', () => {
  const set = buildFeatures(inputs);

  it('returns blocks in a fixed order, rows following customerIds', () => {
    expect(set.customerIds).toEqual(['c1', 'c2', 'c3', 'c4']);
    expect(set.blocks.map((b) => b.name)).toEqual(['behavioural', 'value', 'demographic']);
    for (const b of set.blocks) {
      expect(b.raw.rows).toBe(4);
      expect(b.scaled.rows).toBe(4);
      expect(b.raw.cols).toBe(b.columns.length);
      for (const v of [...b.raw.data, ...b.scaled.data]) expect(Number.isFinite(v)).toBe(true);
      for (const v of b.scaled.data) expect(Math.abs(v)).toBeLessThanOrEqual(featureDefaults.clip as number);
    }
    expect(column(block(set, 'value'), 'monetary_total')).toEqual([40, 100, 45, 0]);
  });

  it('takes "now" from the latest known timestamp, ignoring unknown customers', () => {
    expect(set.report.params.referenceTime).toBe(new Date(t0).toISOString());
    expect(set.report.params.referenceTimeFrom).toBe('data');
    // c4 has no transactions: its recency is the median of 10, 5 and 0 days.
    expect(column(block(set, 'behavioural'), 'recency_days')).toEqual([10, 5, 0, 5]);
  });

  it('fills customers without data (zero for counts, median otherwise) and counts everything', () => {
    const c = set.report.counts ?? {};
    expect(column(block(set, 'behavioural'), 'text_count')).toEqual([1, 1, 0, 0]);
    expect(c.customers).toBe(4);
    expect(c.customers_without_transactions).toBe(1);
    expect(c.customers_without_texts).toBe(2);
    expect(c.customers_without_table_row).toBe(1);
    expect(c.transactions_unknown_customer).toBe(1);
    expect(c.customers_unknown).toBe(1);
    expect(c.customers_imputed_behavioural).toBe(2); // c3 wrote nothing, c4 did nothing at all
    expect(c.columns_value).toBe(block(set, 'value').columns.length);
    expect(column(block(set, 'demographic'), 'age')).toEqual([30, 45, 52, 45]);
  });

  it('never makes a label a feature, and prefers transaction features over table ones of the same name', () => {
    const names = set.blocks.flatMap((b) => b.columns.map((c) => c.name));
    expect(names.some((n) => n.startsWith('tier'))).toBe(false);
    expect(new Set(names).size).toBe(names.length);
    expect(names).toContain('city_leeds');
    expect(names.filter((n) => n === 'tenure_days')).toHaveLength(1);
    for (const b of set.blocks) for (const c of b.columns) expect(c.name).toMatch(/^[a-z][a-z0-9_]*$/);
    // tenure_days here is the transaction one: c3's first purchase was 50 days before "now".
    expect(column(block(set, 'behavioural'), 'tenure_days')[2]).toBe(50);
  });

  it('drops constant columns with a note', () => {
    const one = buildFeatures({ customerIds: ['a', 'b'], customers: [{ id: 'a', attributes: { x: 1, y: 2 } }, { id: 'b', attributes: { x: 1, y: 5 } }] });
    expect(one.blocks.flatMap((b) => b.columns.map((c) => c.name))).toEqual(['y']);
    expect(one.report.counts?.constant_table_columns_skipped).toBe(1);
    const flat = buildFeatures({ customerIds: ['a', 'b'], transactions: [tx('a', 'o1', t0, 5), tx('b', 'o2', t0, 5)] });
    expect(flat.report.counts?.constant_columns_dropped).toBeGreaterThan(0);
    expect(flat.report.notes?.join('\n')).toMatch(/monetary_total: every customer has the value 5/);
  });

  it('is deterministic', () => {
    const dump = (s: FeatureSet) => JSON.stringify(s.blocks.map((b) => ({ ...b, raw: Array.from(b.raw.data), scaled: Array.from(b.scaled.data) })));
    expect(dump(buildFeatures(inputs))).toBe(dump(set));
    expect(dump(buildFeatures(inputs, { scaling: 'standard', clip: null }))).toBe(dump(buildFeatures(inputs, { scaling: 'standard', clip: null })));
  });

  it('scales with the chosen method', () => {
    const std = buildFeatures(inputs, { scaling: 'standard', clip: null });
    const z = column(block(std, 'value'), 'monetary_total', false);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    expect(mean).toBeCloseTo(0, 12);
    expect(z.reduce((a, b) => a + (b - mean) ** 2, 0) / z.length).toBeCloseTo(1, 12);
    expect(std.report.params.scaling).toBe('standard');
  });

  it('validates inputs and options', () => {
    const code = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return e instanceof PersonaError ? e.code : 'other';
      }
      return 'none';
    };
    expect(code(() => buildFeatures({ customerIds: [] }))).toBe('bad_value');
    expect(code(() => buildFeatures({ customerIds: ['a', 'a'] }))).toBe('duplicate_id');
    expect(code(() => buildFeatures({ customerIds: ['a', ''] }))).toBe('bad_value');
    expect(code(() => buildFeatures({ customerIds: ['a'], referenceTime: Number.NaN }))).toBe('bad_value');
    expect(code(() => buildFeatures({ customerIds: ['a'] }, { scaling: 'minmax' as never }))).toBe('bad_option');
    expect(code(() => buildFeatures({ customerIds: ['a'] }, { maxLevels: 1 }))).toBe('bad_option');
    expect(buildFeatures({ customerIds: ['a'] }).blocks).toEqual([]);
  });
});
