/** The run a question is about, with its table, catalogue and segments, for the catalogue tools. */
import { getRun } from '../../db/queries/runs.ts';
import type { Run } from '../../db/schema.ts';
import type { SegmentView } from '../../pipeline/segment/segment-view.ts';
import { resolveRun, runSegmentViews } from '../resolve.ts';
import { runEmbedder, type ToolContext } from '../types.ts';
import { buildCatalogue, type Catalogue } from './catalogue.ts';
import { compilePredicate, PredicateError, type CompiledPredicate, type Condition } from './predicate.ts';
import { runData, type RunData } from './run-data.ts';
import { customersSimilarTo } from '../semantic-filter.ts';
import { datasetsByIds } from '../../db/queries/customer-data.ts';

export interface RunContext {
  readonly run: Run;
  readonly data: RunData;
  readonly catalogue: Catalogue;
  readonly segments: readonly SegmentView[];
}

const catalogues = new WeakMap<RunData, Map<string, Catalogue>>();

export async function runContext(ctx: ToolContext, runId?: number): Promise<RunContext> {
  const run = await resolveRun(ctx.db, ctx.focus, runId);
  const [data, segments] = await Promise.all([runData(ctx.db, run.id), runSegmentViews(ctx.db, run.id)]);
  // Segment rows can change after a run (persona cards written later): key the catalogue on them.
  const key = segments.map((s) => `${s.id}:${s.label}:${(s.persona as { name?: string } | null)?.name ?? ''}`).join('|');
  let perData = catalogues.get(data);
  if (!perData) catalogues.set(data, (perData = new Map()));
  let catalogue = perData.get(key);
  if (!catalogue) {
    const features = ((await getRun(ctx.db, run.id))?.features as { name: string; description: string }[] | null) ?? [];
    catalogue = buildCatalogue(data, segments, features);
    perData.set(key, catalogue);
  }
  return { run, data, catalogue, segments };
}

/** Compiles a where clause, resolving meaning filters with the sentence encoder first. */
export async function predicateFor(ctx: ToolContext, rc: RunContext, where: readonly Condition[], match: 'all' | 'any' = 'all'): Promise<CompiledPredicate> {
  const similar = new Map<string, Set<string>>();
  for (const c of where) {
    if (c.textLike === undefined || !rc.catalogue.hasTexts) continue;
    const datasets = await datasetsByIds(ctx.db, rc.run.datasetIds);
    const found = await customersSimilarTo(ctx.db, datasets, c.textLike, runEmbedder(ctx, rc.run));
    similar.set(c.textLike, new Set(found.customerIds));
  }
  return compilePredicate(rc.catalogue, where, match, similar);
}

export { PredicateError };
