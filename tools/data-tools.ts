/** Tools over data: import a file, preview a subset, and re-segment (a new run over a subset). */
import { z } from 'zod';
import { listDatasets } from '../db/queries/datasets.ts';
import { datasetsByIds } from '../db/queries/customer-data.ts';
import { getRun } from '../db/queries/runs.ts';
import { importDataset } from '../pipeline/ingest/import-dataset.ts';
import { chooseDatasets, loadInputs } from '../pipeline/segment/load-inputs.ts';
import type { SegmentOptions, SubsetFilter } from '../pipeline/segment/options.ts';
import { runSegmentation } from '../pipeline/segment/run-segmentation.ts';
import { defineTool } from './define.ts';
import { runSegmentViews, segmentLine } from './resolve.ts';
import { customersSimilarTo } from './semantic-filter.ts';
import type { Dataset } from '../db/schema.ts';
import type { ToolContext } from './types.ts';
import type { JobControl } from '../lib/job-queue.ts';
import { errorMessage } from '../lib/errors.ts';

export const loadData = defineTool({
  name: 'load_data',
  description: 'Import a customers, transactions or texts file (CSV/TSV, gzip, Parquet, JSONL) into the database, or list imported datasets when no file is given.',
  schema: z.object({
    file: z.string().min(1).max(1000).optional().describe('Path of the file to import; omit to list datasets'),
    kind: z.enum(['customers', 'transactions', 'texts']).optional().describe('What one row is; inferred when omitted'),
  }).strict(),
  async run(ctx, args) {
    if (args.file) {
      const outcome = await importDataset(ctx.db, { file: args.file, settings: { overrides: {}, ...(args.kind ? { kind: args.kind } : {}) } });
      const d = outcome.dataset;
      return {
        ok: true,
        data: outcome.status === 'imported'
          ? { status: 'imported', datasetId: d.id, name: d.name, kind: d.kind, rows: outcome.report.rows, counts: outcome.report.counts }
          : { status: 'skipped', datasetId: d.id, name: d.name, kind: d.kind, reason: outcome.reason },
      };
    }
    const datasets = await listDatasets(ctx.db);
    return { ok: true, data: { datasets: datasets.map((d) => ({ datasetId: d.id, name: d.name, kind: d.kind, counts: d.counts })) } };
  },
});

export const subsetFields = {
  minOrders: z.number().int().min(0).optional().describe('Only customers with at least this many orders'),
  maxOrders: z.number().int().min(0).optional().describe('Only customers with at most this many orders'),
  minSpend: z.number().min(0).optional().describe('Only customers who spent at least this much in total'),
  maxSpend: z.number().min(0).optional().describe('Only customers who spent at most this much in total'),
  country: z.array(z.string().min(1).max(100)).max(50).optional().describe('Only customers in these countries (a Country column)'),
  activeFrom: z.string().regex(/^\d{4}-\d{2}-\d{2}/).optional().describe('Only customers active on or after this ISO date'),
  activeTo: z.string().regex(/^\d{4}-\d{2}-\d{2}/).optional().describe('Only customers active on or before this ISO date'),
  textContains: z.string().min(2).max(100).optional().describe('Only customers with a text containing this keyword'),
  similarTo: z.string().min(3).max(200).optional().describe('Only customers with a text close in meaning to this description, e.g. "worried about fraud"'),
  similarity: z.number().min(0.2).max(0.95).optional().describe('How close in meaning (cosine, default 0.5) for similarTo'),
  segmentOf: z.object({ runId: z.number().int().positive().describe('Run id'), segmentId: z.number().int().min(0).describe('Segment id') }).optional().describe("Only customers of a stored run's segment"),
};

const subsetSchema = z.object(subsetFields);

export function toSubset(f: Omit<z.infer<typeof subsetSchema>, 'similarTo' | 'similarity'>): SubsetFilter {
  return {
    ...(f.minOrders !== undefined ? { minOrders: f.minOrders } : {}),
    ...(f.maxOrders !== undefined ? { maxOrders: f.maxOrders } : {}),
    ...(f.minSpend !== undefined ? { minSpend: f.minSpend } : {}),
    ...(f.maxSpend !== undefined ? { maxSpend: f.maxSpend } : {}),
    ...(f.country?.length ? { attributes: { Country: f.country } } : {}),
    ...(f.activeFrom ? { activeFrom: f.activeFrom } : {}),
    ...(f.activeTo ? { activeTo: f.activeTo } : {}),
    ...(f.textContains ? { textContains: f.textContains } : {}),
    ...(f.segmentOf ? { segmentOf: { runId: f.segmentOf.runId, segmentIndex: f.segmentOf.segmentId } } : {}),
  };
}

/** The datasets of the run in focus, so a re-segmentation looks at the same data. */
async function focusDatasets(ctx: ToolContext) {
  const run = ctx.focus.runId !== null ? await getRun(ctx.db, ctx.focus.runId) : null;
  return run ? datasetsByIds(ctx.db, run.datasetIds) : chooseDatasets(ctx.db, undefined);
}

/** A subset as tools report it: an explicit id list is summarised by its size. */
function shownSubset(subset: SubsetFilter): Record<string, unknown> {
  return { ...subset, ...(subset.customerIds ? { customerIds: `${subset.customerIds.length} customers` } : {}) };
}

