/**
 * The agent graph: begin (clear the turn) → model ⇄ tools, until the model answers without tool calls
 * or the step limit is reached. The same graph runs with ChatOpenAI or the offline planner.
 */
import { AIMessage, SystemMessage } from '@langchain/core/messages';
import type { BaseChatModel } from '@langchain/core/language_models/chat_models';
import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { END, START, StateGraph } from '@langchain/langgraph';
import { focusContext, systemPrompt } from './prompts.ts';
import { AgentState, type AgentStateType, type AgentStateUpdate } from './state.ts';
import { createToolsNode, type ToolContextFactory } from './tools-node.ts';
import type { Focus } from '../tools/types.ts';

type ChatModel = Pick<BaseChatModel, 'invoke'>;

export interface GraphOptions {
  /** A chat model with our tools already bound, or one chosen per step for the run in focus. */
  readonly model: ChatModel | ((focus: Focus) => Promise<ChatModel>);
  readonly contextFor: ToolContextFactory;
  readonly checkpointer: BaseCheckpointSaver;
  readonly maxSteps: number;
}

export function buildAgentGraph(options: GraphOptions) {
  const begin = (): AgentStateUpdate => ({ evidence: 'reset', cards: 'reset', toolCalls: 'reset', steps: 'reset' });

  const callModel = async (state: AgentStateType): Promise<AgentStateUpdate> => {
    if (state.steps >= options.maxSteps) {
      return { messages: [new AIMessage(`I stopped after ${state.steps} steps without a complete answer. Here is what I found so far; try a more specific question.`)] };
    }
    const prompt = [new SystemMessage(`${systemPrompt}\n\n${focusContext(state.focus)}`), ...state.messages];
    const model = typeof options.model === 'function' ? await options.model(state.focus) : options.model;
    const reply = await model.invoke(prompt);
    return { messages: [reply], steps: 1 };
  };

  // Tool calls always get their results (a dangling call would break the next turn); the step limit is
  // enforced in callModel, which then answers without tools.
  const route = (state: AgentStateType): 'tools' | typeof END => {
    const last = state.messages[state.messages.length - 1];
    return last instanceof AIMessage && (last.tool_calls?.length ?? 0) > 0 ? 'tools' : END;
  };

  return new StateGraph(AgentState)
    .addNode('begin', begin)
    .addNode('agent', callModel)
    .addNode('tools', createToolsNode(options.contextFor))
    .addEdge(START, 'begin')
    .addEdge('begin', 'agent')
    .addConditionalEdges('agent', route, ['tools', END])
    .addEdge('tools', 'agent')
    .compile({ checkpointer: options.checkpointer });
}
