/**
 * How well a description ("bargain hunters", "the ones who worry about late parcels") fits each segment of
 * a run. A segment is known by many texts: its label, persona name and archetype, its distinctive terms,
 * the persona's goals, motivations and frustrations, and the features that set it apart. The query is
 * compared with every one of them by meaning (the best field counts, so a paraphrase of any one of them is
 * enough), and its word stems with the segment's vocabulary, each word weighted by how few segments use it
 * (a word every segment shares tells them apart no better than none).
 */
import { cosine, embedRows } from '../pipeline/embed/resident-embedder.ts';
import type { SegmentView } from '../pipeline/segment/segment-view.ts';
import type { Embedder } from '../pipeline/types.ts';
import { functionWords, stem, tokens } from './catalogue/words.ts';

export interface FindOptions {
  /** A best score at or above this is a match on its own. */
  readonly matchThreshold?: number;
  /** Below the threshold, a score at or above this floor still matches when it leads the runner-up by `margin`. */
  readonly floor?: number;
  readonly margin?: number;
  /** Two candidates closer than this are ambiguous: the answer names both. */
  readonly ambiguousWithin?: number;
  /** How many nearest segments a result lists. */
  readonly nearest?: number;
  /** Weight of meaning against shared words when an encoder is present. */
  readonly semanticWeight?: number;
  /** Weight of how much closer the query is to the segment's vocabulary than to the other segments'. */
  readonly vocabularyWeight?: number;
  /** How many of the closest texts' similarities are averaged. */
  readonly closestTexts?: number;
  /** How many of a segment's distinctive terms make its vocabulary. */
  readonly vocabularyTerms?: number;
}

export const findDefaults = { matchThreshold: 0.5, floor: 0.4, margin: 0.06, ambiguousWithin: 0.02, nearest: 3, semanticWeight: 0.7, vocabularyWeight: 1, vocabularyTerms: 12, closestTexts: 3 } as const satisfies Required<FindOptions>;

export interface ScoredSegment {
  readonly segment: SegmentView;
  readonly score: number;
  /** Cosine of the query with the segment's closest text (0 without an encoder). */
  readonly semantic: number;
  /** IDF-weighted share of the query's word stems found in the segment's vocabulary. */
  readonly lexical: number;
  /** How much closer the query is to this segment's distinctive terms than to the other segments' (by meaning). */
  readonly vocabulary: number;
  /** The segment text that matched the query best by meaning, for "why this one". */
  readonly matchedOn: string | null;
}

interface Persona {
  name?: string;
  archetype?: string;
  goals?: string[];
  motivations?: string[];
  frustrations?: string[];
}

/** Every text a segment is known by, one document each (the persona's sentences stay separate). */
export function segmentDocuments(s: SegmentView): string[] {
  const p = (s.persona ?? {}) as Persona;
  const terms = s.topTerms.slice(0, 12).map((t) => t.term);
  const strings = (xs: unknown) => (Array.isArray(xs) ? xs.filter((x): x is string => typeof x === 'string') : []);
  const docs = [
    s.label,
    p.archetype,
    p.name,
    terms.length ? `customers talking about ${terms.join(', ')}` : undefined,
    ...strings(p.goals).map(plainSentence),
    ...strings(p.motivations).map(plainSentence),
    ...strings(p.frustrations).map(plainSentence),
    ...(s.description?.reasons.slice(0, 5) ?? []),
    ...s.topFeatures.slice(0, 5).map((f) => f.description),
  ];
  return [...new Set(docs.filter((d): d is string => typeof d === 'string' && d.trim().length > 0))];
}

/** A persona sentence without its measured tail ("… : 13.1 vs 6.97 overall", "(they write about …)"). */
function plainSentence(text: string): string {
  return text.replace(/\s*\(they write about[^)]*\)/g, '').replace(/:\s*[^:]*\d[^:]*$/, '').trim();
}

/** Content-word stems of a text: function words and digits dropped. */
export function contentStems(text: string): string[] {
  return tokens(text)
    .filter((w) => w.length > 1 && !functionWords.has(w) && !/^\d/.test(w))
    .map(stem);
}

/** Two stems match when equal or when one begins the other and they share at least five letters. */
function stemsMatch(a: string, b: string): boolean {
  if (a === b) return true;
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.length >= 5 && long.startsWith(short);
}

/** Per segment, the IDF-weighted share of the query's stems found in that segment's vocabulary. */
export function lexicalScores(query: string, docs: readonly (readonly string[])[]): number[] {
  const q = [...new Set(contentStems(query))];
  if (!q.length || !docs.length) return docs.map(() => 0);
  const vocab = docs.map((d) => [...new Set(d.flatMap(contentStems))]);
  const has = q.map((w) => vocab.map((v) => v.some((x) => stemsMatch(w, x))));
  // A query word no segment uses still counts against every segment (weight 1); one every segment uses, barely.
  const weight = has.map((row) => {
    const n = row.filter(Boolean).length;
    return n === 0 ? 1 : Math.log(1 + docs.length / n) / Math.log(1 + docs.length);
  });
  const total = weight.reduce((a, b) => a + b, 0);
  return docs.map((_, s) => has.reduce((sum, row, i) => sum + (row[s] ? (weight[i] as number) : 0), 0) / total);
}