/** The structured filters plus, for similarTo, the customers whose texts are close in meaning. */
async function resolveSubset(ctx: ToolContext, datasets: Dataset[], f: z.infer<typeof subsetSchema>): Promise<{ subset: SubsetFilter; semantic?: { customers: number; texts: number } }> {
  const { similarTo, similarity, ...rest } = f;
  const subset = toSubset(rest);
  if (!similarTo) return { subset };
  const found = await customersSimilarTo(ctx.db, datasets, similarTo, ctx.encoder, similarity);
  return { subset: { ...subset, customerIds: found.customerIds }, semantic: { customers: found.customerIds.length, texts: found.texts } };
}

export const filterData = defineTool({
  name: 'filter_data',
  description: 'Count how many customers a subset filter keeps (orders, spend, country, dates, keyword, a segment), before re-segmenting them.',
  schema: subsetSchema.strict(),
  async run(ctx, args) {
    const datasets = await focusDatasets(ctx);
    const { subset, semantic } = await resolveSubset(ctx, datasets, args);
    const [all, kept] = await Promise.all([loadInputs(ctx.db, datasets, undefined), loadInputs(ctx.db, datasets, subset)]);
    return { ok: true, data: { customers: all.customerIds.length, matching: kept.customerIds.length, excluded: kept.excluded, subset: shownSubset(subset), ...(semantic ? { semantic } : {}) } };
  },
});

export const segment = defineTool({
  name: 'segment',
  description: 'Re-segment customers into a new run: choose the algorithm, the number of segments or the minimum segment size, feature blocks and weights, and a subset of customers.',
  schema: z.object({
    k: z.number().int().min(2).max(30).optional().describe('Exact number of segments (k-means); omit to choose automatically'),
    algorithm: z.enum(['auto', 'hdbscan', 'kmeans', 'agglomerative']).optional().describe('Clustering algorithm; k implies kmeans'),
    minClusterSize: z.number().int().min(2).optional().describe('Smallest segment size (HDBSCAN)'),
    blocks: z.array(z.enum(['semantic', 'behavioural', 'value', 'demographic'])).min(1).optional().describe('Feature blocks to use'),
    weights: z.record(z.enum(['semantic', 'behavioural', 'value', 'demographic']), z.number().min(0).max(1)).optional().describe('Weight per feature block'),
    seed: z.number().int().optional().describe('Random seed (default 42)'),
    ...subsetFields,
  }).strict(),
  async run(ctx, args) {
    const { k, algorithm, minClusterSize, blocks, weights, seed, ...filter } = args;
    const datasets = await focusDatasets(ctx);
    const { subset } = await resolveSubset(ctx, datasets, filter);
    const options: SegmentOptions = {
      datasetIds: datasets.map((d) => d.id),
      ...(k !== undefined ? { k, algorithm: algorithm && algorithm !== 'auto' && algorithm !== 'hdbscan' ? algorithm : 'kmeans' } : algorithm ? { algorithm } : {}),
      ...(minClusterSize !== undefined ? { minClusterSize } : {}),
      ...(blocks ? { blocks } : {}),
      ...(weights ? { weights } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(Object.keys(subset).length ? { subset } : {}),
      ...(ctx.focus.runId !== null ? { parentRunId: ctx.focus.runId } : {}),
    };
    let lastStage = '';
    const run = (control?: JobControl) =>
      runSegmentation(ctx.db, options, {
        personaWriter: ctx.personaWriter ?? null,
        ...(control ? { signal: control.signal } : {}),
        onProgress: (stage, fraction) => {
          control?.progress(stage, fraction);
          if (stage !== lastStage) ctx.onProgress?.(`re-segmenting: ${stage}…`);
          lastStage = stage;
        },
      });
    let queued: { jobId: number; position: number } | null = null;
    let pending: Promise<Awaited<ReturnType<typeof run>>>;
    if (ctx.jobs) {
      // One segmentation at a time (by default): later requests wait in line and say where they are.
      try {
        const submitted = ctx.jobs.submit({ kind: 'segmentation', userId: ctx.userId ?? ctx.threadId ?? 'anonymous', threadId: ctx.threadId ?? 'anonymous' }, run);
        queued = { jobId: submitted.job.id, position: submitted.job.position };
        if (submitted.job.position > 1 || ctx.jobs.load.running > 0) ctx.onProgress?.(`queued: job ${submitted.job.id}, position ${submitted.job.position} in line`);
        pending = submitted.result;
      } catch (err) {
        return { ok: false, error: { code: 'job_limit', message: errorMessage(err) } };
      }
    } else {
      pending = run();
    }
    const result = await pending.catch((err: unknown) => ({ status: 'cancelled' as const, error: errorMessage(err) }));
    if (result.status === 'cancelled') return { ok: false, error: { code: 'cancelled', message: result.error } };
    if (result.status === 'failed') return { ok: false, error: { code: 'segmentation_failed', message: `run ${result.runId} failed: ${result.error}` } };
    const segments = await runSegmentViews(ctx.db, result.runId);
    return {
      ok: true,
      data: {
        runId: result.runId,
        customers: result.customers,
        algorithm: result.algorithm,
        subset: shownSubset(subset),
        segments: segments.map(segmentLine),
        metrics: { silhouette: result.metrics.silhouette, noiseRate: result.metrics.noiseRate },
        ...(queued ? { job: { id: queued.jobId, queuePosition: queued.position } } : {}),
      },
      focus: { ...ctx.focus, runId: result.runId },
    };
  },
});
