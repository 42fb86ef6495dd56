/**
 * The graph's state. Messages and focus persist across turns (the checkpointer stores them); the turn
 * fields (evidence, cards, tool calls, steps) are cleared when a new question arrives.
 */
import { Annotation, MessagesAnnotation } from '@langchain/langgraph';
import type { ChatCard, ChatEvidence } from './chat-types.ts';
import type { Focus } from '../tools/types.ts';

type TurnUpdate<T> = readonly T[] | 'reset';

function turnList<T>() {
  return Annotation<readonly T[], TurnUpdate<T>>({
    reducer: (prev, next) => (next === 'reset' ? [] : [...prev, ...next]),
    default: () => [],
  });
}

export const AgentState = Annotation.Root({
  ...MessagesAnnotation.spec,
  focus: Annotation<Focus>({ reducer: (_prev, next) => next, default: () => ({ runId: null, segmentId: null, segmentRunId: null }) }),
  evidence: turnList<ChatEvidence>(),
  cards: turnList<ChatCard>(),
  toolCalls: turnList<{ name: string; args: Record<string, unknown> }>(),
  /** Model calls in this turn, for the step limit. */
  steps: Annotation<number, number | 'reset'>({ reducer: (prev, next) => (next === 'reset' ? 0 : prev + next), default: () => 0 }),
});

export type AgentStateType = typeof AgentState.State;
export type AgentStateUpdate = typeof AgentState.Update;
