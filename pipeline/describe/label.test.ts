/**
 * Level-aware, material labels and reasons on small generated tables: a one-hot level reads as the
 * level, tiny differences claim nothing, ratios only when both sides are meaningful, and every label
 * passes the consistency check.
 */
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { labelSegments, termPhrase } from './label.ts';
import { labelProblems } from './label-consistency.ts';
import { isMaterial, ratioPhrase } from './materiality.ts';
import { reasonFor } from './reasons.ts';
import { contrastFeatures, type FeatureContrast, type NamedColumn } from './top-features.ts';
import { generalTaxonomy } from './cx-taxonomy.ts';

const c = (feature: string, description: string, segmentMean: number, populationMean: number, z: number): FeatureContrast => ({
  feature, description, block: 'demographic', segmentMean, populationMean,
  lift: populationMean ? segmentMean / populationMean : null, z, direction: z >= 0 ? 'higher' : 'lower',
});

/** 60 customers; segment 0 (20) is all "Bajo" on Nivel_Gasto, segment 1 (20) all "Alto", segment 2 mixed. */
function levelTable(): { raw: ReturnType<typeof fromRows>; columns: NamedColumn[]; labels: Int32Array } {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 60; i++) {
    const seg = i < 20 ? 0 : i < 40 ? 1 : 2;
    const level = seg === 0 ? 'Bajo' : seg === 1 ? 'Alto' : i % 2 ? 'Bajo' : 'Medio';
    // visitas: the same in every segment up to noise (1.06 vs 0.98 style differences)
    rows.push([level === 'Bajo' ? 1 : 0, level === 'Alto' ? 1 : 0, level === 'Medio' ? 1 : 0, 1 + ((i * 7) % 3) * 0.05]);
    labels.push(seg);
  }
  const columns: NamedColumn[] = [
    { name: 'nivel_gasto_bajo', description: '1 when Nivel_Gasto is "Bajo"', block: 'demographic' },
    { name: 'nivel_gasto_alto', description: '1 when Nivel_Gasto is "Alto"', block: 'demographic' },
    { name: 'nivel_gasto_medio', description: '1 when Nivel_Gasto is "Medio"', block: 'demographic' },
    { name: 'visitas', description: 'visitas from the customer table', block: 'behavioural' },
  ];
  return { raw: fromRows(rows), columns, labels: Int32Array.from(labels) };
}

describe('level-aware labels and reasons', () => {
  it('names the level a segment holds, never the column alone', () => {
    const { raw, columns, labels } = levelTable();
    const contrasts = contrastFeatures(raw, columns, labels, 3);
    const out = labelSegments({ terms: [[], [], []], contrasts, themes: [] });
    expect(out[0]!.label).toMatch(/^Nivel gasto: Bajo/);
    expect(out[1]!.label).toMatch(/^Nivel gasto: Alto/);
    expect(out.map((l) => l.label).join(' | ')).not.toMatch(/High|Big|Low /);
    const bajo = contrasts[0]!.find((x) => x.feature === 'nivel_gasto_bajo')!;
    expect(reasonFor(bajo)).toBe('Nivel gasto: Bajo (100% vs 50% overall)');
    out.forEach((l, i) => expect(labelProblems({ index: i, label: l.label, claims: l.claims, contrasts: contrasts[i]! })).toEqual([]));
  });

  it('makes no claim below the materiality threshold', () => {
    const tiny = c('orders', 'orders per customer', 1.06, 0.98, 0.12);
    expect(isMaterial(tiny)).toBe(false);
    expect(reasonFor(tiny)).toBe('orders per customer: about average (1.06 vs 0.98 overall)');
    const labels = labelSegments({ terms: [[]], contrasts: [[tiny]], themes: [] });
    expect(labels[0]!.label).toBe('No strong differences');
    // A large z on a tiny relative change is not material either.
    expect(isMaterial(c('visits', 'visits', 100.5, 100, 2))).toBe(false);
    expect(isMaterial(c('visits', 'visits', 140, 100, 1.2))).toBe(true);
  });

  it('quotes ratios only when both sides are meaningful', () => {
    const zero = c('returns', 'returned orders', 0.001, 0.47, -1.5);
    expect(ratioPhrase(zero)).toBeNull();
    expect(reasonFor(zero)).toBe('returned orders: well below average (0.00 vs 0.47 overall)');
    expect(reasonFor(c('basket', 'items per order', 6, 2, 1.4))).toBe('items per order: 3.0× the average (6.00 vs 2.00 overall)');
  });

  it('flags a label whose direction or size contradicts the numbers', () => {
    const low = c('gasto', 'gasto total', 50, 100, -1);
    expect(labelProblems({ index: 0, label: 'High gasto total', claims: [{ feature: 'gasto', direction: 'higher', phrase: 'High gasto total' }], contrasts: [low] })[0]).toMatch(/claims higher/);
    expect(labelProblems({ index: 0, label: 'Big spenders', claims: [], contrasts: [low] })[0]).toMatch(/says "Big"/);
    const tiny = c('orders', 'orders', 1.06, 0.98, 0.12);
    expect(labelProblems({ index: 0, label: 'x', contrasts: [tiny], topFeatures: [tiny], reasons: ['orders: 1.1× the average (1.06 vs 0.98 overall)'] })[0]).toMatch(/materiality/);
  });

  it('labels text segments from their own terms and key phrases', () => {
    const terms = (...t: string[]) => t.map((term, i) => ({ term, score: 1 / (i + 1), texts: 4 }));
    expect(termPhrase(terms('bateria', 'bateria fraca', 'carregador', 'tela'))).toBe('bateria fraca, carregador & tela');
    const out = labelSegments({ terms: [terms('harvest', 'tractor', 'seed'), terms('wetsuit', 'board')], contrasts: [[], []], themes: generalTaxonomy });
    expect(out.map((l) => l.label)).toEqual(['Talk of harvest, tractor & seed', 'Talk of wetsuit & board']);
  });
});
