/**
 * Fusion ablation: the same customers segmented under several block-weight settings, so the default
 * weights are a measured choice rather than a belief. Inputs and embeddings are prepared once; each
 * setting runs the worker computation; nothing is stored as a run.
 */
import type { Db } from '../../db/client.ts';
import type { BlockName } from '../../pipeline/features/types.ts';
import type { StageReport } from '../../pipeline/types.ts';
import { buildFeatures } from '../../pipeline/features/build-features.ts';
import { defaultWeights } from '../../pipeline/segment/compute.ts';
import type { RunMetrics } from '../../pipeline/segment/evaluate-stage.ts';
import { chooseDatasets } from './load-inputs.ts';
import { resolveSegmentOptions, type SegmentOptions } from '../../pipeline/segment/options.ts';
import { runComputeInWorker } from '../../pipeline/segment/run-compute.ts';
import { prepareCompute, type SegmentHooks } from './run-segmentation.ts';

export interface AblationRow {
  readonly setting: string;
  readonly weights: Readonly<Record<string, number>>;
  readonly segments: number;
  readonly algorithm: string;
  readonly metrics: RunMetrics;
}

export interface AblationResult {
  readonly customers: number;
  readonly blocks: readonly string[];
  readonly rows: readonly AblationRow[];
}

/** The settings compared: semantic share swept when text exists, else each block alone vs the mix. */
export function ablationSettings(blocks: readonly BlockName[]): { setting: string; weights: Record<string, number> }[] {
  const others = blocks.filter((b) => b !== 'semantic');
  if (blocks.includes('semantic') && others.length) {
    return [1, 0.75, 0.5, 0.25, 0].map((share) => {
      const rest = defaultWeights(others);
      const weights: Record<string, number> = { semantic: share };
      for (const [b, w] of Object.entries(rest)) weights[b] = (1 - share) * w;
      return { setting: `semantic ${share}`, weights };
    });
  }
  const settings = [{ setting: 'default', weights: defaultWeights(blocks) }];
  if (blocks.length > 1) {
    settings.push({ setting: 'equal', weights: Object.fromEntries(blocks.map((b) => [b, 1 / blocks.length])) });
    for (const b of blocks) settings.push({ setting: `${b} only`, weights: Object.fromEntries(blocks.map((x) => [x, x === b ? 1 : 0])) });
  }
  return settings;
}

export async function runAblation(db: Db, options: SegmentOptions, hooks: SegmentHooks = {}): Promise<AblationResult> {
  const resolved = resolveSegmentOptions(options);
  const datasets = await chooseDatasets(db, options.datasetIds);
  const stages: StageReport[] = [];
  const input = await prepareCompute(db, resolved, datasets, hooks, stages);
  const blocks: BlockName[] = buildFeatures(input.features).blocks.filter((b) => b.raw.cols > 0).map((b) => b.name);
  if (input.semantic) blocks.unshift('semantic');
  const rows: AblationRow[] = [];
  for (const { setting, weights } of ablationSettings(blocks)) {
    hooks.onProgress?.(`ablation ${setting}`, rows.length / Math.max(1, blocks.length + 3));
    const present = Object.fromEntries(Object.entries(weights).filter(([, w]) => w > 0));
    const result = await runComputeInWorker({
      ...input,
      options: { ...resolved, weights: present, blocks: Object.keys(present) as BlockName[], stabilityResamples: Math.min(resolved.stabilityResamples, 5) },
    });
    rows.push({ setting, weights: present, segments: result.segments.length, algorithm: result.algorithm, metrics: result.metrics });
  }
  return { customers: input.features.customerIds.length, blocks, rows };
}
