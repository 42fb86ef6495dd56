/**
 * Fresh databases for the agent suite: each dataset imported and segmented with the defaults, the way a
 * new user would start. The generated member table needs nothing outside the repository.
 */
import { existsSync, mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { openDatabase, type DbHandle } from '../../db/client.ts';
import { importDataset } from '../../services/ingest/import-dataset.ts';
import { runDemo } from '../../services/sample/demo.ts';
import { runSegmentation } from '../../services/segment/run-segmentation.ts';
import { writeMembersCsv } from './generated-data.ts';
import type { AgentDataset } from './types.ts';

export const sharedDataDir = resolve(import.meta.dirname, '../../../shared/data');

/** Each shared dataset's file inside ../shared/data. */
export const realFiles: Partial<Record<AgentDataset, string>> = {
  marketing_campaign: 'customer_personality/marketing_campaign.csv',
  twcs_sample: 'twcs_sample/twcs_sample.csv',
  telco_churn: 'telco_churn/WA_Fn-UseC_-Telco-Customer-Churn.csv',
  online_retail: 'online_retail/online_retail.parquet',
};

/** Why a dataset cannot be set up here, or null when it can. */
export function unavailable(dataset: AgentDataset, dataDir = sharedDataDir): string | null {
  const file = realFiles[dataset];
  if (!file) return null;
  return existsSync(join(dataDir, file)) ? null : `${join(dataDir, file)} is absent`;
}

export interface PreparedDataset {
  readonly handle: DbHandle;
  readonly runId: number;
  readonly home: string;
}

/** `open` gives the empty database to fill (in memory by default; tests pass a copy of a prepared one). */
export async function prepareDataset(
  dataset: AgentDataset,
  workDir: string,
  dataDir = sharedDataDir,
  open: () => Promise<DbHandle> = () => openDatabase(),
): Promise<PreparedDataset> {
  const home = join(workDir, dataset);
  mkdirSync(home, { recursive: true });
  const handle = await open();
  try {
    let runId: number;
    let error: string | undefined;
    if (dataset === 'sample') {
      const r = await runDemo(handle.db, { home });
      runId = r.runId;
      error = r.status === 'failed' ? r.error : undefined;
    } else {
      const file = dataset === 'generated' ? join(home, 'members.csv') : join(dataDir, realFiles[dataset] as string);
      if (dataset === 'generated') writeMembersCsv(file);
      const imported = await importDataset(handle.db, { file });
      // The generated table only has to be segmented, not measured: fewer stability resamples keep the gate fast.
      const r = await runSegmentation(handle.db, { datasetIds: [imported.dataset.id], ...(dataset === 'generated' ? { stabilityResamples: 2 } : {}) });
      runId = r.runId;
      error = r.status === 'failed' ? r.error : undefined;
    }
    if (error !== undefined) throw new Error(`segmenting ${dataset} failed: ${error}`);
    return { handle, runId, home };
  } catch (err) {
    await handle.close();
    throw err;
  }
}
