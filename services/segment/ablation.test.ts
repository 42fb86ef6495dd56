import { describe, expect, it } from 'vitest';
import { ablationSettings } from './ablation.ts';
import { defaultWeights } from '../../pipeline/segment/compute.ts';

describe('fusion weights', () => {
  it('defaults: semantic 0.75 and the rest split 2:2:1 behaviour, value, demographics', () => {
    expect(defaultWeights(['semantic', 'behavioural'])).toEqual({ semantic: 0.75, behavioural: 0.25 });
    const w = defaultWeights(['behavioural', 'value', 'demographic']);
    expect(w.behavioural).toBeCloseTo(0.4, 12);
    expect(w.value).toBeCloseTo(0.4, 12);
    expect(w.demographic).toBeCloseTo(0.2, 12);
    expect(defaultWeights(['semantic'])).toEqual({ semantic: 1 });
  });

  it('sweeps the semantic share when text exists, each setting summing to 1', () => {
    const settings = ablationSettings(['semantic', 'behavioural', 'value']);
    expect(settings.map((s) => s.setting)).toEqual(['semantic 1', 'semantic 0.75', 'semantic 0.5', 'semantic 0.25', 'semantic 0']);
    for (const s of settings) expect(Object.values(s.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('compares each block alone with the mix when there is no text', () => {
    expect(ablationSettings(['value', 'demographic']).map((s) => s.setting)).toEqual(['default', 'equal', 'value only', 'demographic only']);
  });
});
