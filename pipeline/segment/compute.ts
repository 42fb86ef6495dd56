/**
 * The heavy, pure part of a segmentation: features → fusion → reduction → clustering → noise
 * reassignment → evaluation → 2-D map → description. No database, no clock, one seeded RNG: the same
 * input gives the same output byte for byte. Runs inside a worker thread (see compute-worker.ts).
 */
import { createRng } from '../../lib/rng.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { buildFeatures } from '../features/build-features.ts';
import type { FeatureInputs } from '../features/inputs.ts';
import type { BlockName, FittedColumns } from '../features/types.ts';
import { fittedStateVersion, type FittedState } from '../fitted/state.ts';
import { fuseBlocks } from '../fuse/fuse.ts';
import type { StageReport } from '../types.ts';
import { concatRaw, describeSegments, type SegmentSummary } from './describe-stage.ts';
import { evidenceStage } from '../evidence/evidence-stage.ts';
import { evaluateStage, type RunMetrics } from './evaluate-stage.ts';
import type { ResolvedSegmentOptions } from './options.ts';
import { mapStage } from './reduce-stage.ts';
import { reduceAndCluster } from './sample-fit.ts';
import { intelligenceStage, type SegmentIntelligence } from './intelligence-stage.ts';
import { valueStage } from './value-stage.ts';
import { personaStage, type StoredPersona } from '../persona/persona-stage.ts';
import { segmentStatistics } from '../persona/statistics.ts';
import type { PersonaInput } from '../persona/persona-input.ts';
import type { SegmentEvidence, SegmentValue } from '../types.ts';
import { taxonomyThemes } from '../describe/cx-taxonomy.ts';
import { activityWidth, countActivity, type CustomerActivity } from '../describe/activity.ts';
import { runPseudonymSalt } from '../evidence/pseudonym.ts';
import type { ComputeInput } from './compute-input.ts';

export type { ComputeInput } from './compute-input.ts';

export interface ComputeResult {
  readonly customerIds: readonly string[];
  readonly algorithm: string;
  readonly labels: Int32Array;
  readonly probabilities: Float64Array;
  readonly wasNoise: Uint8Array;
  readonly map: Matrix;
  readonly segments: readonly SegmentSummary[];
  readonly intelligence: readonly SegmentIntelligence[];
  readonly values: readonly SegmentValue[];
  readonly evidence: readonly (readonly SegmentEvidence[])[];
  readonly personas: readonly (StoredPersona | null)[];
  /** What the persona writers read, kept so an LLM writer can run after the worker. */
  readonly personaInputs: readonly PersonaInput[];
  readonly metrics: RunMetrics;
  readonly features: readonly { block: BlockName; name: string; description: string }[];
  readonly stages: readonly StageReport[];
  /** What was fitted, kept with the run so new customers are placed without a refit. */
  readonly fittedState: FittedState;
}

export type ComputeProgress = (stage: string, fraction: number) => void;

