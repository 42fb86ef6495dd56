/** Small builders that keep the case files readable: one line per question where possible. */
import type { AgentCase, AgentDataset, Category, OracleCondition, SegmentRef, Turn, TurnExpectation } from './types.ts';

export const one = (id: string, dataset: AgentDataset, category: Category, ask: string, expect: TurnExpectation, variant?: AgentCase['variant']): AgentCase => ({
  id,
  dataset,
  category,
  turns: [{ ask, expect }],
  ...(variant ? { variant } : {}),
});

export const chain = (id: string, dataset: AgentDataset, category: Category, turns: readonly Turn[]): AgentCase => ({ id, dataset, category, turns });

export const t = (ask: string, expect: TurnExpectation): Turn => ({ ask, expect });

export const cond = (field: string, op: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte', value: string | number | boolean): OracleCondition => ({ field, op, value });
export const text = (keyword: string): OracleCondition => ({ text: keyword });

export const largest: SegmentRef = { by: 'size' };
export const smallest: SegmentRef = { by: 'size', order: 'asc' };
export const topClv: SegmentRef = { by: 'clv' };
export const bottomClv: SegmentRef = { by: 'clv', order: 'asc' };
export const mean = (field: string, order: 'desc' | 'asc' = 'desc'): SegmentRef => ({ by: 'mean', field, order });
export const share = (where: OracleCondition, order: 'desc' | 'asc' = 'desc'): SegmentRef => ({ by: 'share', where, order });
export const planted = (value: string): SegmentRef => ({ by: 'planted', column: 'planted_segment', value });
export const turn = (i: number): SegmentRef => ({ by: 'turn', turn: i });

/** What every out-of-scope answer must do: say so plainly, call nothing, not dump the segment list. */
export const outOfScope: TurnExpectation = { noTools: true, includes: ["can(no|')t|not able|unable|only answer|outside"], excludes: ['^•'] };
