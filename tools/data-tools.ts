/** Tools over data: import a file, preview a subset, and re-segment (a new run over a subset). */
import { z } from 'zod';
import { listDatasets } from '../db/queries/datasets.ts';
import { datasetsByIds } from '../db/queries/customer-data.ts';
import { getRun } from '../db/queries/runs.ts';
import { importDataset } from '../services/ingest/import-dataset.ts';
import { chooseDatasets, loadInputs } from '../services/segment/load-inputs.ts';
import type { SegmentOptions, SubsetFilter } from '../pipeline/segment/options.ts';
import { runSegmentation } from '../services/segment/run-segmentation.ts';
import { defineTool, fail } from './define.ts';
import { runSegmentViews, segmentLine } from './resolve.ts';
import { customersSimilarTo } from './semantic-filter.ts';
import type { Dataset } from '../db/schema.ts';
import type { Db } from '../db/client.ts';
import { runEmbedder, type ToolContext, type ToolResult } from './types.ts';
import { runContext, predicateFor, PredicateError } from './catalogue/context.ts';
import { whereFields, type Condition } from './catalogue/predicate.ts';
import { resolveRun } from './resolve.ts';
import { resolveImportPath, shortName, type FileAccess } from '../lib/data-folder.ts';
import { errorMessage, isPersonaError, type ErrorCode } from '../lib/errors.ts';
import type { JobControl } from '../lib/job-queue.ts';

/**
 * Why an import failed, as chat users may read it: a fixed sentence per error code. The importer's own
 * messages can quote a file's first lines (a header, a value), which chat must never see.
 */
const safeReasons: Partial<Record<ErrorCode, string>> = {
  file_not_found: 'the file does not exist',
  empty_file: 'the file is empty',
  header_only: 'the file has a header but no data rows',
  not_text: 'the file is not a text table (CSV/TSV/JSONL) or Parquet file',
  bad_encoding: 'the file is not UTF-8 text',
  wrong_delimiter: 'its columns could not be told apart',
  ragged_row: 'some rows have the wrong number of fields',
  field_too_large: 'a field is too large',
  no_id_column: 'no usable customer id column was found',
  duplicate_id: 'customer ids repeat where each row should be a different customer',
  bad_value: 'it holds values that cannot be read',
  bad_config: 'the import settings are invalid',
  unsupported_format: 'its format is not supported',
};

type ChatImport = { ok: true; outcome: Awaited<ReturnType<typeof importDataset>> } | { ok: false; result: ToolResult };

/** Imports a file named by a chat user (or the operator, when access is "any"), failing with a safe reason. */
async function importForChat(db: Db, access: FileAccess, file: string, kind: 'customers' | 'transactions' | 'texts' | undefined): Promise<ChatImport> {
  let path: string;
  try {
    path = await resolveImportPath(access, file);
  } catch (err) {
    // Refusals from the folder check are written for chat: they name no path beyond the file name.
    if (isPersonaError(err)) return { ok: false, result: fail(err.code, err.message) };
    throw err;
  }
  try {
    return { ok: true, outcome: await importDataset(db, { file: path, settings: { overrides: {}, ...(kind ? { kind } : {}) } }) };
  } catch (err) {
    if (access.kind === 'any') throw err;
    const code = isPersonaError(err) ? err.code : 'internal';
    const reason = safeReasons[code] ?? 'the import failed';
    return { ok: false, result: fail(code, `could not import "${shortName(file)}": ${reason} (details are in the import log)`) };
  }
}

