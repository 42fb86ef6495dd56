/**
 * find_segment: semantic search over a run's segments (labels, persona names and archetypes, top terms,
 * reasons). A query that matches nothing well says so, lists the nearest segments and proposes a focused
 * re-segmentation instead of inventing a persona.
 */
import { z } from 'zod';
import { cosine, embedRows } from '../pipeline/embed/resident-embedder.ts';
import type { SegmentView } from '../pipeline/segment/segment-view.ts';
import { defineTool } from './define.ts';
import { focusOnSegment, runEmbedder } from './types.ts';
import { resolveRun, runSegmentViews, segmentEvidence, segmentLine } from './resolve.ts';
import type { Embedder } from '../pipeline/types.ts';

export const findDefaults = { matchThreshold: 0.5, nearest: 3 } as const;

/** The texts a segment is known by. */
export function segmentDocuments(s: SegmentView): string[] {
  const persona = s.persona as { name?: string; archetype?: string } | null;
  const terms = s.topTerms.slice(0, 8).map((t) => t.term);
  return [
    s.label,
    ...(persona?.archetype ? [persona.archetype] : []),
    ...(persona?.name ? [persona.name] : []),
    ...(terms.length ? [`customers talking about ${terms.join(', ')}`] : []),
    ...(s.description?.reasons.slice(0, 3) ?? []),
  ];
}

const stop = new Set(['my', 'the', 'a', 'an', 'of', 'who', 'are', 'is', 'our', 'me', 'show', 'find', 'customers', 'segment', 'people', 'those', 'group']);

export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !stop.has(w))
    .map((w) => w.replace(/(ies|es|s)$/, (m) => (m === 'ies' ? 'y' : '')));
}

/** Share of the query's words found (as prefixes either way) in the segment's documents. */
export function lexicalScore(query: string, docs: readonly string[]): number {
  const q = words(query);
  if (!q.length) return 0;
  const d = new Set(docs.flatMap(words));
  const hit = q.filter((w) => [...d].some((x) => x.startsWith(w.slice(0, 5)) || w.startsWith(x.slice(0, 5)))).length;
  return hit / q.length;
}

export async function scoreSegments(query: string, segments: readonly SegmentView[], encoder?: Embedder): Promise<{ segment: SegmentView; score: number }[]> {
  const docs = segments.map(segmentDocuments);
  let semantic: number[] = segments.map(() => 0);
  if (encoder) {
    const flat = docs.flat();
    const [q, ...vectors] = await embedRows(encoder, [query, ...flat]);
    let at = 0;
    semantic = docs.map((d) => {
      let best = 0;
      for (let i = 0; i < d.length; i++) best = Math.max(best, cosine(q as Float32Array, vectors[at + i] as Float32Array));
      at += d.length;
      return best;
    });
  }
  return segments
    .map((segment, i) => {
      const lexical = lexicalScore(query, docs[i] as string[]);
      // Semantic similarity carries the score; shared words confirm it (or stand alone without an encoder).
      const score = encoder ? 0.7 * (semantic[i] as number) + 0.3 * lexical : lexical;
      return { segment, score: Math.round(score * 1000) / 1000 };
    })
    .sort((a, b) => b.score - a.score || a.segment.id - b.segment.id);
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
    const best = ranked[0];
    const nearest = ranked.slice(0, findDefaults.nearest).map((r) => ({ ...segmentLine(r.segment), score: r.score }));
    if (!best || best.score < findDefaults.matchThreshold) {
      const keyword = words(args.query)[0] ?? args.query;
      return {
        ok: true,
        data: {
          runId: run.id,
          matched: false,
          query: args.query,
          nearest,
          suggestion: { tool: 'segment', args: { textContains: keyword }, text: `re-segment only customers whose texts mention "${keyword}"` },
        },
        focus: { ...ctx.focus, runId: run.id },
      };
    }
    return {
      ok: true,
      data: { runId: run.id, matched: true, query: args.query, segment: { ...segmentLine(best.segment), score: best.score }, nearest },
      evidence: segmentEvidence(run.id, best.segment, 3),
      focus: focusOnSegment(run.id, best.segment.id),
    };
  },
});
