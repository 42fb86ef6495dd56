/**
 * Real tier: sample, fit, transform at 100,000 generated customers agrees with fitting everyone
 * (ARI ≥ 0.9). Generated data only, so it needs no dataset; it takes minutes, hence this tier.
 */
import { describe, expect, it } from 'vitest';
import { measureSampleFitAgreement } from './sample-fit-bench.ts';

describe('sample, fit, transform at 100,000 generated customers', () => {
  it('agrees with a full fit (ARI ≥ 0.9)', async () => {
    const m = await measureSampleFitAgreement(100_000);
    process.stderr.write(`sample-fit agreement: ${JSON.stringify(m)}\n`);
    expect(m.customers).toBe(100_000);
    expect(m.ariSampleVsFull).toBeGreaterThanOrEqual(0.9);
  }, 3_600_000);
});
