/**
 * The offline planner: a chat model that needs no LLM. It reads the question's intent and slots
 * (keyword rules, the sentence encoder and the segment catalogue through find_segment), emits tool calls
 * one step at a time, and writes the answer from templates once the tool results are in. It plugs into
 * the same graph as ChatOpenAI, so tools, memory and evidence handling are identical in both modes.
 */
import { BaseChatModel, type BaseChatModelParams } from '@langchain/core/language_models/chat_models';
import { AIMessage, HumanMessage, SystemMessage, ToolMessage, type BaseMessage } from '@langchain/core/messages';
import type { ChatResult } from '@langchain/core/outputs';
import type { TextEncoder } from '../tools/types.ts';
import { classifyIntent, extractSlots } from './planner/intents.ts';
import { nextStep, type ToolOutcome } from './planner/plan.ts';
import { parseFocus } from './prompts.ts';

export interface OfflinePlannerOptions extends BaseChatModelParams {
  readonly encoder?: TextEncoder;
}

export class OfflinePlanner extends BaseChatModel {
  private readonly encoder: TextEncoder | undefined;

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
    const done: ToolOutcome[] = messages
      .slice(h + 1)
      .filter((m): m is ToolMessage => m instanceof ToolMessage)
      .map((m) => ({ name: m.name ?? '', result: parseResult(textOf(m)) }));

    const { intent } = await classifyIntent(question, this.encoder);
    const step = nextStep(intent, extractSlots(question), question, focus, done);
    const message =
      'call' in step
        ? new AIMessage({ content: '', tool_calls: [{ id: `call_${messages.length}_${step.call.name}`, name: step.call.name, args: step.call.args, type: 'tool_call' }] })
        : new AIMessage({ content: step.answer });
    return { generations: [{ text: typeof message.content === 'string' ? message.content : '', message }] };
  }
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
