/** Builds tools and runs them so that bad input and failures come back as data. */
import type { z } from 'zod';
import { errorMessage, isPersonaError } from '../lib/errors.ts';
import type { PersonaTool, ToolContext, ToolResult } from './types.ts';

export function defineTool<S extends z.ZodTypeAny>(tool: PersonaTool<S>): PersonaTool<S> {
  return tool;
}

export async function runTool(tool: PersonaTool, ctx: ToolContext, rawArgs: unknown): Promise<ToolResult> {
  const parsed = tool.schema.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'}: ${i.message}`).join('; ');
    return { ok: false, error: { code: 'invalid_arguments', message: `${tool.name}: ${message}` } };
  }
  try {
    return await tool.run(ctx, parsed.data);
  } catch (err) {
    return { ok: false, error: { code: isPersonaError(err) ? err.code : 'internal', message: `${tool.name}: ${errorMessage(err)}` } };
  }
}

export function fail(code: string, message: string): ToolResult {
  return { ok: false, error: { code, message } };
}
