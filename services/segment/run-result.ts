import type { Dataset } from '../../db/schema.ts';
import type { StageReport } from '../../pipeline/types.ts';
import type { ComputeResult } from '../../pipeline/segment/compute.ts';
import type { RunMetrics } from '../../pipeline/segment/evaluate-stage.ts';

export interface RunSegment {
  readonly id: number;
  readonly size: number;
  readonly share: number;
  readonly label: string;
  readonly stability: number | null;
  readonly topFeatures: readonly { feature: string; description: string; direction: 'higher' | 'lower'; z: number; lift: number | null; segmentMean: number; populationMean: number }[];
  readonly topTerms: readonly { term: string; score: number; texts: number }[];
}

export type RunResult =
  | {
      readonly runId: number;
      readonly status: 'succeeded';
      readonly seed: number;
      readonly datasetIds: readonly number[];
      readonly customers: number;
      readonly algorithm: string;
      readonly segments: readonly RunSegment[];
      readonly metrics: RunMetrics;
      readonly stages: readonly { stage: string; ms: number; rowsIn: number; rowsOut: number; notes?: readonly string[] }[];
    }
  | {
      readonly runId: number;
      readonly status: 'failed';
      readonly seed: number;
      readonly datasetIds: readonly number[];
      readonly error: string;
      readonly stages: readonly { stage: string; ms: number; rowsIn: number; rowsOut: number }[];
    };

export function toRunResult(runId: number, seed: number, datasets: readonly Dataset[], result: ComputeResult, stages: readonly StageReport[]): RunResult {
  return {
    runId,
    status: 'succeeded',
    seed,
    datasetIds: datasets.map((d) => d.id),
    customers: result.customerIds.length,
    algorithm: result.algorithm,
    segments: result.segments.map((s) => ({
      id: s.index,
      size: s.size,
      share: s.share,
      label: s.label,
      stability: s.stability,
      topFeatures: s.topFeatures.map((f) => ({
        feature: f.feature,
        description: f.description,
        direction: f.direction,
        z: f.z,
        lift: f.lift,
        segmentMean: f.segmentMean,
        populationMean: f.populationMean,
      })),
      topTerms: s.topTerms.map((t) => ({ term: t.term, score: t.score, texts: t.texts })),
    })),
    metrics: result.metrics,
    stages: stages.map((s) => ({ stage: s.stage, ms: Math.round(s.ms), rowsIn: s.rowsIn, rowsOut: s.rowsOut, ...(s.notes?.length ? { notes: s.notes } : {}) })),
  };
}
