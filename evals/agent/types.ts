/**
 * The agent question suite's vocabulary: a case is one question or a follow-up chain on one dataset,
 * each turn with machine-checked expectations. Segments are named by a property of the data ("largest
 * share of Churn = Yes"), never by an id, so a case stays valid when a segmentation changes.
 */

export type AgentDataset = 'generated' | 'sample' | 'marketing_campaign' | 'twcs_sample' | 'telco_churn' | 'online_retail';

export const categories = [
  'find',
  'explain',
  'evidence',
  'value',
  'channels',
  'ranking',
  'count',
  'text_filter',
  'resegment',
  'followup',
  'compare',
  'assign',
  'export',
  'run_compare',
  'out_of_scope',
  'injection',
] as const;
export type Category = (typeof categories)[number];

/** One condition as the oracle evaluates it: a column or derived field, or a keyword in the customer's texts. */
export type OracleCondition =
  | { readonly field: string; readonly op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte'; readonly value: string | number | boolean }
  | { readonly text: string };

/** Which segment a turn is about, by a property the oracle computes from the run and its data. */
export type SegmentRef =
  | { readonly by: 'size'; readonly order?: 'desc' | 'asc'; readonly rank?: number }
  | { readonly by: 'mean'; readonly field: string; readonly order?: 'desc' | 'asc'; readonly rank?: number }
  | { readonly by: 'share'; readonly where: OracleCondition; readonly order?: 'desc' | 'asc'; readonly rank?: number }
  | { readonly by: 'clv'; readonly order?: 'desc' | 'asc'; readonly rank?: number }
  /** The segment most of whose members carry this value of the generator's planted label column. */
  | { readonly by: 'planted'; readonly column: string; readonly value: string }
  /** The segment in focus after an earlier turn of the same case (0-based turn index). */
  | { readonly by: 'turn'; readonly turn: number };

/** A number that must appear in the answer, computed by the oracle. */
export type NumberRef =
  | { readonly count: readonly OracleCondition[]; readonly match?: 'all' | 'any' }
  | { readonly segmentSize: SegmentRef }
  | { readonly total: true };

/** A condition some tool call of the turn must carry (in `where`), field compared case-insensitively. */
export interface ArgCondition {
  readonly field?: string;
  readonly op?: string;
  readonly value?: string | number | boolean;
  /** A keyword (`text`) or meaning (`textLike`) filter whose value contains this string. */
  readonly text?: string;
}

export interface TurnExpectation {
  /** Tools that must be called in this turn (any order). */
  readonly tools?: readonly string[];
  /** At least one of these tools must be called. */
  readonly anyTool?: readonly string[];
  /** Tools that must not be called. */
  readonly notTools?: readonly string[];
  /** No tool may be called (out of scope). */
  readonly noTools?: boolean;
  /** Arguments some call of the named tool must contain (deep partial match). */
  readonly args?: readonly { readonly tool: string; readonly has: Readonly<Record<string, unknown>> }[];
  /** Conditions some call's `where` must contain. */
  readonly conditions?: readonly ArgCondition[];
  /** The segment in focus after the turn. */
  readonly focus?: SegmentRef;
  /** The segment the answer names first. */
  readonly first?: SegmentRef;
  /** Segments the answer must name (persona name or label). */
  readonly names?: readonly SegmentRef[];
  readonly numbers?: readonly NumberRef[];
  /** Regular expressions (case-insensitive) the answer must match. */
  readonly includes?: readonly string[];
  /** Regular expressions (case-insensitive) the answer must not match. */
  readonly excludes?: readonly string[];
  /** The turn re-segments: the thread's run must change. */
  readonly newRun?: boolean;
}

export interface Turn {
  readonly ask: string;
  readonly expect: TurnExpectation;
}

export interface AgentCase {
  readonly id: string;
  readonly dataset: AgentDataset;
  readonly category: Category;
  readonly turns: readonly Turn[];
  /** Marks a paraphrase or a typo variant of another case, for the report. */
  readonly variant?: 'paraphrase' | 'typo';
}

export interface CaseOutcome {
  readonly id: string;
  readonly dataset: AgentDataset;
  readonly category: Category;
  readonly split: 'tuning' | 'heldout';
  readonly passed: boolean;
  readonly reasons: readonly string[];
  readonly answers: readonly string[];
  readonly ms: readonly number[];
}
