/**
 * Contracts shared by every evaluation suite. A suite drives the product from the outside, like a user,
 * and returns scores that the runner compares with the checked-in thresholds.
 */

/** One measured score of a suite, e.g. `grounding` = 1.0 on dataset `sample`. */
export interface EvalScore {
  /** Stable metric name, e.g. "grounding", "ari.easy", "pass_rate.tuning". */
  readonly metric: string;
  readonly value: number;
  /** Dataset, scenario or category the score is about; omitted for a suite-wide score. */
  readonly scope?: string;
  /** Whether higher values are better (the default) or lower ones. */
  readonly better?: 'higher' | 'lower';
}

/** A case that did not meet its expectation, kept for the report. */
export interface EvalFailure {
  readonly scope?: string;
  readonly case: string;
  readonly reason: string;
}

export interface SuiteResult {
  readonly suite: string;
  readonly scores: readonly EvalScore[];
  readonly failures: readonly EvalFailure[];
  /** Checks that could not run here (e.g. a judge model without an endpoint), with why. */
  readonly skipped: readonly { readonly check: string; readonly reason: string }[];
  readonly ms: number;
}

export interface EvalContext {
  /** Restrict the suite to one stored run where it makes sense (`persona eval --run ID`). */
  readonly runId?: number;
  /** A scratch folder the suite may use for its own databases and files. */
  readonly workDir: string;
  /** Only what the CI gate needs (small, fast) versus every dataset available. */
  readonly scope: 'gate' | 'full';
  readonly log: (line: string) => void;
}

export interface EvalSuite {
  readonly name: string;
  readonly description: string;
  run(context: EvalContext): Promise<SuiteResult>;
}
