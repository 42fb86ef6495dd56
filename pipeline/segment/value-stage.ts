/**
 * The value stage of a run: BG/NBD + Gamma-Gamma on the run's transactions, or current spend as a
 * labelled proxy for customer tables without a transaction log (spend columns per product line, say).
 */
import type { FeatureSet } from '../features/types.ts';
import type { SegmentValue, StageReport } from '../types.ts';
import { segmentValues, type SegmentValueInput } from '../value/segment-value.ts';
import type { ComputeInput } from './compute-input.ts';

export function valueStage(input: ComputeInput, features: FeatureSet, labels: Int32Array, clusterCount: number): { segments: SegmentValue[]; report: StageReport } {
  const result = segmentValues({
    customerIds: features.customerIds,
    labels,
    clusterCount,
    ...purchaseData(input),
    snapshotMonetary: currentSpend(features),
    currency: null,
  });
  return { segments: result.segments, report: { ...result.report, ms: Math.round(result.report.ms) } };
}

/** The run customers' purchases: per-customer histories from the database, else loaded lines; none when empty. */
function purchaseData(input: ComputeInput): Pick<SegmentValueInput, 'histories' | 'transactions'> {
  if (input.purchaseHistories) return input.purchaseHistories.length ? { histories: input.purchaseHistories } : {};
  return input.features.transactions?.length ? { transactions: input.features.transactions } : {};
}

/** monetary_total from the value block (interpretable, imputed), when the data has one. */
function currentSpend(features: FeatureSet): Float64Array | null {
  for (const block of features.blocks) {
    const j = block.columns.findIndex((c) => c.name === 'monetary_total');
    if (j < 0) continue;
    const out = new Float64Array(block.raw.rows);
    for (let i = 0; i < block.raw.rows; i++) out[i] = block.raw.data[i * block.raw.cols + j] as number;
    return out;
  }
  return null;
}
