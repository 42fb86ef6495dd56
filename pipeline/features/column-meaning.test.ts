import { describe, expect, it } from 'vitest';
import type { CellValue, ColumnRole, Frame } from '../types.ts';
import { nameTokens, readTableMeaning } from './column-meaning.ts';
import { describeMeaning } from './table-rfm.ts';

type Col = [ColumnRole, CellValue[]];
function frameOf(cols: Record<string, Col>): Frame {
  const columns = Object.keys(cols);
  const rowCount = (cols[columns[0] as string] as Col)[1].length;
  return { columns, roles: Object.fromEntries(columns.map((c) => [c, (cols[c] as Col)[0]])), values: Object.fromEntries(columns.map((c) => [c, (cols[c] as Col)[1]])), rowCount };
}
const num = (...xs: number[]): Col => ['numeric', xs];
const flag = (...xs: number[]): Col => ['boolean', xs];
const date = (...xs: string[]): Col => ['datetime', xs];

describe('nameTokens', () => {
  it('splits camelCase, snake_case, digits and drops accents', () => {
    expect(nameTokens('lastOrderDaysAgo')).toEqual(['last', 'order', 'days', 'ago']);
    expect(nameTokens('Antigüedad_Meses')).toEqual(['antiguedad', 'meses']);
    expect(nameTokens('promoEmail2')).toEqual(['promo', 'email', '2']);
    expect(nameTokens('Größe')).toEqual(['grosse']);
  });
});

