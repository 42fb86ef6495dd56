/**
 * What every chat surface (HTTP, Slack, CLI) receives from the agent: an answer, the evidence the graph
 * attached from tool results (never written by a model), the tool calls made, and the conversation's
 * focus. Surfaces format these; they never compute answers themselves.
 */
import type { ToolEvidence } from '../tools/types.ts';

/** Evidence as surfaces show it: a tool's evidence item with its citation number. */
export interface ChatEvidence extends ToolEvidence {
  /** 1-based citation number used as [n] in the answer text. */
  readonly n: number;
  /** When it was written, in the configured time zone and naming it ("2024-03-05 14:20 Europe/Paris"). */
  readonly when?: string;
}

/** A persona card as surfaces render it (Slack Block Kit, HTML). */
export interface ChatCard {
  readonly runId: number;
  readonly segmentId: number;
  readonly label: string;
  readonly size: number;
  readonly share: number;
  readonly name: string;
  readonly archetype: string;
  readonly bio: string;
  readonly goals: readonly string[];
  readonly frustrations: readonly string[];
  readonly preferredChannels: readonly string[];
  readonly quotes: readonly string[];
  readonly keyStats: readonly { readonly label: string; readonly display: string }[];
}

export interface ChatAnswer {
  readonly threadId: string;
  readonly answer: string;
  readonly evidence: readonly ChatEvidence[];
  readonly cards: readonly ChatCard[];
  readonly toolCalls: readonly { readonly name: string; readonly args: Readonly<Record<string, unknown>> }[];
  /** The run and segment in focus after this turn ("them" in the next question). */
  readonly runId: number | null;
  readonly segmentId: number | null;
}

export interface ChatRequest {
  readonly threadId: string;
  readonly text: string;
  /** Called with short status lines while long tools (re-segmentation) run. */
  readonly onProgress?: (status: string) => void;
  /** Who asks (a Slack user, an API caller), for per-user limits on expensive work. */
  readonly userId?: string;
  /** The channel the conversation lives in (a Slack channel): a new conversation starts on the run pinned there. */
  readonly channel?: string;
  /**
   * The run (and segment) the asker is looking at, e.g. the explorer page the question was asked from:
   * it becomes the thread's focus before the question is planned, so "they" means that segment.
   */
  readonly context?: ChatContext;
}

/** A run and optionally one of its segments, given by the surface rather than read from the question. */
export interface ChatContext {
  readonly runId: number;
  readonly segmentId: number | null;
}

/** The one entry point surfaces use. */
export interface ChatService {
  ask(request: ChatRequest): Promise<ChatAnswer>;
  /** Pins a run to a channel (null unpins); returns the pinned run id. Absent → the surface cannot pin. */
  pinRun?(channel: string, runId: number | null): Promise<number | null>;
  /** The run pinned to a channel, or null. */
  pinnedRun?(channel: string): Promise<number | null>;
}
