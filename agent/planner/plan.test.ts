/** The planner's policy on hand-made tool results: multi-step plans, anaphora, honest failures. */
import { describe, expect, it } from 'vitest';
import { nextStep, type PlanInput, type ToolOutcome } from './plan.ts';

const noFocus: PlanInput['focus'] = { runId: null, segmentId: null, segmentRunId: null };
const focus = { runId: 2, segmentId: 4, segmentRunId: 2 };
const memory: PlanInput['memory'] = { ranking: null, subset: null, rankingRunId: null };
const catalogue: ToolOutcome = {
  name: 'describe_data',
  result: {
    ok: true,
    data: {
      runId: 2,
      customers: 100,
      hasTexts: false,
      fields: [
        { name: 'Profession', label: 'profession', kind: 'category', unit: null, levels: ['Doctor', 'Teacher'] },
        { name: 'Kidhome', label: 'kidhome', kind: 'number', unit: null, range: { min: 0, max: 2, mean: 0.4 } },
        { name: 'Region', label: 'region', kind: 'category', unit: null, levels: ['United Kingdom', 'Chile'] },
      ],
      segments: [],
      features: [],
    },
  },
};
const input = (question: string, intent: PlanInput['intent'], done: ToolOutcome[] = [], f = noFocus, mem = memory): PlanInput => ({ intent, language: 'english', question, focus: f, done, memory: mem });

