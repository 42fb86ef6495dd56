import { describe, expect, it } from 'vitest';
import { classifyIntent, describedGroup, extractSlots } from './intents.ts';

describe('offline planner: intents', () => {
  it.each([
    ['who are my trust skeptics?', 'find'],
    ['re-segment only customers with at least 3 orders into 4 groups', 'resegment'],
    ['what is their lifetime value?', 'ltv'],
    ['which channels should I use for them?', 'channels'],
    ['draft a campaign for them', 'campaign'],
    ['compare segment 1 and segment 3', 'compare'],
    ['what segments do I have?', 'list'],
    ['export them to csv', 'export'],
    ['how many customers have at least 5 orders?', 'filter'],
    ['what do they say?', 'evidence'],
    ['tell me more about them', 'explain'],
  ])('%s → %s', async (question, intent) => {
    expect((await classifyIntent(question)).intent).toBe(intent);
  });

  it('falls back to help without an encoder when no rule matches', async () => {
    expect(await classifyIntent('blorp')).toEqual({ intent: 'help', by: 'default', score: 0 });
  });
});

describe('offline planner: slots', () => {
  it('reads k and order filters', () => {
    expect(extractSlots('re-segment only customers with at least 3 orders into 4 groups')).toMatchObject({ k: 4, minOrders: 3 });
    expect(extractSlots('re-segment only repeat buyers into five groups')).toMatchObject({ k: 5, minOrders: 2 });
    expect(extractSlots('segment customers with more than 10 orders')).toMatchObject({ minOrders: 11 });
    expect(extractSlots('customers who spent over £1,500 in the UK')).toMatchObject({ minSpend: 1500, country: ['United Kingdom'] });
    expect(extractSlots('re-segment customers mentioning refund')).toMatchObject({ textContains: 'refund' });
    expect(extractSlots('compare segment 1 and 3').segmentIds).toEqual([1, 3]);
  });

  it('tells a described group from a pronoun', () => {
    expect(describedGroup('who are my trust skeptics?')).toBe('trust skeptics');
    expect(describedGroup('what is the lifetime value of the deal hunters?')).toBe('deal hunters');
    expect(describedGroup('which channels should I use for them?')).toBeNull();
    expect(describedGroup('draft a campaign for that segment')).toBeNull();
    expect(describedGroup('what is their lifetime value?')).toBeNull();
  });
});