export const loadData = defineTool({
  name: 'load_data',
  description: 'Import a customers, transactions or texts file (CSV/TSV, gzip, Parquet, JSONL) into the database, or list imported datasets when no file is given. In chat, only files uploaded to the data folder can be imported, named by file name.',
  schema: z.object({
    file: z.string().min(1).max(1000).optional().describe('The file to import: its name in the data folder (e.g. customers.csv); omit to list datasets'),
    kind: z.enum(['customers', 'transactions', 'texts']).optional().describe('What one row is; inferred when omitted'),
  }).strict(),
  async run(ctx, args) {
    if (args.file) {
      if (!ctx.files) return fail('forbidden', 'importing files is not enabled here');
      const imported = await importForChat(ctx.db, ctx.files, args.file, args.kind);
      if (!imported.ok) return imported.result;
      const outcome = imported.outcome;
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
  ...whereFields,
};

const subsetSchema = z.object(subsetFields);

export function toSubset(f: Omit<z.infer<typeof subsetSchema>, 'similarTo' | 'similarity' | 'where' | 'match'>): SubsetFilter {
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

/** The run in focus, if any: a re-segmentation looks at its data, meaning filters use its embedder. */
async function focusRun(ctx: ToolContext) {
  return ctx.focus.runId !== null ? await getRun(ctx.db, ctx.focus.runId) : await resolveRun(ctx.db, ctx.focus).catch(() => null);
}

/** The datasets of the run in focus, so a re-segmentation looks at the same data. */
async function focusDatasets(ctx: ToolContext) {
  const run = await focusRun(ctx);
  return run ? datasetsByIds(ctx.db, run.datasetIds) : chooseDatasets(ctx.db, undefined);
}

/** A subset as tools report it: an explicit id list is summarised by its size. */
function shownSubset(subset: SubsetFilter): Record<string, unknown> {
  return { ...subset, ...(subset.customerIds ? { customerIds: `${subset.customerIds.length} customers` } : {}) };
}

/** The structured filters plus, for similarTo, the customers whose texts are close in meaning. */
async function resolveSubset(
  ctx: ToolContext,
  datasets: Dataset[],
  f: z.infer<typeof subsetSchema>,
): Promise<{ subset: SubsetFilter; semantic?: { customers: number; texts: number }; restated?: string }> {
  const { similarTo, similarity, where, match, ...rest } = f;
  let subset = toSubset(rest);
  let restated: string | undefined;
  if (where?.length) {
    // Conditions on any column are resolved against the run's table into the exact customers they keep.
    const rc = await runContext(ctx);
    const predicate = await predicateFor(ctx, rc, where as Condition[], match);
    const ids = rc.data.rows.filter((r) => predicate.test(r)).map((r) => r.id);
    subset = { ...subset, customerIds: ids };
    restated = predicate.words;
  }
  if (!similarTo) return { subset, ...(restated ? { restated } : {}) };
  const found = await customersSimilarTo(ctx.db, datasets, similarTo, runEmbedder(ctx, await focusRun(ctx)), similarity);
  const kept = subset.customerIds ? found.customerIds.filter((id) => new Set(subset.customerIds).has(id)) : found.customerIds;
  return { subset: { ...subset, customerIds: kept }, semantic: { customers: found.customerIds.length, texts: found.texts }, ...(restated ? { restated } : {}) };
}

export const filterData = defineTool({
  name: 'filter_data',
  description: 'Count how many customers a subset filter keeps (orders, spend, country, dates, keyword, a segment), before re-segmenting them.',
  schema: subsetSchema.strict(),
  async run(ctx, args) {
    const datasets = await focusDatasets(ctx);
    let resolved;
    try {
      resolved = await resolveSubset(ctx, datasets, args);
    } catch (err) {
      if (err instanceof PredicateError) return fail('unmapped', err.message);
      throw err;
    }
    const { subset, semantic, restated } = resolved;
    const [all, kept] = await Promise.all([loadInputs(ctx.db, datasets, undefined), loadInputs(ctx.db, datasets, subset)]);
    return { ok: true, data: { customers: all.customerIds.length, matching: kept.customerIds.length, excluded: kept.excluded, subset: shownSubset(subset), ...(restated ? { restated } : {}), ...(semantic ? { semantic } : {}) } };
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
    let resolved;
    try {
      resolved = await resolveSubset(ctx, datasets, filter);
    } catch (err) {
      if (err instanceof PredicateError) return fail('unmapped', err.message);
      throw err;
    }
    const { subset, restated } = resolved;
    // A filter that keeps nobody must not fall back to segmenting everyone.
    if (subset.customerIds && subset.customerIds.length < 2) return fail('empty_subset', `only ${subset.customerIds.length} customers match ${restated ?? 'that filter'}: too few to segment`);
    const parent = await resolveRun(ctx.db, ctx.focus).catch(() => null);
    const options: SegmentOptions = {
      datasetIds: datasets.map((d) => d.id),
      ...(k !== undefined ? { k, algorithm: algorithm && algorithm !== 'auto' && algorithm !== 'hdbscan' ? algorithm : 'kmeans' } : algorithm ? { algorithm } : {}),
      ...(minClusterSize !== undefined ? { minClusterSize } : {}),
      ...(blocks ? { blocks } : {}),
      ...(weights ? { weights } : {}),
      ...(seed !== undefined ? { seed } : {}),
      ...(Object.keys(subset).length ? { subset } : {}),
      // Every re-segmentation records where it came from, so it never becomes another thread's default.
      ...(parent ? { parentRunId: parent.id } : {}),
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
        ...(restated ? { restated } : {}),
        parentRunId: parent?.id ?? null,
        segments: segments.map(segmentLine),
        metrics: { silhouette: result.metrics.silhouette, noiseRate: result.metrics.noiseRate },
        ...(queued ? { job: { id: queued.jobId, queuePosition: queued.position } } : {}),
      },
      focus: { ...ctx.focus, runId: result.runId },
    };
  },
});
