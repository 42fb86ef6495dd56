/**
 * The datasets suites score, imported into a scratch database like a user would: the bundled sample
 * (generated; smaller in the gate) and, in the full scope, the public datasets when their folder exists.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Db } from '../db/client.ts';
import { importDataset } from '../services/ingest/import-dataset.ts';
import { generateSample } from '../pipeline/sample/generate.ts';
import { writeSampleFiles } from '../pipeline/sample/write-files.ts';

export interface DatasetSource {
  readonly name: string;
  /** Files relative to the data folder; empty for generated data. */
  readonly files: readonly string[];
}

export const publicDatasets: readonly DatasetSource[] = [
  { name: 'marketing_campaign', files: ['customer_personality/marketing_campaign.csv'] },
  { name: 'twcs_sample', files: ['twcs_sample/twcs_sample.csv'] },
  { name: 'online_retail', files: ['online_retail/online_retail.parquet'] },
  { name: 'telco_churn', files: ['telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv'] },
];

export const sampleSizes = { gate: 150, full: 360 } as const;

/** Which datasets a suite scores: the sample always, public ones in the full scope when present. */
export function datasetsInScope(scope: 'gate' | 'full', dataDir: string | undefined, only: readonly string[] | undefined): { available: DatasetSource[]; missing: string[] } {
  const wanted = [{ name: 'sample', files: [] as string[] }, ...(scope === 'full' ? publicDatasets : [])].filter((d) => !only?.length || only.includes(d.name));
  const available: DatasetSource[] = [];
  const missing: string[] = [];
  for (const d of wanted) {
    if (d.files.every((f) => dataDir && existsSync(join(dataDir, f)))) available.push(d);
    else missing.push(d.name);
  }
  for (const name of only ?? []) if (!wanted.some((d) => d.name === name)) missing.push(name);
  return { available, missing };
}

/** Imports a dataset into `db` and returns the dataset ids and the label column to score against, if any. */
export async function importSource(db: Db, source: DatasetSource, scope: 'gate' | 'full', dataDir: string | undefined, workDir: string): Promise<{ datasetIds: number[]; labelsColumn?: string }> {
  if (source.name === 'sample') {
    const dir = join(workDir, 'sample-files');
    mkdirSync(dir, { recursive: true });
    const files = writeSampleFiles(dir, generateSample({ customers: sampleSizes[scope] }));
    const ids: number[] = [];
    for (const kind of ['customers', 'transactions', 'texts'] as const) {
      const outcome = await importDataset(db, { file: files[kind], settings: { kind, name: `sample-${kind}`, overrides: kind === 'customers' ? { planted_segment: 'label' } : {} } });
      ids.push(outcome.dataset.id);
    }
    return { datasetIds: ids, labelsColumn: 'planted_segment' };
  }
  const ids: number[] = [];
  for (const file of source.files) ids.push((await importDataset(db, { file: join(dataDir as string, file) })).dataset.id);
  return { datasetIds: ids };
}
