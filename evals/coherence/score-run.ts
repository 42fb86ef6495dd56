/**
 * Every offline coherence metric over one run snapshot: per card (for the report) and per run (the
 * scores the gate reads), plus each failed check as a case naming its segment.
 */
import type { EvalFailure, EvalScore } from '../types.ts';
import { cardClaims, type ClaimCheck } from './claims.ts';
import { maxOf, pairwiseSimilarity } from './distinctiveness.ts';
import { quoteRelevance, relevantShare } from './evidence-relevance.ts';
import { cardGrounding, groundedShare, type ItemCheck } from './grounding.ts';
import { identifyCards, topOneAccuracy } from './identifiability.ts';
import type { CardUnderTest, RunSnapshot } from './snapshot.ts';
import { npmiCoherence, termDefaults, topicDiversity } from './term-quality.ts';
import { tokens } from '../lib/text.ts';

export const nearIdentical = { text: 0.8, goalsAndFrustrations: 0.5 } as const;

export interface CardScores {
  readonly segment: number;
  readonly name: string;
  readonly grounding: number | null;
  readonly claimPrecision: number | null;
  readonly identified: boolean;
  readonly evidenceRelevance: number | null;
  readonly npmi: number | null;
  readonly stability: number | null;
}

export interface RunScores {
  readonly scores: EvalScore[];
  readonly failures: EvalFailure[];
  readonly cards: CardScores[];
}

export function scoreRun(run: RunSnapshot, scope: string): RunScores {
  const failures: EvalFailure[] = [];
  const fail = (segment: number, kind: string, reason: string) => failures.push({ scope, case: `segment ${segment}: ${kind}`, reason });
  const carded = run.segments.filter((s) => s.card).map((s) => ({ segment: s, card: s.card as CardUnderTest }));
  for (const s of run.segments) if (!s.card) fail(s.index, 'card', 'the segment has no persona card');

  const grounding = new Map<number, ItemCheck[]>();
  const quoteChecks: ItemCheck[] = [];
  const claims = new Map<number, ClaimCheck[]>();
  for (const { segment, card } of carded) {
    const g = cardGrounding(card, segment.texts, segment.stats);
    grounding.set(segment.index, [...g.quotes, ...g.numbers]);
    quoteChecks.push(...g.quotes);
    for (const c of [...g.quotes, ...g.numbers]) if (c.outcome === 'ungrounded') fail(segment.index, 'grounding', `"${c.item}": ${c.reason}`);
    const cl = cardClaims(card, segment, run.columns);
    claims.set(segment.index, cl);
    for (const c of cl) if (!c.supported) fail(segment.index, `claim ${c.field}`, `"${c.claim}": ${c.reason}`);
  }
  const identifications = identifyCards(run);
  for (const x of identifications) if (x.identifiedAs !== x.segment) fail(x.segment, 'identifiability', x.identifiedAs === null ? 'no single segment matches the card best' : `the card reads as segment ${x.identifiedAs}`);
  const pairs = pairwiseSimilarity(carded.map((c) => ({ segment: c.segment.index, card: c.card })));
  for (const p of pairs) {
    if (p.text >= nearIdentical.text || p.goalsAndFrustrations > nearIdentical.goalsAndFrustrations) {
      fail(p.a, 'distinctiveness', `card is near-identical to segment ${p.b}'s (text similarity ${p.text.toFixed(2)}, shared goals/frustrations ${p.goalsAndFrustrations.toFixed(2)})`);
    }
  }
  const relevance = quoteRelevance(run);
  for (const r of relevance) if (!r.relevant) fail(r.segment, 'evidence relevance', `quote "${r.quote}" is closer to segment ${r.nearestOther?.segment}`);

  const documents = run.segments.flatMap((s) => s.texts.map((t) => new Set(tokens(t))));
  const npmi = new Map(run.segments.map((s) => [s.index, npmiCoherence(s.topTerms.slice(0, termDefaults.topTerms), documents)]));

  const allGrounding = [...grounding.values()].flat();
  const allClaims = [...claims.values()].flat();
  const scores: EvalScore[] = [];
  const add = (metric: string, value: number | null, better: 'higher' | 'lower' = 'higher') => {
    if (value !== null && Number.isFinite(value)) scores.push({ metric, value: round4(value), scope, ...(better === 'lower' ? { better } : {}) });
  };
  add('cards', run.segments.length ? carded.length / run.segments.length : null);
  add('grounding', groundedShare(allGrounding));
  add('grounding.quotes', groundedShare(quoteChecks));
  add('grounding.numbers_verified', allGrounding.length ? allGrounding.filter((c) => c.outcome !== 'unverified').length / allGrounding.length : null);
  add('claim_precision', allClaims.length ? allClaims.filter((c) => c.supported).length / allClaims.length : null);
  add('identifiability', topOneAccuracy(identifications));
  add('distinctiveness.max_similarity', maxOf(pairs, 'text'), 'lower');
  add('distinctiveness.max_goal_overlap', maxOf(pairs, 'goalsAndFrustrations'), 'lower');
  add('evidence_relevance', relevantShare(relevance));
  add('stability.bootstrap_jaccard', mean(run.segments.map((s) => s.stability)));
  add('terms.npmi', mean([...npmi.values()]));
  add('terms.diversity', topicDiversity(run.segments.map((s) => s.topTerms.slice(0, termDefaults.topTerms))));
  add('segments', run.segments.length);

  const cards: CardScores[] = carded.map(({ segment, card }) => {
    const own = relevance.filter((r) => r.segment === segment.index);
    const cl = claims.get(segment.index) ?? [];
    return {
      segment: segment.index,
      name: card.name,
      grounding: groundedShare(grounding.get(segment.index) ?? []),
      claimPrecision: cl.length ? cl.filter((c) => c.supported).length / cl.length : null,
      identified: identifications.some((x) => x.segment === segment.index && x.identifiedAs === segment.index),
      evidenceRelevance: relevantShare(own),
      npmi: npmi.get(segment.index) ?? null,
      stability: segment.stability,
    };
  });
  return { scores, failures, cards };
}

function mean(xs: readonly (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null && Number.isFinite(x));
  return v.length ? v.reduce((s, x) => s + x, 0) / v.length : null;
}

const round4 = (x: number) => Math.round(x * 1e4) / 1e4;
