/**
 * Real tier: sample, fit, transform at 100,000 generated customers agrees with fitting everyone
 * (ARI ≥ 0.9) when both fits use the same model (k-means, six segments), so the agreement measures the
 * transform. With `auto` each fit chooses its own segment count; that figure is reported by the bench
 * (`npm run bench sample-fit`), not asserted. Generated data only; it takes minutes, hence this tier.
 */
import { describe, expect, it } from 'vitest';
import { measureSampleFitAgreement } from './sample-fit-bench.ts';

describe('sample, fit, transform at 100,000 generated customers', () => {
  it('agrees with a full fit of the same model (ARI ≥ 0.9)', async () => {
    const m = await measureSampleFitAgreement(100_000, 42, { algorithm: 'kmeans', k: 6 });
    process.stderr.write(`sample-fit agreement: ${JSON.stringify(m)}\n`);
    expect(m.customers).toBe(100_000);
    expect(m.full.segments).toBe(6);
    expect(m.sampled.segments).toBe(6);
    expect(m.ariSampleVsFull).toBeGreaterThanOrEqual(0.9);
  }, 3_600_000);
});