describe('offline planner: plans', () => {
  it('finds a described segment, then explains it, naming the persona and quoting evidence', () => {
    expect(nextStep(input('who are my trust skeptics?', 'find'))).toEqual({ call: { name: 'find_segment', args: { query: 'trust skeptics' } } });
    const found: ToolOutcome = { name: 'find_segment', result: { ok: true, data: { runId: 1, matched: true, segment: { segmentId: 4 } } } };
    expect(nextStep(input('who are my trust skeptics?', 'find', [found]))).toEqual({ call: { name: 'explain_segment', args: { runId: 1, segmentId: 4 } } });
    const explained: ToolOutcome = {
      name: 'explain_segment',
      result: { ok: true, data: { runId: 1, segmentId: 4, label: 'Trust skeptics', size: 58, sharePct: 16.1, reasons: ['cancel more'], topTerms: ['trust'], persona: { name: 'Wary Wendy' } }, evidence: [{ cite: 1, customerText: 'Is this site even real?', customerId: 'c1' }] },
    };
    const step = nextStep(input('who are my trust skeptics?', 'find', [found, explained]));
    expect('answer' in step && step.answer).toContain('Wary Wendy');
    expect('answer' in step && step.answer).toContain('“Is this site even real?” [1]');
    expect('answer' in step && step.answer).not.toMatch(/run \d|segment \d/);
  });

  it('maps filter words onto the catalogue before counting', () => {
    const q = 'how many customers have kids at home and which persona are they in?';
    expect(nextStep(input(q, 'count'))).toEqual({ call: { name: 'describe_data', args: {} } });
    expect(nextStep(input(q, 'count', [catalogue]))).toEqual({ call: { name: 'count_customers', args: { where: [{ field: 'Kidhome', op: 'gt', value: 0 }] } } });
  });

  it('says back a phrase it cannot map and runs nothing on everyone', () => {
    const step = nextStep(input('how many members own a sailboat?', 'count', [catalogue]));
    expect('answer' in step && step.answer).toMatch(/couldn't match “own sailboat”/);
  });

  it('ranks by the share of a level ("the most doctors")', () => {
    expect(nextStep(input('which segment has the most doctors?', 'rank', [catalogue]))).toEqual({
      call: { name: 'rank_segments', args: { by: 'share', order: 'desc', where: [{ field: 'Profession', op: 'eq', value: 'Doctor' }] } },
    });
  });

  it('re-segments a filtered subset with k, and "them" after a count reuses its conditions', () => {
    expect(nextStep(input('re-segment the UK customers into 5 groups', 'resegment', [catalogue]))).toEqual({
      call: { name: 'segment', args: { k: 5, where: [{ field: 'Region', op: 'eq', value: 'United Kingdom' }] } },
    });
    const mem = { ...memory, subset: { where: [{ field: 'Profession', op: 'eq' as const, value: 'Doctor' }], match: 'all' as const } };
    expect(nextStep(input('re-segment them into 3 groups', 'resegment', [], focus, mem))).toEqual({ call: { name: 'segment', args: { k: 3, where: mem.subset.where } } });
  });

  it('resolves "the second one" from the last ranking and "them" from the focus', () => {
    const mem = { ranking: [{ segmentId: 3, name: 'A' }, { segmentId: 1, name: 'B' }], subset: null, rankingRunId: 2 };
    expect(nextStep(input('tell me about the second one', 'explain', [], focus, mem))).toEqual({ call: { name: 'explain_segment', args: { runId: 2, segmentId: 1 } } });
    expect(nextStep(input('what is their lifetime value?', 'ltv', [], focus))).toEqual({ call: { name: 'predict_ltv', args: {} } });
    expect(nextStep(input('give me 3 quotes', 'evidence', [], focus))).toEqual({ call: { name: 'get_evidence', args: { limit: 3 } } });
  });

  it('"why do they …" counts the behaviour the question names before explaining the segment in focus', () => {
    const withFlag: ToolOutcome = { name: 'describe_data', result: { ...catalogue.result, data: { ...catalogue.result.data, fields: [...(catalogue.result.data!.fields as object[]), { name: 'Lapsed', label: 'lapsed', kind: 'flag', unit: null, yes: 'Y', no: 'N' }], segments: [{ id: 1 }, { id: 4 }, { id: 7 }] } } };
    const q = 'why do they quit so much?';
    expect(nextStep(input(q, 'explain', [], focus))).toEqual({ call: { name: 'describe_data', args: {} } });
    expect(nextStep(input(q, 'explain', [withFlag], focus))).toEqual({ call: { name: 'count_customers', args: { where: [{ field: 'Lapsed', op: 'eq', value: 'Y' }] } } });
    const counted: ToolOutcome = { name: 'count_customers', result: { ok: true, data: { customers: 100, matching: 20, sharePct: 20, restated: 'lapsed: Y', bySegment: [{ segmentId: 4, pctOfSegment: 45 }] } } };
    expect(nextStep(input(q, 'explain', [withFlag, counted], focus))).toEqual({ call: { name: 'explain_segment', args: {} } });
    const explained: ToolOutcome = { name: 'explain_segment', result: { ok: true, data: { runId: 2, segmentId: 4, label: 'Quiet ones', size: 20, sharePct: 20, reasons: [], topTerms: [], persona: { name: 'Quiet Quinn' } } } };
    const step = nextStep(input(q, 'explain', [withFlag, counted, explained], focus));
    expect('answer' in step && step.answer).toMatch(/45% of Quiet Quinn match “lapsed: Y”, against 20% of all 100 customers; 1st of 3 segments by that share\.$/);
  });

  it('compares by ordinal without asking which two', () => {
    expect(nextStep(input('compare the two largest segments', 'compare'))).toEqual({ call: { name: 'compare_segments', args: { ordinal: { by: 'size', order: 'desc', ranks: [1, 2] } } } });
  });

  it('answers a failed tool with its reason, without the tool name', () => {
    const failed: ToolOutcome = { name: 'predict_ltv', result: { ok: false, error: { code: 'bad_value', message: 'predict_ltv: which segment?' } } };
    const step = nextStep(input('value?', 'ltv', [failed]));
    expect('answer' in step && step.answer).toBe("I couldn't do that: which segment?");
  });

  it('declines out-of-scope questions honestly', () => {
    const step = nextStep(input("what's the weather?", 'out_of_scope'));
    expect('answer' in step && step.answer).toMatch(/^I can't answer that/);
  });

  it('answers imports and the dataset list in words: name, kind, rows and customers, no JSON', () => {
    const imported: ToolOutcome = { name: 'load_data', result: { ok: true, data: { status: 'imported', datasetId: 7, name: 'kunden.tsv', kind: 'texts', rows: 1, counts: { rows: 1, customers: 1, invalidCells: 2 } } } };
    const step = nextStep(input('import kunden.tsv', 'load', [imported]));
    expect('answer' in step && step.answer).toBe('Imported kunden.tsv as a table of customer texts: 1 row, 1 customer. 2 values could not be read and were left empty (see the import report). Segment the data to find its personas.');
    const skipped: ToolOutcome = { name: 'load_data', result: { ok: true, data: { status: 'skipped', datasetId: 7, name: 'kunden.tsv', kind: 'texts', reason: 'already imported as dataset 7; use --force' } } };
    const again = nextStep(input('import kunden.tsv', 'load', [skipped]));
    expect('answer' in again && again.answer).toMatch(/^kunden\.tsv \(table of customer texts\) was already imported/);
    expect('answer' in again && again.answer).not.toMatch(/--force|dataset 7/);
    const listed: ToolOutcome = { name: 'load_data', result: { ok: true, data: { datasets: [{ datasetId: 3, name: 'orders.parquet', kind: 'transactions', counts: { rows: 12, customers: 4 } }] } } };
    const list = nextStep(input('what data is loaded?', 'load', [listed]));
    expect('answer' in list && list.answer).toBe('1 dataset is imported:\n• orders.parquet — transaction history, 12 rows, 4 customers');
  });
});
