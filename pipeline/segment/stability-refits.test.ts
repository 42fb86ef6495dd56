import { describe, expect, it } from 'vitest';
import { createRng } from '../../lib/rng.ts';
import { gaussianBlobs } from '../cluster/synthetic.ts';
import { bootstrapStability, stabilityDrawSize } from '../evaluate/stability.ts';
import { chooseClusterer } from './cluster-stage.ts';
import { resolveSegmentOptions, type ResolvedSegmentOptions } from './options.ts';
import { refitClusterer, refitSpec, runRefitJob, stabilityRefit } from './stability-refits.ts';

const specOf = (n: number, o: ResolvedSegmentOptions) => refitSpec(chooseClusterer(n, o));

describe('stability at a cost proportional to the work', () => {
  it('draws 80% of the rows, at most the cap', () => {
    expect(stabilityDrawSize(100, 0.8)).toBe(80);
    expect(stabilityDrawSize(20_000, 0.8, 4_000)).toBe(4_000);
    expect(stabilityDrawSize(3_000, 0.8, 4_000)).toBe(2_400);
    expect(stabilityDrawSize(2, 0.8)).toBe(2);
  });

  it("keeps the run's own clusterer below the cap and scales HDBSCAN's sizes with a smaller draw", () => {
    const o = resolveSegmentOptions({ algorithm: 'hdbscan', minClusterSize: 100, minSamples: 20 });
    expect(refitClusterer(5_000, 4_000, specOf(5_000, o)).options).toMatchObject({ minClusterSize: 100, minSamples: 20 });
    // 2,000 of 10,000 rows instead of 8,000: a quarter of the rows, a quarter of the sizes.
    expect(refitClusterer(10_000, 2_000, specOf(10_000, o)).options).toMatchObject({ minClusterSize: 25, minSamples: 5 });
    const byDefault = refitClusterer(10_000, 2_000, specOf(10_000, resolveSegmentOptions({ algorithm: 'hdbscan' })));
    expect(byDefault.options).toMatchObject({ minClusterSize: 50 }); // 2% of 10,000 = 200, scaled by 1/4
  });

  it('gives the same stability with refits in two threads as inline, and finds well-separated blobs stable', async () => {
    const { x } = gaussianBlobs({ blobs: 3, perBlob: 800, dims: 4 }, createRng(9));
    const o = resolveSegmentOptions({ algorithm: 'kmeans', k: 3, stabilityResamples: 3 });
    const clusterer = specOf(x.rows, o);
    const labels = runRefitJob({ seed: 1, rows: x.rows, cols: x.cols, data: Float64Array.from(x.data), fittedRows: x.rows, clusterer });
    const rng = createRng(5).fork('evaluate');
    const threaded = await stabilityRefit(x, clusterer, o.stabilityResamples, rng, 1_000);
    const inline = (sample: typeof x, r: ReturnType<typeof createRng>) => ({ labels: runRefitJob({ seed: r.seed, rows: sample.rows, cols: sample.cols, data: Float64Array.from(sample.data), fittedRows: x.rows, clusterer }) });
    const settings = { resamples: 3, maxRows: 1_000 };
    const a = bootstrapStability(x, threaded, labels, { ...settings, rng: rng.fork('stability') });
    const b = bootstrapStability(x, inline, labels, { ...settings, rng: rng.fork('stability') });
    expect(a).toEqual(b);
    expect(a.mean).toBeGreaterThan(0.95);
  }, 120_000);
});
