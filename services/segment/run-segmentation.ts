/**
 * `runSegmentation(options) → RunResult`: the library call behind `persona segment`, the agent's
 * segment tool and the HTTP API. Composes: choose datasets → record a running run → load inputs →
 * embed texts (cached) → compute in a worker → store. A failure marks the run failed with its reason and
 * leaves every earlier run intact.
 */
import type { Db } from '../../db/client.ts';
import { completeRun, createRun, markRunFailed } from '../../db/queries/runs.ts';
import { errorMessage, PersonaError } from '../../lib/errors.ts';
import type { StageReport } from '../../pipeline/types.ts';
import type { ComputeInput } from '../../pipeline/segment/compute.ts';
import { embedStage } from './embed-stage.ts';
import { chooseDatasets, loadInputs } from './load-inputs.ts';
import { resolveSegmentOptions, type ResolvedSegmentOptions, type SegmentOptions } from '../../pipeline/segment/options.ts';
import type { Dataset } from '../../db/schema.ts';
import { toRunResult, type RunResult } from './run-result.ts';
import { runComputeInWorker } from '../../pipeline/segment/run-compute.ts';
import { labelsFor } from '../../pipeline/segment/labels.ts';
import { llmPersonaPass } from '../../pipeline/persona/llm-pass.ts';
import type { LlmWriterOptions } from '../../pipeline/persona/llm-writer.ts';
import { companyAuthorsOf } from '../../db/queries/customer-data.ts';
import { databaseSecret } from '../../db/queries/settings.ts';
import { runOwner, startHeartbeat } from './run-liveness.ts';
import { encodeState } from '../../pipeline/fitted/codec.ts';
import { fittedStateVersion } from '../../pipeline/fitted/state.ts';

export interface SegmentHooks {
  onProgress?(stage: string, fraction: number): void;
  /** An OpenAI-compatible endpoint that rewrites persona cards (never stored in the run's params). */
  personaWriter?: LlmWriterOptions | null;
  /** Cancels the run (a queued job cancelled by its user): the worker stops and the run is marked failed. */
  signal?: AbortSignal;
}

const minCustomers = 10;

export async function runSegmentation(db: Db, options: SegmentOptions = {}, hooks: SegmentHooks = {}): Promise<RunResult> {
  const resolved = resolveSegmentOptions(options);
  const datasets = await chooseDatasets(db, options.datasetIds);
  const run = await createRun(db, {
    status: 'running',
    datasetIds: datasets.map((d) => d.id),
    parentRunId: options.parentRunId ?? null,
    params: resolved,
    seed: resolved.seed,
    ...runOwner(),
  });
  const stopHeartbeat = startHeartbeat(db, run.id);
  const stages: StageReport[] = [];
  try {
    const computeInput = await prepareCompute(db, resolved, datasets, hooks, stages);
    hooks.signal?.throwIfAborted();
    const result = await runComputeInWorker(computeInput, (stage, f) => hooks.onProgress?.(stage, f), hooks.signal);
    hooks.signal?.throwIfAborted();
    stages.push(...result.stages);
    let personas = result.personas;
    if (hooks.personaWriter) {
      hooks.onProgress?.('persona-llm', 0);
      const pass = await llmPersonaPass(result.personaInputs, result.personas, hooks.personaWriter);
      personas = pass.cards;
      stages.push(pass.report);
    }
    await completeRun(
      db,
      run.id,
      { algorithm: result.algorithm, customers: result.customerIds.length, metrics: result.metrics, stages, features: result.features },
      result.segments.map((s) => ({
        segmentIndex: s.index,
        size: s.size,
        share: s.share,
        label: s.label,
        topFeatures: s.topFeatures,
        topTerms: s.topTerms,
        stability: s.stability,
        profile: { centroid: s.centroid, contrasts: s.contrasts, drivers: s.drivers, claims: s.claims, theme: s.theme },
        description: result.intelligence[s.index]?.description ?? null,
        channels: result.intelligence[s.index]?.channels ?? null,
        campaign: result.intelligence[s.index]?.campaign ?? null,
        value: result.values[s.index] ?? null,
        evidence: result.evidence[s.index] ?? [],
        persona: personas[s.index] ?? null,
      })),
      result.customerIds.map((id, i) => ({
        customerExternalId: id,
        segmentIndex: result.labels[i] as number,
        probability: result.probabilities[i] as number,
        wasNoise: result.wasNoise[i] === 1,
        x: result.map.data[i * 2] as number,
        y: result.map.data[i * 2 + 1] as number,
      })),
      { formatVersion: fittedStateVersion, state: encodeState(result.fittedState) },
    );
    return toRunResult(run.id, resolved.seed, datasets, result, stages);
  } catch (err) {
    await markRunFailed(db, run.id, errorMessage(err), stages);
    return {
      runId: run.id,
      status: 'failed',
      seed: resolved.seed,
      datasetIds: datasets.map((d) => d.id),
      error: errorMessage(err),
      stages: stages.map(stageLine),
    };
  } finally {
    stopHeartbeat();
  }
}

