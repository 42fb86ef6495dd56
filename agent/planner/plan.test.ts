import { describe, expect, it } from 'vitest';
import { extractSlots } from './intents.ts';
import { nextStep, type ToolOutcome } from './plan.ts';

const noFocus = { runId: null, segmentId: null, segmentRunId: null };
const focus = { runId: 2, segmentId: 4, segmentRunId: 1 };

describe('offline planner: plans', () => {
  it('finds a described segment, then explains it, then answers from the results', () => {
    const q = 'who are my trust skeptics?';
    const slots = extractSlots(q);
    expect(nextStep('find', slots, q, noFocus, [])).toEqual({ call: { name: 'find_segment', args: { query: 'trust skeptics' } } });
    const found: ToolOutcome = { name: 'find_segment', result: { ok: true, data: { runId: 1, matched: true, segment: { segmentId: 4 } } } };
    expect(nextStep('find', slots, q, noFocus, [found])).toEqual({ call: { name: 'explain_segment', args: { runId: 1, segmentId: 4 } } });
    const explained: ToolOutcome = {
      name: 'explain_segment',
      result: {
        ok: true,
        data: { runId: 1, segmentId: 4, label: 'Trust skeptics', size: 58, sharePct: 16.1, reasons: ['cancels 3.3× more'], topTerms: ['trust'], persona: { name: 'Wary Wendy' } },
        evidence: [{ cite: 1, customerText: 'Is this site even real?', customerId: 'cust-1' }],
      },
    };
    const step = nextStep('find', slots, q, noFocus, [found, explained]);
    expect('answer' in step && step.answer).toContain('Wary Wendy');
    expect('answer' in step && step.answer).toContain('“Is this site even real?” [1]');
  });

  it('says when nothing matches, with the nearest segments, and invents nothing', () => {
    const q = 'who are my wine snobs?';
    const found: ToolOutcome = {
      name: 'find_segment',
      result: { ok: true, data: { runId: 1, matched: false, query: 'wine snobs', nearest: [{ segmentId: 2, label: 'Deal hunters', size: 10, sharePct: 5, persona: null, score: 0.2 }], suggestion: { text: 're-segment only customers whose texts mention "wine"' } } },
    };
    const step = nextStep('find', extractSlots(q), q, noFocus, [found]);
    expect('answer' in step && step.answer).toMatch(/No segment in run 1 matches “wine snobs”[\s\S]*Deal hunters[\s\S]*mention "wine"/);
  });

  it('uses the focus for "them" by leaving the segment out of the call', () => {
    const q = 'what is their lifetime value?';
    expect(nextStep('ltv', extractSlots(q), q, focus, [])).toEqual({ call: { name: 'predict_ltv', args: {} } });
  });

  it('re-segments with the extracted subset and k', () => {
    const q = 're-segment only customers with at least 3 orders into 4 groups';
    expect(nextStep('resegment', extractSlots(q), q, focus, [])).toEqual({ call: { name: 'segment', args: { minOrders: 3, k: 4 } } });
  });

  it('answers a failed tool with its message instead of guessing', () => {
    const failed: ToolOutcome = { name: 'predict_ltv', result: { ok: false, error: { code: 'bad_value', message: 'which segment?' } } };
    const step = nextStep('ltv', extractSlots('value?'), 'value?', noFocus, [failed]);
    expect('answer' in step && step.answer).toContain('which segment?');
  });
});