/** Segments ranked by how well the query describes them, best first. */
export async function scoreSegments(query: string, segments: readonly SegmentView[], encoder?: Embedder, options: FindOptions = {}): Promise<ScoredSegment[]> {
  const o = { ...findDefaults, ...options };
  const docs = segments.map(segmentDocuments);
  // A query made only of function words ("customers", "all of them") describes no segment.
  if (!contentStems(query).length) return segments.map((segment) => ({ segment, score: 0, semantic: 0, lexical: 0, vocabulary: 0, matchedOn: null }));
  const lexical = lexicalScores(query, docs);
  const semantic = segments.map(() => ({ best: 0, on: null as string | null, vocabulary: 0 }));
  if (encoder && segments.length) {
    const terms = segments.map((s) => s.topTerms.slice(0, o.vocabularyTerms).map((t) => t.term));
    const flat = [...docs.flat(), ...terms.flat()];
    const [q, ...vectors] = await embedRows(encoder, [query, ...flat]);
    let at = 0;
    docs.forEach((d, s) => {
      const mine = semantic[s] as (typeof semantic)[number];
      const sims = d.map((text) => ({ text, c: cosine(q as Float32Array, vectors[at++] as Float32Array) })).sort((a, b) => b.c - a.c);
      // The mean of the closest few: one stray sentence close to the query is weaker evidence than several.
      const top = sims.slice(0, o.closestTexts);
      Object.assign(mine, { best: top.reduce((sum, x) => sum + x.c, 0) / Math.max(1, top.length), on: sims[0]?.text ?? null });
    });
    terms.forEach((t, s) => {
      (semantic[s] as (typeof semantic)[number]).vocabulary = t.length ? cosine(q as Float32Array, centroid(vectors.slice(at, at + t.length) as Float32Array[])) : 0;
      at += t.length;
    });
  }
  const vocabularyLead = relative(semantic.map((s) => s.vocabulary));
  return segments
    .map((segment, i) => {
      const lex = lexical[i] as number;
      const sem = semantic[i] as (typeof semantic)[number];
      // Meaning carries the score; shared words confirm it (or stand alone without an encoder). How far the
      // segment's own vocabulary stands out from the others' adds to it: a paraphrase rarely names any one
      // field, but sits closer to everything the segment's customers talk about.
      const score = encoder ? o.semanticWeight * sem.best + (1 - o.semanticWeight) * lex + o.vocabularyWeight * (vocabularyLead[i] as number) : lex;
      return { segment, score: round(score), semantic: round(sem.best), lexical: round(lex), vocabulary: round(vocabularyLead[i] as number), matchedOn: sem.on };
    })
    .sort((a, b) => b.score - a.score || a.segment.id - b.segment.id);
}

/** The unit-length mean of some unit vectors. */
function centroid(vectors: readonly Float32Array[]): Float32Array {
  const c = new Float32Array((vectors[0] as Float32Array).length);
  for (const v of vectors) for (let j = 0; j < c.length; j++) c[j] = (c[j] as number) + (v[j] as number);
  let norm = 0;
  for (const x of c) norm += x * x;
  norm = Math.sqrt(norm) || 1;
  return c.map((x) => x / norm);
}

/** Each value minus the mean of the others (0 for a single segment). */
function relative(xs: readonly number[]): number[] {
  if (xs.length < 2) return xs.map(() => 0);
  const sum = xs.reduce((a, b) => a + b, 0);
  return xs.map((x) => x - (sum - x) / (xs.length - 1));
}

export type FindVerdict =
  | { readonly kind: 'match'; readonly best: ScoredSegment }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly ScoredSegment[] }
  | { readonly kind: 'none' };

/**
 * A clear winner matches; a winner that is only a little better than chance matches when it leads the
 * runner-up clearly; near-ties are ambiguous and the answer names the candidates.
 */
export function verdict(ranked: readonly ScoredSegment[], options: FindOptions = {}): FindVerdict {
  const o = { ...findDefaults, ...options };
  const [best, second] = ranked;
  if (!best || best.score < o.floor) return { kind: 'none' };
  const lead = second ? best.score - second.score : Infinity;
  if (lead < o.ambiguousWithin) {
    if (best.score < o.matchThreshold) return { kind: 'none' };
    return { kind: 'ambiguous', candidates: ranked.filter((r) => best.score - r.score < o.ambiguousWithin) };
  }
  if (best.score >= o.matchThreshold || lead >= o.margin) return { kind: 'match', best };
  return { kind: 'none' };
}

const round = (x: number) => Math.round(x * 1000) / 1000;