export async function computeSegmentation(input: ComputeInput, onProgress: ComputeProgress = () => undefined): Promise<ComputeResult> {
  const o = input.options;
  const rng = createRng(o.seed);
  const stages: StageReport[] = [];

  onProgress('features', 0);
  const featureSet = buildFeatures({
    ...input.features,
    ...(o.labelsColumn ? { labelColumns: [o.labelsColumn] } : {}),
    ...(o.includeColumns ? { includeColumns: o.includeColumns } : {}),
  });
  stages.push(featureSet.report);
  const blocks = featureSet.blocks
    // Descriptions quote uncapped values; clustering uses the capped, scaled ones.
    .map((b) => ({ name: b.name, matrix: b.scaled, raw: b.uncapped ?? b.raw, columns: b.columns }))
    .concat(input.semantic ? [{ name: 'semantic' as const, matrix: input.semantic, raw: input.semantic, columns: [] }] : [])
    .filter((b) => b.matrix.cols > 0 && (!o.blocks || o.blocks.includes(b.name)));

  onProgress('fuse', 0.1);
  const fused = fuseBlocks(
    blocks.map((b) => ({ name: b.name, matrix: b.matrix })),
    o.weights ? (o.weights as Record<string, number>) : defaultWeights(blocks.map((b) => b.name)),
  );
  stages.push(fused.report);

  onProgress('reduce', 0.2);
  const reducedClustered = await reduceAndCluster(fused.matrix, o, rng);
  const reduced = { embedding: reducedClustered.embedding };
  const clustered = reducedClustered.clustered;
  stages.push(...reducedClustered.reports);

  onProgress('evaluate', 0.6);
  const { fitted } = reducedClustered;
  const metrics = await evaluateStage(fitted.embedding, fitted.clustered, o, rng.fork('evaluate'), fitted.labelsOf(input.labels));
  stages.push(metrics.report);

  onProgress('map', 0.8);
  const map = await mapStage(reduced.embedding, rng.fork('map'));
  stages.push(map.report);

  onProgress('describe', 0.9);
  const described = describeSegments({
    customerIds: featureSet.customerIds,
    labels: clustered.labels,
    clusterCount: clustered.clusterCount,
    space: reduced.embedding,
    blocks: blocks.filter((b) => b.name !== 'semantic'),
    texts: input.texts ?? [],
    stability: metrics.metrics.stability.perSegment,
    ...(o.taxonomy ? { taxonomy: o.taxonomy } : {}),
  });
  stages.push(described.report);

  const tabular = blocks.filter((b) => b.name !== 'semantic');
  const { raw, columns } = concatRaw(tabular, featureSet.customerIds.length);
  const evidence = evidenceStage({
    space: reduced.embedding,
    labels: clustered.labels,
    clusterCount: clustered.clusterCount,
    customerIds: featureSet.customerIds,
    texts: input.texts ?? [],
    salt: runPseudonymSalt(input.pseudonymSecret, o.seed, o.datasetIds),
    keepHandles: input.companyHandles ?? [],
    columns,
    raw,
    keyFeatures: described.segments.map((s) => s.topFeatures.map((f) => f.feature)),
  });
  stages.push(evidence.report);

  const values = valueStage(input, featureSet, clustered.labels, clustered.clusterCount);
  stages.push(values.report);

  const intelligence = intelligenceStage({
    segments: described.segments,
    customerIds: featureSet.customerIds,
    labels: clustered.labels,
    activity: customerActivity(input),
    values: values.segments.map((v) => ({ meanClv: v.meanClv, churnRisk: v.churnRisk, proxy: v.method === 'snapshot-proxy' })),
  });
  stages.push(intelligence.report);

  const personaInputs: PersonaInput[] = described.segments.map((s, i) => {
      const intel = intelligence.segments[i] as SegmentIntelligence;
      const value = values.segments[i] ?? null;
      return {
        index: s.index,
        label: s.label,
        size: s.size,
        share: s.share,
        contrasts: s.contrasts,
        topFeatures: s.topFeatures,
        topTerms: s.topTerms,
        description: intel.description,
        channels: intel.channels,
        campaign: intel.campaign,
        value,
        evidence: evidence.segments[i] ?? [],
        statistics: segmentStatistics({ size: s.size, share: s.share, topFeatures: s.topFeatures, description: intel.description, value, stability: s.stability }),
        stability: s.stability,
      };
  });
  const personas = personaStage(personaInputs, { themes: taxonomyThemes(o.taxonomy) });
  stages.push(personas.report);
  onProgress('done', 1);

  return {
    customerIds: featureSet.customerIds,
    algorithm: clustered.algorithm,
    labels: clustered.labels,
    probabilities: clustered.probabilities,
    wasNoise: clustered.wasNoise,
    map: map.embedding,
    segments: described.segments,
    intelligence: intelligence.segments,
    values: values.segments,
    evidence: evidence.segments,
    personas: personas.cards,
    personaInputs,
    metrics: metrics.metrics,
    features: blocks.flatMap((b) => b.columns.map((c) => ({ block: b.name, name: c.name, description: c.description }))),
    stages,
    fittedState: {
      version: fittedStateVersion,
      features: {
        referenceTime: featureSet.referenceTime ?? null,
        blocks: featureSet.blocks
          .filter((b) => b.fitted && fused.fitted.blocks.some((f) => f.name === b.name))
          .map((b) => ({ name: b.name, columns: b.columns.map((c) => c.name), ...(b.fitted as FittedColumns) })),
      },
      semantic: input.semantic && fused.fitted.blocks.some((f) => f.name === 'semantic') ? { model: input.embedderModel ?? o.embedder } : null,
      fusion: fused.fitted,
      reducer: reducedClustered.model.reducer,
      cluster: reducedClustered.model.cluster,
    },
  };
}

/**
 * Default block weights: semantic text gets 0.75 when present (0.75 / 0.25 is the measured sweet spot
 * for text plus behaviour); the rest is split behavioural : value : demographic = 2 : 2 : 1, so personas
 * are driven by what customers do and say more than by who they are.
 */
export function defaultWeights(present: readonly BlockName[]): Record<string, number> {
  const ratio: Record<BlockName, number> = { semantic: 0, behavioural: 2, value: 2, demographic: 1 };
  const others = present.filter((b) => b !== 'semantic');
  const rest = present.includes('semantic') ? (others.length ? 0.25 : 0) : 1;
  const total = others.reduce((sum, b) => sum + ratio[b], 0);
  const weights: Record<string, number> = {};
  if (present.includes('semantic')) weights.semantic = others.length ? 0.75 : 1;
  for (const b of others) weights[b] = total ? (rest * ratio[b]) / total : 0;
  return weights;
}

/** When each customer was active: text times when there are texts, else transaction times. */
function customerActivity(input: ComputeInput): CustomerActivity {
  const texts = input.features.texts;
  if (!texts?.length && input.transactionActivity) return input.transactionActivity;
  const events: readonly { customerId: string; at: number | null }[] = texts?.length ? texts : (input.features.transactions ?? []);
  const row = new Map<string, number>();
  for (const e of events) if (e.at !== null && !row.has(e.customerId)) row.set(e.customerId, row.size);
  const counts = new Uint32Array(row.size * activityWidth);
  for (const e of events) if (e.at !== null) countActivity([e.at], counts, row.get(e.customerId) as number);
  return { customerIds: [...row.keys()], counts };
}
