/**
 * Text evidence per segment: real texts of the customers nearest the segment centre, PII masked, with
 * pseudonymised customer ids, diversified with MMR so five quotes are not five versions of one
 * complaint. Quotes on persona cards must be verbatim substrings of these masked texts, so a text is
 * never clipped: texts that are too short, too long or mostly placeholders are skipped instead.
 *
 * Relevance of a text is its author's closeness to the segment centroid (geometry.ts): 1 at the centre,
 * 0.5 at the segment's median distance. Ranking also prefers texts of a quotable length (30–280
 * characters) by weighting the others down; the stored relevance is the closeness alone. Similarity for
 * MMR is Jaccard over the texts' content words and word pairs (describe/tokenize.ts), raised to 0.5 for
 * two texts by the same customer so that the quotes speak for several people.
 */
import { PersonaError } from '../../lib/errors.ts';
import { terms, tokenize } from '../describe/tokenize.ts';
import type { EvidenceItem } from '../types.ts';
import { checkSegmentInput, closeness, round4, segmentGeometry, type SegmentedCustomers } from './geometry.ts';
import { mmrSelect } from './mmr.ts';
import { addCounts, emptyCounts, maskPii, nonWordsPattern, placeholderShare, type PiiKind } from './pii.ts';
import { pseudonymise } from './pseudonym.ts';

export interface EvidenceText {
  readonly textId: string;
  readonly customerId: string;
  readonly body: string;
  /** Epoch milliseconds, or null when the source had no time. */
  readonly at: number | null;
}

export interface TextEvidenceInput extends SegmentedCustomers {
  readonly texts: readonly EvidenceText[];
  /** Organisation handles that stay unmasked (the data's company accounts). */
  readonly keepHandles?: readonly string[];
}

export interface TextEvidenceOptions {
  /** Texts per segment (k). */
  readonly perSegment?: number;
  /** Candidate pool: texts of this many customers nearest the centre (who have a usable text). */
  readonly nearestCustomers?: number;
  readonly textsPerCustomer?: number;
  /** Masked texts outside [minChars, maxChars] are skipped. */
  readonly minChars?: number;
  readonly maxChars?: number;
  /** Texts inside [preferredMinChars, preferredMaxChars] rank as they are; others are weighted down. */
  readonly preferredMinChars?: number;
  readonly preferredMaxChars?: number;
  readonly outOfPreferredWeight?: number;
  /** Skip texts more than this share placeholders, handles and links. */
  readonly maxPlaceholderShare?: number;
  /** Skip texts with fewer content words than this. */
  readonly minWords?: number;
  /** MMR trade-off between relevance and diversity. */
  readonly lambda?: number;
  /** Similarity of two texts by the same customer, at least: quotes should speak for several people. */
  readonly sameCustomerSimilarity?: number;
}

export const defaults: Required<TextEvidenceOptions> = {
  perSegment: 5,
  nearestCustomers: 40,
  textsPerCustomer: 2,
  minChars: 20,
  maxChars: 400,
  preferredMinChars: 30,
  preferredMaxChars: 280,
  outOfPreferredWeight: 0.85,
  maxPlaceholderShare: 0.5,
  minWords: 3,
  lambda: 0.7,
  sameCustomerSimilarity: 0.5,
};

/** Always try for this many texts per segment (when perSegment allows), however far out they are. */
const minimumPerSegment = 3;

export interface TextEvidenceResult {
  readonly segments: EvidenceItem[][];
  /** PII masked in the texts chosen as evidence, by kind. */
  readonly masked: Record<PiiKind, number>;
  /** Texts masked and examined. */
  readonly examined: number;
  /** Texts whose customer is not among the rows (filtered out earlier in the run). */
  readonly withoutCustomer: number;
}

interface Candidate {
  readonly item: EvidenceItem;
  readonly rank: number;
  readonly shingles: ReadonlySet<string>;
  readonly counts: Record<PiiKind, number>;
}

export function selectTextEvidence(input: TextEvidenceInput, options: TextEvidenceOptions = {}): EvidenceItem[][] {
  return gatherTextEvidence(input, options).segments;
}

