/**
 * Several segments sharing their leading traits (a service level that makes three other columns read
 * the same way) get labels that tell them apart by what distinguishes each from the others in the
 * group, never by a number suffix while such a difference exists.
 */
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { labelSegments } from './label.ts';
import { labelProblems } from './label-consistency.ts';
import { contrastFeatures, type NamedColumn } from './top-features.ts';

const columns: NamedColumn[] = [
  { name: 'servicio_ninguno', description: '1 when servicio is "ninguno"', block: 'demographic' },
  { name: 'servicio_fibra', description: '1 when servicio is "fibra"', block: 'demographic' },
  { name: 'soporte_sin', description: '1 when soporte is "sin servicio"', block: 'demographic' },
  { name: 'soporte_si', description: '1 when soporte is "si"', block: 'demographic' },
  { name: 'plan_anual', description: '1 when plan is "anual"', block: 'demographic' },
  { name: 'plan_mensual', description: '1 when plan is "mensual"', block: 'demographic' },
  { name: 'meses', description: 'meses como cliente', block: 'behavioural' },
  { name: 'llamadas', description: 'llamadas al mes', block: 'behavioural' },
  { name: 'edad', description: 'edad', block: 'demographic' },
];

/**
 * 200 customers. Segments 0–3 (10 each) have no service, so both service columns say so; segment 4
 * (160) has fibre and support. Within the no-service group: 0 stays longer, 1 is mostly on the yearly
 * plan, 2 calls more often, 3 is younger; each difference is smaller than the shared service traits.
 */
function table() {
  const rows: number[][] = [];
  const labels: number[] = [];
  for (let i = 0; i < 200; i++) {
    const seg = i < 40 ? Math.floor(i / 10) : 4;
    const none = seg < 4 ? 1 : 0;
    const wobble = (i * 7) % 10;
    const yearly = seg === 1 ? (i % 10 < 6 ? 1 : 0) : i % 10 === 0 ? 1 : 0;
    rows.push([
      none, 1 - none, none, 1 - none, yearly, 1 - yearly,
      (seg === 0 ? 15 : 12) + wobble,
      (seg === 2 ? 6 : 4) + wobble / 2,
      (seg === 3 ? 25 : 30) + wobble,
    ]);
    labels.push(seg);
  }
  return { raw: fromRows(rows), labels: Int32Array.from(labels) };
}

describe('labels of segments that share their leading traits', () => {
  const { raw, labels } = table();
  const contrasts = contrastFeatures(raw, columns, labels, 5);
  const out = labelSegments({ terms: [[], [], [], [], []], contrasts, themes: [] });

  it('are distinct without number suffixes', () => {
    const names = out.map((l) => l.label);
    expect(new Set(names).size).toBe(5);
    for (const name of names) expect(name).not.toMatch(/\(\d+\)$/);
  });

  it('name what sets each apart from its siblings', () => {
    const [longStay, yearly, callers, young] = out.map((l) => l.label);
    for (const l of [longStay, yearly, callers, young]) expect(l).toMatch(/^Servicio: ninguno · Soporte: sin servicio · /);
    expect(longStay).toMatch(/meses como cliente/);
    expect(yearly).toMatch(/Plan: anual/);
    expect(callers).toMatch(/llamadas al mes/);
    expect(young).toMatch(/edad/i);
  });

  it('pass the label-consistency check', () => {
    out.forEach((l, i) => expect(labelProblems({ index: i, label: l.label, claims: l.claims, contrasts: contrasts[i]! })).toEqual([]));
  });

  it('fall back to a number only when nothing material distinguishes the segments', () => {
    const same = contrasts[0]!;
    const twins = labelSegments({ terms: [[], []], contrasts: [same, same], themes: [] });
    expect(twins.map((l) => l.label)).toEqual([twins[0]!.label, `${twins[0]!.label} (2)`]);
  });
});
