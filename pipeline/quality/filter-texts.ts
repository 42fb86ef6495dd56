/**
 * The text quality filter: an ordered list of steps, each seeing only the texts earlier steps kept.
 * Every text gets exactly one verdict (kept, or the first step that dropped it), and the report carries
 * a before/dropped/after table from the input count down to the kept count.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { QualityReason, QualityText, QualityVerdict, StageReport, TextFilterStep } from '../types.ts';
import { exactDuplicateStep } from './steps/exact-duplicate.ts';
import { emptyStep, tooLongStep, tooShortStep } from './steps/length.ts';
import { nearDuplicateStep } from './steps/near-duplicate.ts';
import { nonCustomerStep } from './steps/non-customer.ts';
import { retweetStep } from './steps/retweet.ts';
import { templateStep } from './steps/template.ts';

export interface QualitySettings {
  /** Fewer letters/digits than this (after removing @mentions and URLs) is too_short. */
  readonly minChars: number;
  /** More characters than this (after removing @mentions and URLs) is too_long. */
  readonly maxChars: number;
  /** Regex sources (case-insensitive) marking retweets and forwarded messages. */
  readonly retweetPatterns: readonly string[];
  readonly nearDuplicateJaccard: number;
  readonly numHashes: number;
  /** LSH bands; numHashes / bands rows each. */
  readonly bands: number;
  /** Texts with fewer words use character 5-shingles instead of word 3-shingles. */
  readonly shortTextWords: number;
  /** Seeds the MinHash functions; fixed so verdicts are identical across runs. */
  readonly seed: number;
  readonly templateMinRepeats: number;
  /** Only masked forms up to this length can be templates: long texts repeated are duplicates, not boilerplate. */
  readonly templateMaxChars: number;
  /** Regex sources (case-insensitive) for auto-replies and other machine text. */
  readonly boilerplatePatterns: readonly string[];
}

export type QualityOptions = Partial<QualitySettings>;

export const qualityDefaults: QualitySettings = Object.freeze({
  minChars: 3,
  maxChars: 5000,
  retweetPatterns: Object.freeze(['^\\s*RT @', '^\\s*(?:Fwd?|FW)\\s*:', '-{5,}\\s*Forwarded message', '^\\s*Begin forwarded message']),
  nearDuplicateJaccard: 0.8,
  numHashes: 64,
  bands: 16,
  shortTextWords: 5,
  seed: 1,
  templateMinRepeats: 5,
  templateMaxChars: 200,
  boilerplatePatterns: Object.freeze([
    'thanks? (?:you )?for (?:contacting|reaching out to) us',
    'this is an automated (?:message|reply|response|e-?mail)',
    'please do not reply to this (?:message|e-?mail)',
    '\\bauto-?reply\\b',
  ]),
});

export interface QualityTableRow {
  /** 'input', a step name, or 'kept'. */
  readonly step: string;
  readonly before: number;
  readonly dropped: number;
  readonly after: number;
  /** after / input count. */
  readonly share: number;
}

export type QualityReport = StageReport & { readonly table: QualityTableRow[] };

/** The steps in the order they run. */
export function qualitySteps(s: QualitySettings): TextFilterStep[] {
  return [
    nonCustomerStep(),
    emptyStep(),
    tooShortStep(s.minChars),
    tooLongStep(s.maxChars),
    retweetStep(s.retweetPatterns),
    exactDuplicateStep(),
    nearDuplicateStep({
      nearDuplicateJaccard: s.nearDuplicateJaccard,
      numHashes: s.numHashes,
      bands: s.bands,
      shortTextWords: s.shortTextWords,
      seed: s.seed,
    }),
    templateStep({ templateMinRepeats: s.templateMinRepeats, templateMaxChars: s.templateMaxChars, boilerplatePatterns: s.boilerplatePatterns }),
  ];
}

