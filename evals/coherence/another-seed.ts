/**
 * Segments a stored run's data again with another seed, in memory only (nothing is stored), and compares
 * the two: best-match Jaccard per segment and whether matched segments carry the same persona name.
 */
import type { Db } from '../../db/client.ts';
import { datasetsByIds } from '../../db/queries/customer-data.ts';
import { getRun, runAssignments, runSegments } from '../../db/queries/runs.ts';
import { PersonaError } from '../../lib/errors.ts';
import { resolveSegmentOptions, type ResolvedSegmentOptions } from '../../pipeline/segment/options.ts';
import { runComputeInWorker } from '../../pipeline/segment/run-compute.ts';
import { prepareCompute } from '../../services/segment/run-segmentation.ts';
import type { StageReport } from '../../pipeline/types.ts';
import { seedAgreement, type SeedAgreement } from './seed-agreement.ts';

export async function agreementUnderAnotherSeed(db: Db, runId: number, seedOffset = 1): Promise<SeedAgreement & { readonly seeds: readonly [number, number] }> {
  const run = await getRun(db, runId);
  if (!run || run.status !== 'succeeded') throw new PersonaError('not_found', `no finished run ${runId}`);
  const params = run.params as ResolvedSegmentOptions;
  const seed = run.seed + seedOffset;
  const resolved = resolveSegmentOptions({ ...params, seed });
  const datasets = await datasetsByIds(db, run.datasetIds);
  const stages: StageReport[] = [];
  const input = await prepareCompute(db, resolved, datasets, {}, stages);
  const other = await runComputeInWorker(input);
  const assignments = await runAssignments(db, runId);
  const segments = await runSegments(db, runId);
  const nameOf = (persona: unknown, label: string) => (persona && typeof persona === 'object' && typeof (persona as { name?: unknown }).name === 'string' ? (persona as { name: string }).name : label);
  const agreement = seedAgreement(
    {
      customerIds: assignments.map((a) => a.customerExternalId),
      labels: assignments.map((a) => a.segmentIndex),
      names: new Map(segments.map((s) => [s.segmentIndex, nameOf(s.persona, s.label)])),
    },
    {
      customerIds: other.customerIds,
      labels: Array.from(other.labels),
      names: new Map(other.segments.map((s) => [s.index, nameOf(other.personas[s.index], s.label)])),
    },
  );
  return { ...agreement, seeds: [run.seed, seed] };
}
