/**
 * The contract every agent tool implements: a zod input schema (every field described), a run function
 * over the library, and a result that is data, never an exception: `{ ok: false, error }` tells the
 * model what went wrong so it can recover.
 */
import type { z } from 'zod';
import type { Db } from '../db/client.ts';
import type { Run } from '../db/schema.ts';
import type { Embedder } from '../pipeline/types.ts';
import type { FileAccess } from '../lib/data-folder.ts';
import type { LlmWriterOptions } from '../pipeline/persona/llm-writer.ts';
import type { JobQueue } from '../lib/job-queue.ts';

/** Evidence a tool result carries; the graph numbers and attaches it, models never write it. */
export interface ToolEvidence {
  readonly text: string;
  readonly textId: string | null;
  readonly customerId: string;
  readonly segmentId: number | null;
  readonly runId: number | null;
  readonly at: string | null;
  /** The segment's persona name (or label), so surfaces name it in words; ids stay in the fields above. */
  readonly segmentName?: string | null;
}

/** What the conversation is about, so "them" and "that segment" resolve. */
export interface Focus {
  /** The run questions are about ("list the segments", "find …"). */
  readonly runId: number | null;
  /** The segment "them" means, and the run it belongs to (which may be an earlier run). */
  readonly segmentId: number | null;
  readonly segmentRunId: number | null;
}

export function focusOnSegment(runId: number, segmentId: number): Focus {
  return { runId, segmentId, segmentRunId: runId };
}

export interface ToolContext {
  readonly db: Db;
  readonly focus: Focus;
  /** Where exports are written. */
  readonly exportDir: string;
  /**
   * Which files load_data may open: any path for the CLI operator, only the data folder for chat users.
   * Absent → no file imports at all (listing datasets still works).
   */
  readonly files?: FileAccess;
  /** Status lines for long work (re-segmentation). */
  readonly onProgress?: (status: string) => void;
  /** An LLM endpoint that writes persona cards for new runs; absent → offline cards. */
  readonly personaWriter?: LlmWriterOptions | null;
  /** The agent's own sentence encoder (the bundled one): meaning of questions; absent → lexical matching only. */
  readonly encoder?: Embedder;
  /**
   * The embedder a run recorded (its texts were embedded with it): meaning lookups over that run's data
   * use it. Absent → the agent's encoder when the run used the bundled one, else none (lexical only).
   */
  readonly embedderFor?: (run: Run) => Embedder | undefined;
  /** Expensive work (re-segmentation) waits here for its turn; absent → it runs at once (CLI, tests). */
  readonly jobs?: JobQueue;
  /** Who asked and in which conversation, for the queue's per-user and per-conversation limits. */
  readonly userId?: string;
  readonly threadId?: string;
  /** Currency code for money in answers when the data has none (PERSONA_CURRENCY); never invented. */
  readonly currency?: string | null;
  /** The named time zone clock times in answers are shown in (PERSONA_TIMEZONE); absent → UTC. */
  readonly timeZone?: string;
}

/** The embedder for meaning lookups over a run's data: the one the run recorded (see embedderFor). */
export function runEmbedder(ctx: Pick<ToolContext, 'encoder' | 'embedderFor'>, run: Run | null): Embedder | undefined {
  if (run && ctx.embedderFor) return ctx.embedderFor(run);
  const recorded = (run?.params as { embedder?: string } | undefined)?.embedder ?? 'use';
  return recorded === 'use' ? ctx.encoder : undefined;
}

export type ToolResult<T = unknown> =
  | {
      readonly ok: true;
      readonly data: T;
      readonly evidence?: readonly ToolEvidence[];
      /** The focus after this call, when the tool moved it. */
      readonly focus?: Focus;
      /** Persona cards to render (explain_segment, find_segment). */
      readonly cards?: readonly unknown[];
    }
  | { readonly ok: false; readonly error: { readonly code: string; readonly message: string } };

export interface PersonaTool<S extends z.ZodTypeAny = z.ZodTypeAny> {
  readonly name: string;
  readonly description: string;
  readonly schema: S;
  run(ctx: ToolContext, args: z.infer<S>): Promise<ToolResult>;
}
