/** The agent suite's shape: enough questions, datasets and categories, two splits, checkable expectations. */
import { describe, expect, it } from 'vitest';
import { agentCases, selectCases } from './index.ts';
import { categories } from './types.ts';

describe('agent question suite', () => {
  it('has at least 150 questions over at least four real datasets, in every category and both splits', () => {
    expect(agentCases.length).toBeGreaterThanOrEqual(150);
    const real = new Set(agentCases.map((c) => c.dataset).filter((d) => d !== 'generated'));
    expect(real.size).toBeGreaterThanOrEqual(4);
    for (const split of ['tuning', 'heldout'] as const) {
      const mine = agentCases.filter((c) => c.split === split);
      expect(mine.length, split).toBeGreaterThanOrEqual(75);
      for (const category of categories) expect(mine.some((c) => c.category === category), `${split} ${category}`).toBe(true);
    }
    expect(agentCases.some((c) => c.variant === 'typo')).toBe(true);
    expect(agentCases.some((c) => c.variant === 'paraphrase')).toBe(true);
    expect(agentCases.some((c) => c.category === 'followup' && c.turns.length >= 3)).toBe(true);
  });

  it('gives every case a unique id and every turn something a machine can check', () => {
    expect(new Set(agentCases.map((c) => c.id)).size).toBe(agentCases.length);
    for (const c of agentCases) {
      for (const turn of c.turns) {
        expect(turn.ask.trim().length, c.id).toBeGreaterThan(3);
        expect(Object.keys(turn.expect).length, `${c.id}: ${turn.ask}`).toBeGreaterThan(0);
        for (const re of [...(turn.expect.includes ?? []), ...(turn.expect.excludes ?? [])]) expect(() => new RegExp(re, 'im')).not.toThrow();
      }
    }
  });

  it('selects the gate: generated data only, both kinds of question', () => {
    const gate = selectCases({ scope: 'gate' });
    expect(gate.length).toBeGreaterThanOrEqual(10);
    expect(gate.every((c) => c.dataset === 'generated')).toBe(true);
  });
});
