/**
 * The offline planner's policy: given the question's intent and slots, the focus and the tool results
 * so far in this turn, the next tool call or the final answer. Pure, so it is tested without a graph.
 */
import type { Focus } from '../../tools/types.ts';
import { answerFor, noMatchAnswer, errorAnswer } from './answers.ts';
import type { Intent, Slots } from './intents.ts';

export interface ToolOutcome {
  readonly name: string;
  readonly result: {
    readonly ok: boolean;
    readonly data?: Record<string, unknown>;
    readonly error?: { code: string; message: string };
    readonly evidence?: readonly { cite: number; customerText: string; customerId: string }[];
  };
}

export type Step = { readonly call: { readonly name: string; readonly args: Record<string, unknown> } } | { readonly answer: string };

const segmentTool: Partial<Record<Intent, string>> = {
  explain: 'explain_segment',
  ltv: 'predict_ltv',
  channels: 'map_channels',
  campaign: 'draft_campaign',
  evidence: 'get_evidence',
  export: 'export_segment',
};

export function nextStep(intent: Intent, slots: Slots, question: string, focus: Focus, done: readonly ToolOutcome[]): Step {
  const last = done[done.length - 1];
  if (last && !last.result.ok) return { answer: errorAnswer(last.name, last.result.error?.message ?? 'failed') };
  switch (intent) {
    case 'find':
      return segmentScoped('explain_segment', slots, question, focus, done, true);
    case 'explain':
    case 'ltv':
    case 'channels':
    case 'campaign':
    case 'evidence':
    case 'export':
      return segmentScoped(segmentTool[intent] as string, slots, question, focus, done, false);
    case 'resegment':
      return once(done, 'segment', { ...subsetArgs(slots), ...(slots.k ? { k: slots.k } : {}) });
    case 'filter':
      return once(done, 'filter_data', subsetArgs(slots));
    case 'compare': {
      const [a, b] = slots.segmentIds.length >= 2 ? slots.segmentIds : [focus.segmentId, slots.segmentIds[0]];
      if (a === null || a === undefined || b === undefined) return { answer: 'Which two segments should I compare? Say for example "compare segment 0 and segment 2".' };
      return once(done, 'compare_segments', { a, b });
    }
    case 'list':
      return once(done, 'list_segments', {});
    case 'load':
      return slots.file ? once(done, 'load_data', { file: slots.file }) : once(done, 'load_data', {});
    case 'help':
      return once(done, 'list_segments', {}, 'help');
    default: {
      const never: never = intent;
      return { answer: `I cannot handle ${String(never)} yet.` };
    }
  }
}

function once(done: readonly ToolOutcome[], name: string, args: Record<string, unknown>, answerKind?: string): Step {
  const result = done.find((d) => d.name === name);
  if (!result) return { call: { name, args } };
  return { answer: answerFor(answerKind ?? name, result, done) };
}

/**
 * Tools about one segment: find it first when the question describes it ("the deal hunters"), use a
 * segment number when given, else the segment in focus ("them").
 */
function segmentScoped(tool: string, slots: Slots, question: string, focus: Focus, done: readonly ToolOutcome[], mustFind: boolean): Step {
  const found = done.find((d) => d.name === 'find_segment');
  const explicit = slots.segmentIds[0];
  const wantsFind = mustFind ? explicit === undefined : slots.phrase !== null && explicit === undefined;
  if (wantsFind && !found) return { call: { name: 'find_segment', args: { query: slots.phrase ?? question } } };
  if (found && found.result.data?.matched === false) return { answer: noMatchAnswer(found) };
  const target = found ? (found.result.data?.segment as { segmentId: number } | undefined)?.segmentId : explicit;
  const runId = found ? (found.result.data?.runId as number | undefined) : undefined;
  const main = done.find((d) => d.name === tool);
  if (!main) {
    const args: Record<string, unknown> = {
      ...(runId !== undefined ? { runId } : {}),
      ...(target !== undefined ? { segmentId: target } : {}),
      ...(tool === 'export_segment' && slots.format ? { format: slots.format } : {}),
    };
    return { call: { name: tool, args } };
  }
  return { answer: answerFor(tool, main, done) };
}

function subsetArgs(s: Slots): Record<string, unknown> {
  return {
    ...(s.minOrders !== undefined ? { minOrders: s.minOrders } : {}),
    ...(s.maxOrders !== undefined ? { maxOrders: s.maxOrders } : {}),
    ...(s.minSpend !== undefined ? { minSpend: s.minSpend } : {}),
    ...(s.maxSpend !== undefined ? { maxSpend: s.maxSpend } : {}),
    ...(s.country ? { country: s.country } : {}),
    ...(s.textContains ? { textContains: s.textContains } : {}),
  };
}
