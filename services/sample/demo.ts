/**
 * The demo as a library call: write the bundled sample, import it once, segment it with the defaults.
 * Used by `persona demo`, the agent's tests and the benchmarks.
 */
import { join } from 'node:path';
import type { Db } from '../../db/client.ts';
import { importDataset } from '../ingest/import-dataset.ts';
import { runSegmentation, type SegmentHooks } from '../segment/run-segmentation.ts';
import type { RunResult } from '../segment/run-result.ts';
import { generateSample } from '../../pipeline/sample/generate.ts';
import { writeSampleFiles } from '../../pipeline/sample/write-files.ts';

export interface DemoOptions {
  readonly home: string;
  readonly seed?: number;
  readonly onImported?: (line: string) => void;
}

export async function runDemo(db: Db, options: DemoOptions, hooks: SegmentHooks = {}): Promise<RunResult> {
  const files = writeSampleFiles(join(options.home, 'sample'), generateSample());
  const datasetIds: number[] = [];
  for (const kind of ['customers', 'transactions', 'texts'] as const) {
    const outcome = await importDataset(db, {
      file: files[kind],
      settings: { kind, name: `sample-${kind}`, overrides: kind === 'customers' ? { planted_segment: 'label' } : {} },
    });
    options.onImported?.(
      outcome.status === 'skipped'
        ? `sample ${kind}: already imported as dataset ${outcome.dataset.id}`
        : `sample ${kind}: imported ${outcome.report.rows} rows as dataset ${outcome.dataset.id}`,
    );
    datasetIds.push(outcome.dataset.id);
  }
  return runSegmentation(db, { datasetIds, seed: options.seed ?? 42, labelsColumn: 'planted_segment' }, hooks);
}
