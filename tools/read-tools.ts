/** Read-only tools over a stored run: list, explain, evidence, compare. */
import { z } from 'zod';
import { defineTool, fail } from './define.ts';
import { runContext } from './catalogue/context.ts';
import { conditionSchema } from './catalogue/predicate.ts';
import { rankBySchema, rankedSegments } from './query-tools.ts';
import { focusOnSegment } from './types.ts';
import { formatNumber, personaName, resolveRun, resolveSegment, runSegmentViews, segmentEvidence, segmentLine } from './resolve.ts';

const runId = z.number().int().positive().optional().describe('Run id; omit for the run in focus, else the newest successful run');
const segmentId = z.number().int().min(0).optional().describe('Segment id within the run; omit for the segment in focus');

export const listSegments = defineTool({
  name: 'list_segments',
  description: "List a run's segments with label, size, share and persona name.",
  schema: z.object({ runId }).strict(),
  async run(ctx, args) {
    const run = await resolveRun(ctx.db, ctx.focus, args.runId);
    const segments = await runSegmentViews(ctx.db, run.id);
    return {
      ok: true,
      data: { runId: run.id, algorithm: run.algorithm, customers: run.customers, segments: segments.map(segmentLine) },
      focus: { ...ctx.focus, runId: run.id },
    };
  },
});

export const explainSegment = defineTool({
  name: 'explain_segment',
  description: 'Explain one segment: who they are, what distinguishes them (features with lift), top terms, persona card and evidence quotes.',
  schema: z.object({ runId, segmentId }).strict(),
  async run(ctx, args) {
    const { run, segment } = await resolveSegment(ctx.db, ctx.focus, args.runId, args.segmentId);
    const evidence = segmentEvidence(run.id, segment, 5);
    return {
      ok: true,
      data: {
        runId: run.id,
        segmentId: segment.id,
        label: segment.label,
        size: segment.size,
        sharePct: Math.round(segment.share * 1000) / 10,
        stability: segment.stability,
        unstable: segment.unstable,
        summary: segment.description?.summary ?? null,
        reasons: segment.description?.reasons ?? [],
        drivers: segment.drivers.map((d) => `${d.description} (${d.direction})`),
        topTerms: segment.topTerms.slice(0, 8).map((t) => t.term),
        persona: segment.persona,
      },
      evidence,
      cards: segment.persona ? [{ runId: run.id, segment }] : [],
      focus: focusOnSegment(run.id, segment.id),
    };
  },
});

export const getEvidence = defineTool({
  name: 'get_evidence',
  description: "Real customer quotes (PII masked) or exemplar customers for a segment, nearest the segment's centre first.",
  schema: z.object({
    runId,
    segmentId,
    limit: z.number().int().min(1).max(10).default(5).describe('How many items to return (1-10)'),
    contains: z.string().max(100).optional().describe('Only items whose text contains this word (case-insensitive)'),
  }).strict(),
  async run(ctx, args) {
    const { run, segment } = await resolveSegment(ctx.db, ctx.focus, args.runId, args.segmentId);
    let evidence = segmentEvidence(run.id, segment, 50);
    if (args.contains) evidence = evidence.filter((e) => e.text.toLowerCase().includes((args.contains as string).toLowerCase()));
    evidence = evidence.slice(0, args.limit);
    return { ok: true, data: { runId: run.id, segmentId: segment.id, label: segment.label, persona: personaName(segment), items: evidence.length }, evidence, focus: focusOnSegment(run.id, segment.id) };
  },
});

export const compareSegments = defineTool({
  name: 'compare_segments',
  description: 'Compare two segments of a run feature by feature: where they differ most, in plain numbers.',
  schema: z.object({
    runId,
    a: z.number().int().min(0).optional().describe('First segment id'),
    b: z.number().int().min(0).optional().describe('Second segment id'),
    ordinal: z
      .object({
        by: rankBySchema.describe('Statistic the segments are ranked by, e.g. size or clv'),
        field: z.string().max(100).optional().describe('Column for by=mean'),
        where: z.array(conditionSchema).max(5).optional().describe('Condition for by=share'),
        text: z.string().max(100).optional().describe('Keyword for by=text'),
        order: z.enum(['desc', 'asc']).optional().describe('desc: highest first (default)'),
        ranks: z.tuple([z.number().int(), z.number().int()]).default([1, 2]).describe('Which two ranks, 1-based; -1 is the last ("the largest and the smallest" = [1, -1])'),
      })
      .optional()
      .describe('Pick the two segments by rank instead of ids: "the two largest", "the top two by value"'),
  }).strict(),
  async run(ctx, args) {
    const run = await resolveRun(ctx.db, ctx.focus, args.runId);
    const all = await runSegmentViews(ctx.db, run.id);
    let ids: [number | undefined, number | undefined] = [args.a, args.b];
    if (args.ordinal) {
      const rc = await runContext(ctx, run.id);
      const r = await rankedSegments(ctx, rc, args.ordinal);
      if ('error' in r) return fail('not_available', r.error);
      const at = (rank: number) => r.ranked[rank < 0 ? r.ranked.length + rank : rank - 1]?.segmentId;
      ids = [at(args.ordinal.ranks[0]), at(args.ordinal.ranks[1])];
    }
    if (ids[0] === undefined || ids[1] === undefined) return fail('bad_value', 'compare_segments: name two segments (a and b) or an ordinal such as the two largest');
    const [a, b] = ids.map((id) => all.find((s) => s.id === id));
    if (!a || !b) return { ok: false, error: { code: 'not_found', message: `run ${run.id} has segments ${all.map((s) => s.id).join(', ')}` } };
    const bByFeature = new Map(b.contrasts.map((c) => [c.feature, c]));
    const differences = a.contrasts
      .map((ca) => {
        const cb = bByFeature.get(ca.feature);
        return cb ? { feature: ca.feature, description: ca.description, a: ca.segmentMean, b: cb.segmentMean, population: ca.populationMean, gapZ: ca.z - cb.z } : null;
      })
      .filter((d): d is NonNullable<typeof d> => d !== null)
      .sort((x, y) => Math.abs(y.gapZ) - Math.abs(x.gapZ) || x.feature.localeCompare(y.feature))
      .slice(0, 8)
      .map((d) => ({ ...d, text: `${d.description}: ${formatNumber(d.a)} vs ${formatNumber(d.b)} (population ${formatNumber(d.population)})` }));
    return {
      ok: true,
      data: { runId: run.id, a: { ...segmentLine(a), persona: personaName(a) }, b: { ...segmentLine(b), persona: personaName(b) }, differences },
      evidence: [...segmentEvidence(run.id, a, 1), ...segmentEvidence(run.id, b, 1)],
    };
  },
});

