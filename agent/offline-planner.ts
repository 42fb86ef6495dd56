/**
 * The offline planner: a chat model that needs no LLM. It scores the question's intent (sentence
 * encoder plus keyword evidence), reads slots against the catalogue that describe_data returns and the
 * thread's memory, emits tool calls one step at a time, and writes the answer from templates once the
 * tool results are in. It plugs into the same graph as ChatOpenAI, so tools, memory and evidence
 * handling are identical in both modes.
 */
import { BaseChatModel, type BaseChatModelParams } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { Condition } from '../tools/catalogue/predicate.ts';
import type { Embedder } from '../pipeline/types.ts';
import { classifyIntent } from './planner/intents.ts';
import { nextStep, type ThreadMemory, type ToolOutcome } from './planner/plan.ts';
import { parseFocus } from './prompts.ts';

export interface OfflinePlannerOptions extends BaseChatModelParams {
  readonly encoder?: Embedder;
}

export class OfflinePlanner extends BaseChatModel {
  private readonly encoder: Embedder | undefined;

  constructor(options: OfflinePlannerOptions = {}) {
    super(options);
    this.encoder = options.encoder;
  }

  _llmType(): string {
    return 'persona-offline-planner';
  }

  /** The planner knows the tool registry already; binding changes nothing. */
  override bindTools(): this {
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    const system = messages.find((m) => m instanceof SystemMessage);
    const focus = parseFocus(typeof system?.content === 'string' ? system.content : '');
    let h = messages.length - 1;
    while (h >= 0 && !(messages[h] instanceof HumanMessage)) h--;
    const question = h >= 0 ? textOf(messages[h] as BaseMessage) : '';
    const done = outcomes(messages.slice(h + 1));
    const memory = threadMemory(outcomes(messages.slice(0, Math.max(0, h))));
    const scored = await classifyIntent(question, this.encoder);
    const step = nextStep({ intent: scored.intent, language: scored.language, question, focus, done, memory });
    const message =
      'call' in step
        ? new AIMessage({ content: '', tool_calls: [{ id: `call_${messages.length}_${step.call.name}`, name: step.call.name, args: step.call.args, type: 'tool_call' }] })
        : new AIMessage({ content: step.answer });
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }] };
  }
}

/** Tool results with the arguments they were called with. */
function outcomes(messages: readonly BaseMessage[]): ToolOutcome[] {
  const args = new Map<string, Record<string, unknown>>();
  for (const m of messages) if (m instanceof AIMessage) for (const c of m.tool_calls ?? []) if (c.id) args.set(c.id, c.args as Record<string, unknown>);
  return messages
    .filter((m): m is ToolMessage => m instanceof ToolMessage)
    .map((m) => ({ name: m.name ?? '', args: args.get(m.tool_call_id) ?? {}, result: parseResult(textOf(m)) }));
}

/** What "the second one" and "re-segment them" refer to: the thread's last ranking and last subset. */
function threadMemory(earlier: readonly ToolOutcome[]): ThreadMemory {
  let ranking: ThreadMemory['ranking'] = null;
  let rankingRunId: number | null = null;
  let subset: ThreadMemory['subset'] = null;
  for (const o of earlier) {
    if (!o.result.ok) continue;
    if (o.name === 'rank_segments') {
      ranking = ((o.result.data?.ranked as { segmentId: number; name: string }[]) ?? []).map((r) => ({ segmentId: r.segmentId, name: r.name }));
      rankingRunId = (o.result.data?.runId as number | undefined) ?? null;
    }
    if ((o.name === 'count_customers' || o.name === 'profile_subset' || o.name === 'filter_data') && Array.isArray(o.args?.where)) {
      subset = { where: o.args.where as Condition[], match: o.args.match === 'any' ? 'any' : 'all' };
    }
    // "them" means what the conversation moved to last: a segment explained after a count replaces the count.
    if (o.name === 'segment' || o.name === 'explain_segment') subset = null;
  }
  return { ranking, subset, rankingRunId };
}

function textOf(m: BaseMessage): string {
  return typeof m.content === 'string' ? m.content : m.content.map((c) => ('text' in c && typeof c.text === 'string' ? c.text : '')).join('');
}

function parseResult(content: string): ToolOutcome['result'] {
  try {
    return JSON.parse(content) as ToolOutcome['result'];
  } catch {
    return { ok: false, error: { code: 'unreadable', message: content.slice(0, 200) } };
  }
}
