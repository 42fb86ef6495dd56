/**
 * Exemplars for tabular data are typical: a segment that is mostly "Tierärztin" and "Hausmann" shows
 * members who carry those values, even when the customers geometrically nearest its centre do not.
 */
import { describe, expect, it } from 'vitest';
import { fromRows } from '../../lib/matrix.ts';
import { selectExemplars } from './exemplars.ts';
import { pseudonymise } from './pseudonym.ts';

describe('typical exemplars', () => {
  it('picks members who share the segment’s defining values, nearest the centre among them', () => {
    const space: number[][] = [];
    const raw: number[][] = [];
    const ids: string[] = [];
    const labels: number[] = [];
    // Segment 0: 16 vets or househusbands spread around the centre, 4 engineers sitting right on it.
    for (let i = 0; i < 20; i++) {
      const engineer = i < 4;
      const r = engineer ? 0.01 * (i + 1) : 0.5 + 0.05 * i;
      space.push([r * Math.cos(i), r * Math.sin(i)]);
      raw.push([engineer ? 0 : i % 2, engineer ? 0 : 1 - (i % 2), engineer ? 1 : 0]);
      ids.push(`k-${i}`);
      labels.push(0);
    }
    // Segment 1: engineers elsewhere.
    for (let i = 0; i < 20; i++) {
      space.push([10 + 0.1 * Math.cos(i), 10 + 0.1 * Math.sin(i)]);
      raw.push([0, 0, 1]);
      ids.push(`m-${i}`);
      labels.push(1);
    }
    const columns = [
      { name: 'beruf_tierarztin', description: '1 when Beruf is "Tierärztin"' },
      { name: 'beruf_hausmann', description: '1 when Beruf is "Hausmann"' },
      { name: 'beruf_ingenieur', description: '1 when Beruf is "Ingenieur"' },
    ];
    const salt = 'test-salt';
    const out = selectExemplars(
      { space: fromRows(space), raw: fromRows(raw), columns, labels: Int32Array.from(labels), clusterCount: 2, customerIds: ids, salt, keyFeatures: [['beruf_ingenieur'], ['beruf_ingenieur']] },
      { perSegment: 5 },
    );
    const engineers = new Set(['k-0', 'k-1', 'k-2', 'k-3'].map((id) => pseudonymise(id, salt)));
    expect(out[0]).toHaveLength(5);
    for (const e of out[0]!) {
      expect(engineers.has(e.customerId)).toBe(false);
      expect(e.stats.find((st) => st.feature === 'beruf_ingenieur')?.value).toBe(0);
    }
  });
});
