/**
 * find_segment: search by meaning over a run's segments (find-scoring.ts). A query that matches nothing
 * well says so, lists the nearest segments and proposes a focused re-segmentation instead of inventing a
 * persona; a query two segments fit about equally names both and asks which.
 */
import { z } from 'zod';
import { defineTool } from './define.ts';
import { focusOnSegment, runEmbedder } from './types.ts';
import { resolveRun, runSegmentViews, segmentEvidence, segmentLine } from './resolve.ts';
import { contentStems, findDefaults, scoreSegments, verdict } from './find-scoring.ts';

/** The first content word of a query: what a focused re-segmentation would filter the texts on. */
function keyword(query: string): string {
  return contentStems(query)[0] ?? query;
}

export const findSegment = defineTool({
  name: 'find_segment',
  description: 'Find the segment that matches a description such as "trust skeptics" or "deal hunters" by meaning; says when none matches and lists the nearest.',
  schema: z.object({
    query: z.string().min(2).max(200).describe('What the segment is like, in the user\'s words'),
    runId: z.number().int().positive().optional().describe('Run id; omit for the run in focus, else the newest successful run'),
  }).strict(),
  async run(ctx, args) {
    const run = await resolveRun(ctx.db, ctx.focus, args.runId);
    const segments = await runSegmentViews(ctx.db, run.id);
    const ranked = await scoreSegments(args.query, segments, runEmbedder(ctx, run));
    const nearest = ranked.slice(0, findDefaults.nearest).map((r) => ({ ...segmentLine(r.segment), score: r.score }));
    const found = verdict(ranked);
    switch (found.kind) {
      case 'none':
      case 'ambiguous': {
        const word = keyword(args.query);
        const candidates = found.kind === 'ambiguous' ? found.candidates.map((r) => ({ ...segmentLine(r.segment), score: r.score })) : undefined;
        return {
          ok: true,
          data: {
            runId: run.id,
            matched: false,
            query: args.query,
            ...(candidates ? { ambiguous: true, candidates } : {}),
            nearest,
            suggestion: { tool: 'segment', args: { textContains: word }, text: `re-segment only customers whose texts mention "${word}"` },
          },
          focus: { ...ctx.focus, runId: run.id },
        };
      }
      case 'match': {
        const best = found.best;
        return {
          ok: true,
          data: { runId: run.id, matched: true, query: args.query, segment: { ...segmentLine(best.segment), score: best.score, matchedOn: best.matchedOn }, nearest },
          evidence: segmentEvidence(run.id, best.segment, 3),
          focus: focusOnSegment(run.id, best.segment.id),
        };
      }
      default: {
        const never: never = found;
        throw new Error(`unknown verdict ${JSON.stringify(never)}`);
      }
    }
  },
});
