/**
 * Fragment pools for one topic. A text is an opener, a core concern, a detail and a closer drawn
 * independently, so a few dozen fragments per pool give tens of thousands of distinct messages.
 * Syntax: {a|b|} picks one alternative (empty allowed); [slot] is filled from the text's context
 * (product, order, amount, days, …, see slots.ts).
 */
export interface TopicPools {
  readonly openers: readonly string[];
  /** Every core states the topic: it is what makes a text belong to its segment. */
  readonly cores: readonly string[];
  readonly details: readonly string[];
  readonly closers: readonly string[];
}
