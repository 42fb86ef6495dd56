/**
 * Contracts shared by every evaluation suite. A suite drives the product from the outside, like a user,
 * and returns scores that the runner compares with the checked-in thresholds.
 */
import type { Db } from '../db/client.ts';

/** An OpenAI-compatible endpoint for suites that use a judge model. */
export interface JudgeEndpoint {
  /** Base URL ending in /v1; null for the default OpenAI endpoint. */
  readonly baseUrl: string | null;
  readonly apiKey: string;
  readonly model: string;
}

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
  /** The operator's database, where `runId` lives; suites without it work on their own scratch data. */
  readonly database?: Db;
  /** A judge model, when one is configured; suites skip judged checks (and say so) without it. */
  readonly judge?: JudgeEndpoint | null;
  /** Folder of the public datasets scored in the full scope; absent = only generated data. */
  readonly dataDir?: string;
  /** Restrict the full scope to these dataset names (e.g. "sample", "telco_churn"). */
  readonly datasets?: readonly string[];
}

export interface EvalSuite {
  readonly name: string;
  readonly description: string;
  run(context: EvalContext): Promise<SuiteResult>;
}
