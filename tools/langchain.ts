/**
 * Our tools as LangChain tool definitions, for binding to ChatOpenAI (name, description, JSON schema).
 * Execution stays in the agent's tools node, which attaches evidence; these definitions never run.
 */
import { tool, type StructuredToolInterface } from '@langchain/core/tools';
import { allTools } from './registry.ts';

export function langChainToolDefinitions(): StructuredToolInterface[] {
  return allTools.map((t) =>
    tool(async () => 'executed by the agent graph', { name: t.name, description: t.description, schema: t.schema }),
  ) as StructuredToolInterface[];
}
