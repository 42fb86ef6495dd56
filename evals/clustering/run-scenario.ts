/**
 * Runs one generated scenario through the product like a user: write the CSV files, import them into a
 * scratch database, segment with each algorithm, and compare the delivered segments with the planted
 * ones (noise customers left out of ARI/NMI, as they belong to no segment).
 */
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../db/client.ts';
import { getRun, runAssignments } from '../../db/queries/runs.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import type { AlgorithmChoice } from '../../pipeline/segment/options.ts';
import { runSegmentation } from '../../services/segment/run-segmentation.ts';
import { adjustedRandIndex, normalizedMutualInformation } from '../lib/partition.ts';
import type { GeneratedScenario } from './scenarios.ts';

export interface ScenarioOutcome {
  readonly scenario: string;
  readonly algorithm: AlgorithmChoice;
  readonly ok: boolean;
  readonly error?: string;
  readonly ari: number;
  readonly nmi: number;
  readonly segmentsFound: number;
  readonly segmentsPlanted: number;
  /** The run's own verdict: false when it reported that it found no reliable segments. */
  readonly confident: boolean;
  readonly ms: number;
}

export async function runScenario(generated: GeneratedScenario, algorithms: readonly AlgorithmChoice[], dir: string, seed: number): Promise<ScenarioOutcome[]> {
  mkdirSync(dir, { recursive: true });
  const handle = await openDatabase({ dataDir: join(dir, 'db') });
  try {
    const datasetIds: number[] = [];
    const files: [string, string | null, 'customers' | 'texts'][] = [
      ['customers.csv', generated.customersCsv, 'customers'],
      ['messages.csv', generated.textsCsv, 'texts'],
    ];
    for (const [name, content, kind] of files) {
      if (content === null) continue;
      writeFileSync(join(dir, name), content);
      const map = kind === 'customers' ? { customer_ref: 'id' as const } : { customer_ref: 'customer_id' as const };
      datasetIds.push((await importDataset(handle.db, { file: join(dir, name), settings: { kind, overrides: map } })).dataset.id);
    }
    const planted = new Set([...generated.truth.values()].filter((l) => l >= 0)).size;
    const out: ScenarioOutcome[] = [];
    for (const algorithm of algorithms) {
      const started = performance.now();
      const result = await runSegmentation(handle.db, { datasetIds, algorithm, seed });
      const ms = Math.round(performance.now() - started);
      if (result.status !== 'succeeded') {
        out.push({ scenario: generated.spec.name, algorithm, ok: false, error: result.error, ari: 0, nmi: 0, segmentsFound: 0, segmentsPlanted: planted, confident: false, ms });
        continue;
      }
      const assignments = await runAssignments(handle.db, result.runId);
      const truth: number[] = [];
      const found: number[] = [];
      for (const a of assignments) {
        const t = generated.truth.get(a.customerExternalId);
        if (t === undefined || t < 0) continue;
        truth.push(t);
        found.push(a.segmentIndex);
      }
      const run = await getRun(handle.db, result.runId);
      const verdict = (run?.metrics as { verdict?: { reliable?: boolean } } | null)?.verdict;
      out.push({
        scenario: generated.spec.name,
        algorithm,
        ok: true,
        ari: adjustedRandIndex(truth, found),
        nmi: normalizedMutualInformation(truth, found),
        segmentsFound: result.segments.length,
        segmentsPlanted: planted,
        confident: verdict?.reliable !== false,
        ms,
      });
    }
    return out;
  } finally {
    await handle.close();
  }
}