describe('readTableMeaning', () => {
  it('reads a Spanish snake_case table', () => {
    const m = readTableMeaning(frameOf({
      cliente_id: ['id', ['a', 'b', 'c']],
      dias_desde_ultima_compra: num(3, 30, 90),
      gasto_libros: num(10, 0, 5),
      gasto_musica: num(5, 5, 0),
      gasto_total: num(15, 5, 5),
      num_compras_web: num(1, 0, 2),
      num_compras_tienda: num(2, 1, 0),
      compras_con_descuento: num(1, 0, 1),
      visitas_web_mes: num(4, 1, 7),
      acepto_oferta_1: flag(1, 0, 0),
      acepto_oferta_2: flag(0, 0, 1),
      queja: flag(0, 1, 0),
      fecha_alta: date('2020-01-01', '2021-01-01', '2022-01-01'),
      numero_hijos: num(0, 2, 1),
    }));
    expect(m.recency?.column).toBe('dias_desde_ultima_compra');
    expect(m.spend.map((s) => [s.column, s.kind, s.detail])).toEqual([
      ['gasto_libros', 'part', 'libros'], ['gasto_musica', 'part', 'musica'], ['gasto_total', 'total', ''],
    ]);
    expect(m.purchases.map((p) => [p.column, p.channel])).toEqual([['num_compras_web', 'web'], ['num_compras_tienda', 'tienda']]);
    expect(m.discounts).toEqual(['compras_con_descuento']);
    expect(m.visits.map((v) => v.column)).toEqual(['visitas_web_mes']);
    expect(m.flagFamilies).toEqual([{ key: 'acepto_oferta', columns: ['acepto_oferta_1', 'acepto_oferta_2'], campaign: true }]);
    expect(m.complaint).toBe('queja');
    expect(m.tenure).toEqual({ column: 'fecha_alta', unit: 'day', date: true });
    // A count of children is a count, but not of purchases: left to the demographic features.
    expect(describeMeaning(m)).not.toContain('numero_hijos');
  });

  it('reads German compounds and camelCase English', () => {
    const de = readTableMeaning(frameOf({
      GesamtbetragEUR: num(120, 80, 0),
      Monatsbeitrag: num(9.99, 19.99, 9.99),
      AnzahlBestellungen: num(3, 2, 0),
      TageSeitLetzterBestellung: num(4, 40, 400),
      MitgliedSeit: date('2019-05-01', '2020-05-01', '2021-05-01'),
      Beschwerde: flag(0, 0, 1),
    }));
    expect(de.spend.map((s) => [s.column, s.kind, s.detail])).toEqual([['GesamtbetragEUR', 'total', ''], ['Monatsbeitrag', 'rate', 'month']]);
    expect(de.purchases).toEqual([{ column: 'AnzahlBestellungen', channel: '', cumulative: false }]);
    expect(de.recency?.column).toBe('TageSeitLetzterBestellung');
    expect(de.tenure?.column).toBe('MitgliedSeit');
    expect(de.complaint).toBe('Beschwerde');

    const en = readTableMeaning(frameOf({
      totalSpent: num(50, 500, 5),
      monthlyFee: num(4.5, 12, 8),
      orderCount: num(2, 20, 1),
      lastOrderDaysAgo: num(1, 2, 3),
      tenureMonths: num(12, 30, 2),
      promoEmail1: flag(1, 0, 0),
      promoEmail2: flag(1, 1, 0),
      promoEmail3: flag(0, 0, 0),
    }));
    expect(en.spend.map((s) => [s.column, s.kind])).toEqual([['totalSpent', 'total'], ['monthlyFee', 'rate']]);
    expect(en.purchases.map((p) => p.column)).toEqual(['orderCount']);
    expect(en.recency?.column).toBe('lastOrderDaysAgo');
    expect(en.tenure).toEqual({ column: 'tenureMonths', unit: 'month', date: false });
    expect(en.flagFamilies).toEqual([{ key: 'promo_email', columns: ['promoEmail1', 'promoEmail2', 'promoEmail3'], campaign: false }]);
  });

  it('reads a monthly and a cumulative charge under any naming', () => {
    const m = readTableMeaning(frameOf({
      cargo_mensual: num(20.5, 70.25, 99.9),
      cargos_totales: num(20.5, 1405.75, 4995.1),
      antiguedad_meses: num(1, 20, 50),
    }));
    expect(m.spend.map((s) => [s.column, s.kind, s.detail])).toEqual([['cargo_mensual', 'rate', 'month'], ['cargos_totales', 'total', '']]);
    expect(m.tenure).toEqual({ column: 'antiguedad_meses', unit: 'month', date: false });
  });

  it('reads unnamed money from values in cents, and honours an amount role set by the user', () => {
    const m = readTableMeaning(frameOf({
      libros: num(12.99, 0, 5.5, 7.25, 149.99),
      musica: num(0, 9.99, 3.49, 0.99, 65.75),
      // Cents too, but spread evenly around 50: a measurement, not spend.
      indice_xy: num(48.12, 51.37, 49.85, 50.64, 47.93),
      visitas: num(1, 2, 3, 4, 5),
    }));
    expect(m.spend.map((s) => [s.column, s.kind, s.why])).toEqual([['libros', 'part', 'values in cents'], ['musica', 'part', 'values in cents']]);
    expect(m.visits.map((v) => v.column)).toEqual(['visitas']);
    const forced = readTableMeaning(frameOf({ codigo: ['amount', [1, 2, 3]], edad: num(30, 40, 50) }));
    expect(forced.spend).toEqual([{ column: 'codigo', kind: 'total', detail: 'codigo', why: 'role amount' }]);
    // Parts forced by role and named with a shared prefix are named by what differs.
    const parts = readTableMeaning(frameOf({ xyBooks: ['amount', [1, 2, 3]], xyGardenTools: ['amount', [3, 2, 1]] }));
    expect(parts.spend.map((s) => s.detail)).toEqual(['books', 'garden_tools']);
  });

  it('does not fire on a table of measurements, counts and incomes', () => {
    const m = readTableMeaning(frameOf({
      height_cm: num(172.5, 160.1, 181.3),
      weight_kg: num(70.25, 61.4, 88.75),
      body_temp: num(36.62, 37.15, 36.9),
      annual_income: num(52000.5, 61000.25, 38000.75),
      num_children: num(0, 2, 1),
      total_score: num(12, 40, 33),
      latitude: num(40.416775, 41.385063, 37.38264),
      rating: num(4.25, 3.5, 4.75),
      spending_score: num(39, 81, 6),
      // Cents and a long tail from a shifted minority, but nobody at 0.00: not read as spend.
      zorvak_mil: num(50.12, 92.44, 49.87),
      constant_fee: num(3, 3, 3),
      year: num(2019, 2020, 2021),
      smoker: flag(0, 1, 0),
      diabetic: flag(1, 0, 0),
      birth_date: date('1980-01-01', '1990-01-01', '2000-01-01'),
    }));
    expect(describeMeaning(m)).toBe('');
  });

  it('never reads a label, an id or an ignored column', () => {
    const m = readTableMeaning(frameOf({
      order_total: ['label', [1, 2, 3]],
      accepted_offer_1: flag(1, 0, 0),
      accepted_offer_2: ['label', [0, 1, 0]],
      spend: ['ignore', [1, 2, 3]],
    }));
    expect(describeMeaning(m)).toBe('');
  });

  it('takes extra words from the options', () => {
    const frame = frameOf({ ventas_vino: num(1, 2, 3), ventas_pan: num(3, 2, 1) });
    expect(readTableMeaning(frame).spend).toEqual([]);
    expect(readTableMeaning(frame, { words: { money: ['ventas'] } }).spend.map((s) => s.detail)).toEqual(['vino', 'pan']);
  });
});