/** Loads, filters and embeds: everything the worker needs, with the load and embed stage reports. */
export async function prepareCompute(
  db: Db,
  resolved: ResolvedSegmentOptions,
  datasets: readonly Dataset[],
  hooks: SegmentHooks,
  stages: StageReport[],
): Promise<ComputeInput> {
    hooks.onProgress?.('load', 0);
    const t0 = performance.now();
    const inputs = await loadInputs(db, datasets, resolved.subset, { purchaseAggregates: true });
    stages.push({
      stage: 'load',
      ms: Math.round(performance.now() - t0),
      rowsIn: inputs.customerIds.length + Object.values(inputs.excluded).reduce((a, b) => a + b, 0),
      rowsOut: inputs.customerIds.length,
      params: { datasets: datasets.map((d) => `${d.id}:${d.kind}`) },
      counts: { ...inputs.excluded, transactions: inputs.transactions?.length ?? lineCount(inputs.purchaseAggregates), texts: inputs.texts?.length ?? 0 },
    });
    if (inputs.customerIds.length < minCustomers) {
      throw new PersonaError(
        'bad_value',
        `only ${inputs.customerIds.length} customers to segment (need at least ${minCustomers})` +
          (Object.keys(inputs.excluded).length ? `; excluded: ${JSON.stringify(inputs.excluded)}` : ''),
      );
    }
    const embedded = inputs.texts?.length
      ? await embedStage(db, inputs.texts, inputs.customerIds, resolved, (f) => hooks.onProgress?.('embed', f))
      : null;
    if (embedded) stages.push(embedded.report);

    return {
      options: resolved,
      features: {
        customerIds: inputs.customerIds,
        ...(inputs.customers ? { customers: inputs.customers } : {}),
        ...(inputs.customerRoles ? { customerRoles: inputs.customerRoles } : {}),
        ...(inputs.transactions ? { transactions: inputs.transactions } : {}),
        ...(inputs.purchaseAggregates ? { purchaseAggregates: inputs.purchaseAggregates } : {}),
        ...(inputs.texts ? { texts: inputs.texts } : {}),
      },
      ...(inputs.purchaseHistories ? { purchaseHistories: inputs.purchaseHistories } : {}),
      ...(inputs.transactionActivity ? { transactionActivity: inputs.transactionActivity } : {}),
      ...(embedded ? { semantic: embedded.matrix, embedderModel: String(embedded.report.params.model) } : {}),
      ...(inputs.texts ? { texts: inputs.texts.map((t) => ({ textId: t.externalId, customerId: t.customerId, body: t.body, at: t.at })) } : {}),
      ...(resolved.labelsColumn ? { labels: labelsFor(inputs, resolved.labelsColumn) } : {}),
      companyHandles: await companyHandles(db, datasets),
      pseudonymSecret: await databaseSecret(db, 'pseudonym_salt'),
    };
}

/** Lines of the kept customers, counted by the database. */
function lineCount(aggregates: readonly { lines: number }[] | undefined): number {
  return (aggregates ?? []).reduce((sum, a) => sum + a.lines, 0);
}

export function stageLine(s: StageReport): { stage: string; ms: number; rowsIn: number; rowsOut: number } {
  return { stage: s.stage, ms: Math.round(s.ms), rowsIn: s.rowsIn, rowsOut: s.rowsOut };
}

async function companyHandles(db: Db, datasets: readonly Dataset[]): Promise<string[]> {
  const lists = await Promise.all(datasets.filter((d) => d.kind === 'texts').map((d) => companyAuthorsOf(db, d.id)));
  return [...new Set(lists.flat())].sort();
}
