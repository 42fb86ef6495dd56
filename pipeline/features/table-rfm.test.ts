import { describe, expect, it } from 'vitest';
import type { CellValue, ColumnRole, Frame } from '../types.ts';
import { extractTableRfm } from './table-rfm.ts';

function frameOf(rows: Record<string, CellValue>[], roles: Record<string, ColumnRole>): Frame {
  const columns = Object.keys(rows[0] as object);
  return { columns, roles, values: Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c] ?? null)])), rowCount: rows.length };
}

describe('extractTableRfm', () => {
  const rows = [
    { ID: 1, Recency: 10, MntWines: 30, MntMeatProducts: 10, NumWebPurchases: 1, NumStorePurchases: 3, NumDealsPurchases: 2, NumWebVisitsMonth: 5, AcceptedCmp1: 1, AcceptedCmp2: 0, Response: 1, Complain: 0, Dt_Customer: '2014-06-19', Response_Label: 'x' },
    { ID: 2, Recency: 40, MntWines: 0, MntMeatProducts: 0, NumWebPurchases: 0, NumStorePurchases: 0, NumDealsPurchases: 1, NumWebVisitsMonth: 9, AcceptedCmp1: 0, AcceptedCmp2: 0, Response: 0, Complain: 1, Dt_Customer: '2014-06-29', Response_Label: 'y' },
  ];
  const roles: Record<string, ColumnRole> = { ID: 'id', Dt_Customer: 'datetime', Response_Label: 'label' };
  for (const k of Object.keys(rows[0] as object)) roles[k] ??= k.startsWith('Mnt') ? 'amount' : 'numeric';
  // Customer rows are in the opposite order of the table rows, and customer 2 has no table row.
  const rowOf = Int32Array.from([1, 0]);
  const e = extractTableRfm(frameOf(rows, roles), rowOf, 3, Date.parse('2014-06-29'));
  const c = Object.fromEntries(e.features.map((f) => [f.column.name, Array.from(f.values)]));

  it('recognises marketing_campaign columns by name', () => {
    expect(c.recency_days).toEqual([40, 10, Number.NaN]);
    expect(c.monetary_total).toEqual([0, 40, Number.NaN]);
    // Deals are a subset of web + store purchases, not a channel of their own.
    expect(c.frequency_orders).toEqual([0, 4, Number.NaN]);
    expect(c.avg_order_value?.slice(0, 2)).toEqual([Number.NaN, 10]);
    expect(c.share_of_spend_wines?.slice(0, 2)).toEqual([0, 0.75]);
    expect(c.share_of_spend_meat?.slice(0, 2)).toEqual([0, 0.25]);
    expect(c.share_web?.slice(0, 2)).toEqual([0, 0.25]);
    expect(c.share_store?.slice(0, 2)).toEqual([0, 0.75]);
    expect(c.share_deals?.slice(0, 2)).toEqual([0, 0.5]);
    expect(c.web_visits_month?.slice(0, 2)).toEqual([9, 5]);
    expect(c.campaign_acceptance_rate?.slice(0, 2)).toEqual([0, 2 / 3]);
    expect(c.complained?.slice(0, 2)).toEqual([1, 0]);
    expect(c.tenure_days?.slice(0, 2)).toEqual([0, 10]);
  });

  it('reports the columns it used and never reads ids or labels', () => {
    expect(e.used.has('ID')).toBe(false);
    expect(e.used.has('Response_Label')).toBe(false);
    expect(e.used.has('MntWines')).toBe(true);
    expect(e.used.has('Response')).toBe(true);
    const block = Object.fromEntries(e.features.map((f) => [f.column.name, f.block]));
    expect(block.monetary_total).toBe('value');
    expect(block.share_of_spend_wines).toBe('value');
    expect(block.campaign_acceptance_rate).toBe('behavioural');
    expect(block.share_web).toBe('behavioural');
  });

  it('leaves a Response declared as the label out of campaign_acceptance_rate', () => {
    const labelled = extractTableRfm(frameOf(rows, { ...roles, Response: 'label' }), rowOf, 3, null);
    const rate = labelled.features.find((f) => f.column.name === 'campaign_acceptance_rate');
    expect(Array.from(rate?.values ?? []).slice(0, 2)).toEqual([0, 0.5]);
    expect(labelled.used.has('Response')).toBe(false);
    expect(labelled.features.some((f) => f.column.name === 'tenure_days')).toBe(false);
  });
});
