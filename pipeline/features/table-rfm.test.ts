import { describe, expect, it } from 'vitest';
import type { CellValue, ColumnRole, Frame } from '../types.ts';
import { extractTableRfm } from './table-rfm.ts';

function frameOf(rows: Record<string, CellValue>[], roles: Record<string, ColumnRole>): Frame {
  const columns = Object.keys(rows[0] as object);
  return { columns, roles, values: Object.fromEntries(columns.map((c) => [c, rows.map((r) => r[c] ?? null)])), rowCount: rows.length };
}
const valuesOf = (e: ReturnType<typeof extractTableRfm>) => Object.fromEntries(e.features.map((f) => [f.column.name, Array.from(f.values)]));

describe('extractTableRfm on a Spanish table', () => {
  const rows = [
    { cliente: 'a', dias_desde_ultima_compra: 10, gasto_vino: 30, gasto_pan: 10, num_compras_web: 1, num_compras_tienda: 3, compras_con_descuento: 2, visitas_web_mes: 5, acepto_oferta_1: 1, acepto_oferta_2: 0, respuesta: 1, queja: 0, fecha_alta: '2014-06-19', segmento: 'x' },
    { cliente: 'b', dias_desde_ultima_compra: 40, gasto_vino: 0, gasto_pan: 0, num_compras_web: 0, num_compras_tienda: 0, compras_con_descuento: 1, visitas_web_mes: 9, acepto_oferta_1: 0, acepto_oferta_2: 0, respuesta: 0, queja: 1, fecha_alta: '2014-06-29', segmento: 'y' },
  ];
  const roles: Record<string, ColumnRole> = { cliente: 'id', fecha_alta: 'datetime', segmento: 'label' };
  for (const k of Object.keys(rows[0] as object)) roles[k] ??= /oferta|respuesta|queja/.test(k) ? 'boolean' : 'numeric';
  // Customer rows are in the opposite order of the table rows, and customer 2 has no table row.
  const rowOf = Int32Array.from([1, 0]);
  const e = extractTableRfm(frameOf(rows, roles), rowOf, 3, Date.parse('2014-06-29'));
  const c = valuesOf(e);

  it('computes value and behaviour features from meaning words', () => {
    expect(c.recency_days).toEqual([40, 10, Number.NaN]);
    expect(c.monetary_total).toEqual([0, 40, Number.NaN]);
    // Discounted purchases are a subset of web + store purchases, not a channel of their own.
    expect(c.frequency_orders).toEqual([0, 4, Number.NaN]);
    expect(c.avg_order_value?.slice(0, 2)).toEqual([Number.NaN, 10]);
    expect(c.share_of_spend_vino?.slice(0, 2)).toEqual([0, 0.75]);
    expect(c.share_of_spend_pan?.slice(0, 2)).toEqual([0, 0.25]);
    expect(c.share_web?.slice(0, 2)).toEqual([0, 0.25]);
    expect(c.share_tienda?.slice(0, 2)).toEqual([0, 0.75]);
    expect(c.share_deals?.slice(0, 2)).toEqual([0, 0.5]);
    expect(c.visitas_web_mes?.slice(0, 2)).toEqual([9, 5]);
    expect(c.campaign_acceptance_rate?.slice(0, 2)).toEqual([0, 0.5]);
    expect(c.complained?.slice(0, 2)).toEqual([1, 0]);
    expect(c.tenure_days?.slice(0, 2)).toEqual([0, 10]);
  });

  it('reports the columns it used, in blocks, and never reads ids or labels', () => {
    expect(e.used.has('cliente')).toBe(false);
    expect(e.used.has('segmento')).toBe(false);
    expect(e.used.has('gasto_vino')).toBe(true);
    // A lone yes/no column with no meaning word is left to the demographic features.
    expect(e.used.has('respuesta')).toBe(false);
    const block = Object.fromEntries(e.features.map((f) => [f.column.name, f.block]));
    expect(block.monetary_total).toBe('value');
    expect(block.share_of_spend_vino).toBe('value');
    expect(block.campaign_acceptance_rate).toBe('behavioural');
    expect(block.share_web).toBe('behavioural');
    expect(e.notes.join(' ')).toContain('gasto_vino = spend part on vino (money word)');
  });

  it('leaves a flag declared as the label out of its family, and gives no tenure without a reference time', () => {
    const labelled = extractTableRfm(frameOf(rows, { ...roles, acepto_oferta_2: 'label' }), rowOf, 3, null);
    expect(labelled.features.some((f) => f.column.name === 'campaign_acceptance_rate')).toBe(false);
    expect(labelled.used.has('acepto_oferta_2')).toBe(false);
    expect(labelled.features.some((f) => f.column.name === 'tenure_days')).toBe(false);
    expect(labelled.notes.join(' ')).toContain('no reference time');
  });
});

describe('extractTableRfm on monthly and cumulative charges', () => {
  const rows = [
    { abonado: 'p', cuotaMensual: 20.5, importeAcumulado: 20.5, antiguedadMeses: 1 },
    { abonado: 'q', cuotaMensual: 70.25, importeAcumulado: 1405.75, antiguedadMeses: 20 },
    { abonado: 'r', cuotaMensual: 99.9, importeAcumulado: null, antiguedadMeses: 0 },
  ];
  const roles: Record<string, ColumnRole> = { abonado: 'id', cuotaMensual: 'numeric', importeAcumulado: 'numeric', antiguedadMeses: 'numeric' };
  const e = extractTableRfm(frameOf(rows, roles), Int32Array.from([0, 1, 2]), 3, null);
  const c = valuesOf(e);

  it('takes the cumulative charge as spend and the monthly one as a run-rate, never their sum', () => {
    expect(c.monetary_total).toEqual([20.5, 1405.75, Number.NaN]);
    expect(c.spend_per_month).toEqual([20.5, 70.25, 99.9]);
    expect(c.tenure_months).toEqual([1, 20, 0]);
    const block = Object.fromEntries(e.features.map((f) => [f.column.name, f.block]));
    expect(block.spend_per_month).toBe('value');
    expect(block.tenure_months).toBe('behavioural');
    expect(e.features.some((f) => f.column.name === 'frequency_orders')).toBe(false);
  });
});

describe('extractTableRfm on a table it must not read', () => {
  it('returns no features and uses no column', () => {
    const rows = [
      { paciente: 1, height_cm: 172.5, weight_kg: 70.25, num_children: 2, annual_income: 52000.5, total_score: 12 },
      { paciente: 2, height_cm: 160.1, weight_kg: 61.4, num_children: 0, annual_income: 38000.75, total_score: 40 },
    ];
    const roles: Record<string, ColumnRole> = { paciente: 'id', height_cm: 'numeric', weight_kg: 'numeric', num_children: 'numeric', annual_income: 'numeric', total_score: 'numeric' };
    const e = extractTableRfm(frameOf(rows, roles), Int32Array.from([0, 1]), 2, Date.parse('2020-01-01'));
    expect(e.features).toEqual([]);
    expect(e.used.size).toBe(0);
  });
});
