import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createResidentEmbedder, type ClosableEmbedder } from '../pipeline/embed/resident-embedder.ts';
import type { SegmentView } from '../pipeline/segment/segment-view.ts';
import { contentStems, lexicalScores, scoreSegments, verdict, type ScoredSegment } from './find-scoring.ts';

/** A segment as the find tool sees it, in a vocabulary of its own. */
function segment(id: number, label: string, name: string, archetype: string, terms: string[], goals: string[], frustrations: string[]): SegmentView {
  return {
    id,
    label,
    size: 50,
    share: 0.25,
    stability: null,
    unstable: false,
    claims: [],
    description: null,
    persona: { name, archetype, goals, motivations: [], frustrations },
    evidence: [],
    value: null,
    channels: [],
    channelPlan: null,
    campaign: null,
    topTerms: terms.map((term, i) => ({ term, score: 1 - i / 20, texts: 10 })),
    topFeatures: [],
    contrasts: [],
    drivers: [],
  };
}

const segments: SegmentView[] = [
  segment(0, 'Talk of trail, summit & boots', 'Rugged Ruth, the mountaineer', 'Mountaineer', ['trail', 'summit', 'boots', 'rope', 'altitude', 'climb', 'peak', 'tent', 'glacier', 'ridge'], ['Reach the top safely'], ['Gear that fails in the cold']),
  segment(1, 'Talk of recipe, oven & spice', 'Homely Hugo, the kitchen regular', 'Kitchen regular', ['recipe', 'oven', 'spice', 'bake', 'pan', 'dough', 'sauce', 'flour', 'dinner', 'knife'], ['Put a good meal on the table every night'], ['Recipes that leave out a step']),
  segment(2, 'Talk of claim, policy & cover', 'Prudent Petra, the policy reader', 'Policy reader', ['claim', 'policy', 'cover', 'premium', 'deductible', 'accident', 'insurer', 'excess', 'renewal', 'broker'], ['Know exactly what is covered'], ['Small print that hides exclusions']),
  segment(3, 'Talk of soil, seeds & compost', 'Patient Pia, the allotment keeper', 'Allotment keeper', ['soil', 'seeds', 'compost', 'bulbs', 'pruning', 'harvest', 'greenhouse', 'weeds', 'blooms', 'hedge'], ['Grow food and flowers through the seasons'], ['Pests that ruin a season']),
];

let encoder: ClosableEmbedder;
beforeAll(() => {
  encoder = createResidentEmbedder();
});
afterAll(async () => {
  await encoder.close();
});

describe('finding a segment by a paraphrase of its persona', () => {
  // None of these queries shares a word with the persona's name, archetype or label.
  it.each([
    ['hill walkers who love high places', 0],
    ['amateur chefs', 1],
    ['people anxious about insurance payouts', 2],
    ['green-fingered hobby growers', 3],
  ])('"%s" finds segment %i', async (query, expected) => {
    const ranked = await scoreSegments(query, segments, encoder);
    const found = verdict(ranked);
    expect(found.kind, JSON.stringify(ranked.map((r) => [r.segment.id, r.score]))).toBe('match');
    expect(found.kind === 'match' && found.best.segment.id).toBe(expected);
  }, 60_000);

  it('says no segment matches a description nothing in the run resembles', async () => {
    const ranked = await scoreSegments('professional esports gamers', segments, encoder);
    expect(verdict(ranked).kind, JSON.stringify(ranked.map((r) => [r.segment.id, r.score]))).toBe('none');
  }, 60_000);

  it('matches nothing for a query of function words only', async () => {
    const ranked = await scoreSegments('all the customers', segments, encoder);
    expect(ranked.every((r) => r.score === 0)).toBe(true);
    expect(verdict(ranked).kind).toBe('none');
  });

  it('finds by shared words alone without an encoder', async () => {
    const ranked = await scoreSegments('the compost people', segments);
    expect(ranked[0]?.segment.id).toBe(3);
    expect(ranked[0]?.lexical).toBe(1);
  });
});

describe('lexical scores', () => {
  it('weights a word by how few segments use it', () => {
    // "order" is in every segment and tells them apart no better than nothing; "parcel" only in the second.
    const scores = lexicalScores('order parcel', [['order history'], ['order parcel tracking'], ['orders']]);
    expect(scores[1]).toBeCloseTo(1, 5);
    expect(scores[0]).toBeGreaterThan(0);
    expect(scores[0]).toBeLessThan(0.5);
    expect(scores[0]).toBeCloseTo(scores[2] as number, 5);
  });

  it('drops function words and matches stems', () => {
    expect(contentStems('who are the customers buying kayaks?')).toEqual(['buy', 'kayak']);
    expect(lexicalScores('kayaks', [['kayak rentals'], ['canoe']])).toEqual([1, 0]);
  });
});

describe('verdict', () => {
  const scored = (id: number, score: number): ScoredSegment => ({ segment: segments[id] as SegmentView, score, semantic: 0, lexical: 0, vocabulary: 0, matchedOn: null });

  it('matches a clear winner above the threshold', () => {
    expect(verdict([scored(0, 0.7), scored(1, 0.4)])).toMatchObject({ kind: 'match', best: { score: 0.7 } });
  });
  it('matches a weaker winner only when it leads the runner-up clearly', () => {
    expect(verdict([scored(0, 0.45), scored(1, 0.35)]).kind).toBe('match');
    expect(verdict([scored(0, 0.45), scored(1, 0.42)]).kind).toBe('none');
  });
  it('calls a near-tie above the threshold ambiguous and names both', () => {
    const v = verdict([scored(0, 0.66), scored(2, 0.65), scored(1, 0.3)]);
    expect(v.kind).toBe('ambiguous');
    expect(v.kind === 'ambiguous' && v.candidates.map((c) => c.segment.id)).toEqual([0, 2]);
  });
  it('matches nothing under the floor', () => {
    expect(verdict([scored(0, 0.3), scored(1, 0.1)]).kind).toBe('none');
    expect(verdict([]).kind).toBe('none');
  });
});
