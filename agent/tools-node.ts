/**
 * Runs the tool calls of the model's last message against our tools, and attaches what they return:
 * evidence (numbered for citation), persona cards and the new focus. Evidence enters the answer only
 * here, from tool results, never from model output.
 */
import { AIMessage, ToolMessage } from '@langchain/core/messages';
import type { LangGraphRunnableConfig } from '@langchain/langgraph';
import { runTool } from '../tools/define.ts';
import { toolByName } from '../tools/registry.ts';
import type { Focus, ToolContext, ToolEvidence } from '../tools/types.ts';
import type { SegmentView } from '../pipeline/segment/segment-view.ts';
import { chatCard } from './cards.ts';
import type { ChatCard, ChatEvidence } from './chat-types.ts';
import { defaultTimeZone, formatInstant } from '../lib/time-zone.ts';
import type { AgentStateType, AgentStateUpdate } from './state.ts';

export type ToolContextFactory = (focus: Focus, threadId: string) => ToolContext;

export function createToolsNode(contextFor: ToolContextFactory) {
  return async (state: AgentStateType, config?: LangGraphRunnableConfig): Promise<AgentStateUpdate> => {
    const threadId = String(config?.configurable?.thread_id ?? '');
    const last = state.messages[state.messages.length - 1];
    const calls = last instanceof AIMessage ? (last.tool_calls ?? []) : [];
    let focus = state.focus;
    const evidence: ChatEvidence[] = [];
    const cards: ChatCard[] = [];
    const messages: ToolMessage[] = [];
    const known = [...state.evidence];
    for (const call of calls) {
      const tool = toolByName(call.name);
      const context = contextFor(focus, threadId);
      const result = tool
        ? await runTool(tool, context, call.args)
        : ({ ok: false, error: { code: 'unknown_tool', message: `no tool named ${call.name}` } } as const);
      let cited: { cite: number; item: ToolEvidence }[] = [];
      if (result.ok) {
        if (result.focus) focus = result.focus;
        cited = (result.evidence ?? []).map((item) => ({ cite: citeOf(item, known, evidence, context.timeZone), item }));
        for (const c of (result.cards ?? []) as { runId: number; segment: SegmentView }[]) {
          const card = chatCard(c.runId, c.segment);
          if (card && !cards.some((x) => x.runId === card.runId && x.segmentId === card.segmentId)) cards.push(card);
        }
      }
      const content = result.ok
        ? { ok: true, data: result.data, evidence: cited.map(({ cite, item }) => ({ cite, customerText: item.text, customerId: item.customerId, segmentId: item.segmentId, at: item.at })) }
        : { ok: false, error: result.error };
      messages.push(new ToolMessage({ content: JSON.stringify(content), tool_call_id: call.id ?? call.name, name: call.name, status: result.ok ? 'success' : 'error' }));
    }
    return {
      messages,
      focus,
      evidence,
      cards,
      toolCalls: calls.map((c) => ({ name: c.name, args: c.args as Record<string, unknown> })),
    };
  };
}

/** The citation number of an evidence item: reused when already cited this turn, else the next one. */
function citeOf(item: ToolEvidence, known: ChatEvidence[], added: ChatEvidence[], zone: string | undefined): number {
  const same = (e: ChatEvidence) => e.text === item.text && e.customerId === item.customerId;
  const existing = known.find(same) ?? added.find(same);
  if (existing) return existing.n;
  const n = known.length + added.length + 1;
  added.push({ n, text: item.text, textId: item.textId, customerId: item.customerId, segmentId: item.segmentId, runId: item.runId, at: item.at, ...(item.segmentName ? { segmentName: item.segmentName } : {}), ...(item.at ? { when: formatInstant(item.at, zone ?? defaultTimeZone) } : {}) });
  return n;
}