export function filterTexts(texts: readonly QualityText[], options: QualityOptions = {}): { verdicts: QualityVerdict[]; report: QualityReport } {
  const started = performance.now();
  const s = resolveSettings(options);
  const ids = new Set<string>();
  for (const t of texts) {
    if (ids.has(t.id)) throw new PersonaError('duplicate_id', `quality filter: text id "${t.id}" appears twice`);
    ids.add(t.id);
  }

  const n = texts.length;
  const share = (k: number) => (n ? k / n : 0);
  const dropped = new Map<string, QualityVerdict>();
  const table: QualityTableRow[] = [{ step: 'input', before: n, dropped: 0, after: n, share: share(n) }];
  let alive: readonly QualityText[] = texts;
  for (const step of qualitySteps(s)) {
    const before = alive.length;
    const aliveIds = new Set(alive.map((t) => t.id));
    for (const v of step.apply(alive)) {
      // A step may only drop texts it was given, once each, under its own name.
      if (!aliveIds.has(v.id) || dropped.has(v.id) || v.kept || v.reason !== step.name) {
        throw new PersonaError('internal', `quality step ${step.name} returned an invalid verdict for "${v.id}"`);
      }
      dropped.set(v.id, v);
    }
    alive = alive.filter((t) => !dropped.has(t.id));
    table.push({ step: step.name, before, dropped: before - alive.length, after: alive.length, share: share(alive.length) });
  }
  table.push({ step: 'kept', before: alive.length, dropped: 0, after: alive.length, share: share(alive.length) });

  const verdicts = texts.map((t): QualityVerdict => dropped.get(t.id) ?? { id: t.id, kept: true, reason: 'kept' });
  const counts = Object.fromEntries(reasons.map((r) => [r, 0])) as Record<QualityReason, number>;
  for (const v of verdicts) counts[v.reason]++;
  const report: QualityReport = {
    stage: 'quality',
    ms: performance.now() - started,
    rowsIn: n,
    rowsOut: alive.length,
    params: { ...s },
    counts,
    table,
  };
  return { verdicts, report };
}

const reasons: readonly QualityReason[] = [
  'kept', 'non_customer', 'empty', 'too_short', 'too_long', 'retweet', 'exact_duplicate', 'near_duplicate', 'template',
];

function resolveSettings(options: QualityOptions): QualitySettings {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const s: QualitySettings = { ...qualityDefaults, ...given };
  const bad = (message: string): never => {
    throw new PersonaError('bad_option', `quality: ${message}`);
  };
  const int = (v: number, min: number) => Number.isInteger(v) && v >= min;
  if (!int(s.minChars, 0)) bad(`minChars must be an integer ≥ 0, got ${s.minChars}`);
  if (!(int(s.maxChars, 1) && s.maxChars >= s.minChars)) bad(`maxChars must be an integer ≥ minChars, got ${s.maxChars}`);
  if (!(s.nearDuplicateJaccard > 0 && s.nearDuplicateJaccard <= 1)) bad(`nearDuplicateJaccard must be in (0, 1], got ${s.nearDuplicateJaccard}`);
  if (!int(s.numHashes, 1)) bad(`numHashes must be a positive integer, got ${s.numHashes}`);
  if (!(int(s.bands, 1) && s.numHashes % s.bands === 0)) bad(`bands must be a positive divisor of numHashes (${s.numHashes}), got ${s.bands}`);
  if (!int(s.shortTextWords, 0)) bad(`shortTextWords must be an integer ≥ 0, got ${s.shortTextWords}`);
  if (!Number.isFinite(s.seed)) bad(`seed must be a finite number, got ${s.seed}`);
  if (!int(s.templateMinRepeats, 2)) bad(`templateMinRepeats must be an integer ≥ 2, got ${s.templateMinRepeats}`);
  if (!int(s.templateMaxChars, 1)) bad(`templateMaxChars must be a positive integer, got ${s.templateMaxChars}`);
  for (const [field, list] of [['retweetPatterns', s.retweetPatterns], ['boilerplatePatterns', s.boilerplatePatterns]] as const) {
    if (!Array.isArray(list)) bad(`${field} must be a list of regular expressions`);
    for (const p of list) {
      try {
        new RegExp(p, 'iu');
      } catch (e) {
        bad(`${field} has an invalid regular expression ${JSON.stringify(p)}: ${(e as Error).message}`);
      }
    }
  }
  return s;
}
