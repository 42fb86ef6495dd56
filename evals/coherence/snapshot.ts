/**
 * What the coherence metrics read about one run: each segment's card as stored, and facts recomputed by
 * the suite from the raw data (members, masked texts, statistics). The metrics are pure functions of
 * this snapshot, so each can be tested on a hand-made one.
 */

/** The fields of a persona card the metrics read; any writer's card has them. */
export interface CardUnderTest {
  readonly name: string;
  readonly archetype: string;
  readonly ageBand: string;
  readonly occupation: string;
  readonly bio: string;
  readonly goals: readonly string[];
  readonly frustrations: readonly string[];
  readonly motivations: readonly string[];
  readonly preferredChannels: readonly string[];
  readonly quotes: readonly string[];
  readonly keyStats: readonly { readonly key: string; readonly value: number; readonly display?: string }[];
}

/** A feature of the segment against all customers, recomputed from the raw data. */
export interface RecomputedFeature {
  readonly feature: string;
  readonly description: string;
  readonly segmentMean: number;
  readonly populationMean: number;
  /** (segment − population) / population standard deviation. */
  readonly z: number;
}

export interface SegmentSnapshot {
  readonly index: number;
  readonly label: string;
  readonly card: CardUnderTest | null;
  /** Masked kept texts of the segment's customers (empty for data without text). */
  readonly texts: readonly string[];
  /** The segment's stored plain-English description (summary and reasons). */
  readonly description: string;
  readonly topTerms: readonly string[];
  /** Statistic key → value recomputed from the raw data; keys the suite cannot recompute are absent. */
  readonly stats: ReadonlyMap<string, number>;
  readonly features: readonly RecomputedFeature[];
  /** Channels the segment's stored channel plan names, best first. */
  readonly channels: readonly string[];
  /** Bootstrap Jaccard stability of the segment as the run measured it, if any. */
  readonly stability: number | null;
}

export interface RunSnapshot {
  readonly runId: number;
  readonly customers: number;
  readonly segments: readonly SegmentSnapshot[];
  /** Column names of the raw customer table(s), lower-cased: what the data can say about people. */
  readonly columns: readonly string[];
}
