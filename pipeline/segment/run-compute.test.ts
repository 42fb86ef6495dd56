/**
 * The segmentation worker: the same input gives the same bytes on a new worker, on a kept one and in this
 * thread; a cancelled run stops and the next one still runs; a computation's own error comes back as data.
 */
import { describe, expect, it } from 'vitest';
import { PersonaError } from '../../lib/errors.ts';
import { computeSegmentation, type ComputeInput } from './compute.ts';
import { resolveSegmentOptions } from './options.ts';
import { runComputeInWorker } from './run-compute.ts';

/** 40 club members in two clear groups (visits, spend), customer table only. */
function input(k: number): ComputeInput {
  const customers = Array.from({ length: 40 }, (_, i) => ({
    id: `m${i}`,
    attributes: { visits: i % 2 ? 20 + (i % 5) : 2 + (i % 3), spend: i % 2 ? 300 + i : 40 + (i % 7) },
  }));
  return {
    options: resolveSegmentOptions({ algorithm: 'kmeans', k, reducer: 'none', stabilityResamples: 2, seed: 3 }),
    features: { customerIds: customers.map((c) => c.id), customers },
  };
}

/** A result without its stage timings, the only part that may differ between two runs. */
const bytes = (r: unknown) => JSON.stringify(r, (key, value: unknown) => (key === 'ms' ? undefined : value));

describe('runComputeInWorker', () => {
  it('gives the same result on consecutive and concurrent runs as in this thread', async () => {
    const here = bytes(await computeSegmentation(input(2)));
    const first = await runComputeInWorker(input(2));
    const second = await runComputeInWorker(input(2));
    const [third, fourth] = await Promise.all([runComputeInWorker(input(2)), runComputeInWorker(input(2))]);
    expect(first.segments).toHaveLength(2);
    for (const r of [first, second, third, fourth]) expect(bytes(r)).toBe(here);
  });

  it('stops a cancelled run with the reason, and the next run still succeeds', async () => {
    const controller = new AbortController();
    const running = runComputeInWorker(input(2), () => undefined, controller.signal);
    controller.abort(new PersonaError('cancelled', 'stopped by the test'));
    await expect(running).rejects.toThrow('stopped by the test');
    expect((await runComputeInWorker(input(2))).segments).toHaveLength(2);
  });

  it("returns the computation's own error as a PersonaError, and the worker runs the next input", async () => {
    const failed = await runComputeInWorker(input(41)).then(
      () => null,
      (e: unknown) => e,
    );
    expect(failed).toBeInstanceOf(PersonaError);
    expect(failed).toMatchObject({ code: 'shape_mismatch', message: expect.stringMatching(/41/) });
    expect((await runComputeInWorker(input(3))).segments).toHaveLength(3);
  });
});