export function gatherTextEvidence(input: TextEvidenceInput, options: TextEvidenceOptions = {}): TextEvidenceResult {
  const o = resolveTextOptions(options);
  checkSegmentInput('text evidence', input.space, input.labels, input.customerIds, input.clusterCount);
  if (!input.salt) throw new PersonaError('bad_option', 'text evidence: a non-empty salt is needed for pseudonyms');
  const rowOf = new Map(input.customerIds.map((id, i) => [id, i]));
  const byCustomer = new Map<string, EvidenceText[]>();
  let withoutCustomer = 0;
  for (const t of input.texts) {
    if (!rowOf.has(t.customerId)) {
      withoutCustomer++;
      continue;
    }
    const list = byCustomer.get(t.customerId);
    if (list) list.push(t);
    else byCustomer.set(t.customerId, [t]);
  }
  const geometry = segmentGeometry(input.space, input.labels, input.clusterCount);
  const keepHandles = input.keepHandles ?? [];
  const masked = emptyCounts();
  let examined = 0;
  const segments = geometry.members.map((members, s) => {
    const pool: Candidate[] = [];
    const seen = new Set<string>();
    let customers = 0;
    for (const row of members) {
      if (customers >= o.nearestCustomers && pool.length >= Math.min(minimumPerSegment, o.perSegment)) break;
      const id = input.customerIds[row] as string;
      const own = byCustomer.get(id) ?? [];
      const usable: { t: EvidenceText; text: string; counts: Record<PiiKind, number>; words: number; order: number }[] = [];
      own.forEach((t, order) => {
        // Far too long to ever become a quote: not worth masking (a pasted log, a whole email thread).
        if (t.body.length > o.maxChars * 4) return;
        examined++;
        const m = maskPii(t.body.trim(), { keepHandles });
        const words = tokenize(m.text.replace(nonWordsPattern, ' ')).length;
        if (m.text.length < o.minChars || m.text.length > o.maxChars || words < o.minWords) return;
        if (placeholderShare(m.text) > o.maxPlaceholderShare || seen.has(dedupeKey(m.text))) return;
        usable.push({ t, text: m.text, counts: m.counts, words, order });
      });
      const chosen = usable
        .sort((a, b) => Number(inBand(b.text, o)) - Number(inBand(a.text, o)) || b.words - a.words || a.order - b.order)
        .filter((u, i, list) => list.findIndex((v) => dedupeKey(v.text) === dedupeKey(u.text)) === i)
        .slice(0, o.textsPerCustomer);
      if (chosen.length === 0) continue;
      customers++;
      const relevance = closeness(geometry.distance[row] as number, geometry.scale[s] as number);
      for (const c of chosen) {
        seen.add(dedupeKey(c.text));
        pool.push({
          item: { kind: 'text', textId: c.t.textId, text: c.text, customerId: pseudonymise(id, input.salt), at: isoTime(c.t.at), relevance: round4(relevance) },
          rank: relevance * (inBand(c.text, o) ? 1 : o.outOfPreferredWeight),
          shingles: new Set(terms(c.text.replace(nonWordsPattern, ' '), 2)),
          counts: c.counts,
        });
      }
    }
    const picked = mmrSelect(
      pool.map((c) => c.rank),
      (a, b) => similarity(pool[a] as Candidate, pool[b] as Candidate, o.sameCustomerSimilarity),
      o.perSegment,
      { lambda: o.lambda },
    );
    return picked.map((i) => {
      addCounts(masked, (pool[i] as Candidate).counts);
      return (pool[i] as Candidate).item;
    });
  });
  return { segments, masked, examined, withoutCustomer };
}

export function resolveTextOptions(options: TextEvidenceOptions): Required<TextEvidenceOptions> {
  const o: Required<TextEvidenceOptions> = { ...defaults, ...definedOnly(options) };
  for (const key of ['perSegment', 'nearestCustomers', 'textsPerCustomer', 'minWords'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 1) throw new PersonaError('bad_option', `text evidence: ${key} must be a positive integer, got ${o[key]}`);
  }
  if (!(o.minChars >= 0 && o.minChars <= o.maxChars)) throw new PersonaError('bad_option', `text evidence: need 0 ≤ minChars ≤ maxChars, got ${o.minChars} and ${o.maxChars}`);
  if (!(o.preferredMinChars <= o.preferredMaxChars)) throw new PersonaError('bad_option', `text evidence: preferredMinChars ${o.preferredMinChars} exceeds preferredMaxChars ${o.preferredMaxChars}`);
  for (const key of ['outOfPreferredWeight', 'maxPlaceholderShare', 'lambda', 'sameCustomerSimilarity'] as const) {
    if (!(o[key] >= 0 && o[key] <= 1)) throw new PersonaError('bad_option', `text evidence: ${key} must be in [0, 1], got ${o[key]}`);
  }
  return o;
}

export function definedOnly<T extends object>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function inBand(text: string, o: Required<TextEvidenceOptions>): boolean {
  return text.length >= o.preferredMinChars && text.length <= o.preferredMaxChars;
}

/** Case, spacing and @handles aside, the same words are the same text (templates, copy-paste). */
function dedupeKey(text: string): string {
  return text.toLowerCase().replace(/@[a-z0-9_.]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** Jaccard over word and word-pair sets; texts by one customer count as at least `sameCustomer` alike. */
function similarity(a: Candidate, b: Candidate, sameCustomer: number): number {
  const words = jaccard(a.shingles, b.shingles);
  return a.item.customerId === b.item.customerId ? Math.max(words, sameCustomer) : words;
}

export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

function isoTime(at: number | null): string | null {
  if (at === null || !Number.isFinite(at) || Math.abs(at) > 8.64e15) return null;
  return new Date(at).toISOString();
}
