import { describe, expect, it } from 'vitest';
import { clusteringScores } from './index.ts';
import type { ScenarioOutcome } from './run-scenario.ts';
import { generateScenario, scenarios } from './scenarios.ts';

const spec = (name: string) => scenarios.find((s) => s.name === name)!;

describe('scenario generator', () => {
  it('is deterministic for a seed and different for another', () => {
    const a = generateScenario(spec('mixed-overlapping'), 1);
    expect(generateScenario(spec('mixed-overlapping'), 1)).toEqual(a);
    expect(generateScenario(spec('mixed-overlapping'), 2).customersCsv).not.toEqual(a.customersCsv);
  });
  it('places every pair of segment means exactly `separation` standard deviations apart', () => {
    const g = generateScenario({ ...spec('tabular-separated'), customers: 3000 }, 5);
    const rows = g.customersCsv!.trim().split('\n').slice(1).map((l) => l.split(','));
    const means = [0, 1, 2].map((k) => {
      const xs = rows.filter((r) => g.truth.get(r[0]!) === k).map((r) => r.slice(1).map((v) => Number(v) / 10));
      return xs[0]!.map((_, j) => xs.reduce((s, x) => s + x[j]!, 0) / xs.length);
    });
    const d = (a: number[], b: number[]) => Math.sqrt(a.reduce((s, x, j) => s + (x - b[j]!) ** 2, 0));
    for (const [a, b] of [[0, 1], [0, 2], [1, 2]] as const) expect(d(means[a]!, means[b]!)).toBeCloseTo(6, 0);
  });
  it('plants the sizes, noise customers and sources it promises, and keeps the truth out of the files', () => {
    const g = generateScenario(spec('tabular-noise-customers'), 1);
    const labels = [...g.truth.values()];
    expect(labels.length).toBe(260);
    expect(labels.filter((l) => l === -1).length).toBe(26);
    expect(g.textsCsv).toBeNull();
    expect(g.customersCsv!.split('\n')[0]!.split(',')).toHaveLength(6);
    const tiny = [...generateScenario(spec('tabular-tiny-segment'), 1).truth.values()];
    expect(tiny.filter((l) => l === 3).length).toBe(5); // 1% of 500
    const text = generateScenario(spec('text-spanish'), 1);
    expect(text.customersCsv).toBeNull();
    expect(text.textsCsv!.split('\n').length - 2).toBe(240);
    expect(text.textsCsv).toMatch(/envío|factura|talla/);
    for (const g2 of [g, text]) expect(`${g2.customersCsv ?? ''}${g2.textsCsv ?? ''}`).not.toMatch(/segment|truth|label/i);
  });
  it('plants small dense pockets of identical customers in categorical columns', () => {
    const g = generateScenario(spec('categorical-pockets'), 1);
    const rows = g.customersCsv!.trim().split('\n').slice(1);
    expect(rows).toHaveLength(600);
    expect(rows[0]!.split(',')).toHaveLength(1 + 2 + 12);
    // Pocket customers repeat one profile exactly (everything but the id): the most common few hold many rows.
    const counts = new Map<string, number>();
    for (const r of rows) counts.set(r.slice(r.indexOf(',') + 1), (counts.get(r.slice(r.indexOf(',') + 1)) ?? 0) + 1);
    const top = [...counts.values()].sort((a, b) => b - a).slice(0, 12);
    expect(top.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.4 * 600);
    expect(top.every((c) => c < 0.15 * 600)).toBe(true);
  });
  it('has one scenario without structure', () => {
    expect(scenarios.filter((s) => s.difficulty === 'none').map((s) => s.shares)).toEqual([[1]]);
  });
});

describe('clusteringScores', () => {
  const outcome = (scenario: string, ari: number, found: number, planted: number, confident = true): ScenarioOutcome => ({ scenario, algorithm: 'auto', ok: true, ari, nmi: ari, segmentsFound: found, segmentsPlanted: planted, confident, ms: 1 });
  const difficulty = (s: string) => (s.startsWith('e') ? 'easy' : s.startsWith('m') ? 'medium' : 'none') as 'easy' | 'medium' | 'none';
  it('takes the worst scenario per difficulty and counts right segment numbers', () => {
    const { scores, failures } = clusteringScores([outcome('e1', 0.95, 3, 3), outcome('e2', 0.91, 4, 3), outcome('m1', 0.72, 3, 3), outcome('none', 0, 5, 1, false)], difficulty);
    const get = (metric: string) => scores.find((s) => s.metric === metric && s.scope === 'auto')?.value;
    expect(get('ari.easy')).toBe(0.91);
    expect(get('ari.medium')).toBe(0.72);
    expect(get('right_count.share')).toBeCloseTo(2 / 3, 4);
    expect(get('no_structure.confident_personas')).toBe(0);
    expect(get('verdict.false_alarms')).toBe(0);
    expect(failures).toEqual([]);
  });
  it('counts structured scenarios the verdict called unreliable', () => {
    const { scores } = clusteringScores([outcome('e1', 0.95, 3, 3, false), outcome('m1', 0.8, 3, 3, true)], difficulty);
    expect(scores.find((s) => s.metric === 'verdict.false_alarms')?.value).toBe(1);
  });
  it('fails a no-structure scenario presented with confident segments', () => {
    const { scores, failures } = clusteringScores([outcome('none', 0, 5, 1, true)], difficulty);
    expect(scores.find((s) => s.metric === 'no_structure.confident_personas')?.value).toBe(5);
    expect(failures[0]?.case).toBe('no structure');
  });
});
