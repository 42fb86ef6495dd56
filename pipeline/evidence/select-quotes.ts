/**
 * Text evidence per segment: real texts of the customers nearest the segment centre, diversified with
 * MMR (word-set Jaccard), PII masked, with pseudonymised customer ids. Quotes on persona cards must be
 * verbatim substrings of these masked texts.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { Matrix } from '../../lib/matrix.ts';
import { tokenize } from '../describe/tokenize.ts';
import type { EvidenceItem } from '../types.ts';
import { maskPii, type PiiKind } from './mask-pii.ts';
import { mmrSelect } from './mmr.ts';
import { pseudonymise } from './pseudonymise.ts';

export interface QuoteOptions {
  readonly perSegment?: number;
  /** Customers nearest the centre whose texts are candidates. */
  readonly nearestCustomers?: number;
  readonly textsPerCustomer?: number;
  readonly minChars?: number;
  readonly maxChars?: number;
  readonly lambda?: number;
}

export const quoteDefaults = { perSegment: 5, nearestCustomers: 40, textsPerCustomer: 2, minChars: 25, maxChars: 320, lambda: 0.7 } as const;

export interface QuoteInput {
  readonly space: Matrix;
  readonly labels: Int32Array;
  readonly clusterCount: number;
  readonly customerIds: readonly string[];
  readonly texts: readonly { readonly textId: string; readonly customerId: string; readonly body: string; readonly at: number | null }[];
  readonly salt: string;
  readonly keepHandles?: readonly string[];
}

export function selectQuotes(input: QuoteInput, options: QuoteOptions = {}): { segments: EvidenceItem[][]; masked: Record<PiiKind, number> } {
  const o = { ...quoteDefaults, ...options };
  const { space, labels, customerIds } = input;
  if (space.rows !== customerIds.length || labels.length !== customerIds.length) {
    throw new PersonaError('shape_mismatch', `evidence: space ${space.rows}×${space.cols}, ${labels.length} labels, ${customerIds.length} customers`);
  }
  const masked: Record<PiiKind, number> = { email: 0, phone: 0, card: 0, number: 0, iban: 0, handle: 0, url: 0 };
  const textsByCustomer = new Map<string, QuoteInput['texts'][number][]>();
  for (const t of input.texts) {
    const list = textsByCustomer.get(t.customerId) ?? [];
    list.push(t);
    textsByCustomer.set(t.customerId, list);
  }
  const distances = distanceToCentroid(space, labels, input.clusterCount);
  const segments: EvidenceItem[][] = [];
  for (let s = 0; s < input.clusterCount; s++) {
    const members = [...labels.keys()].filter((i) => labels[i] === s).sort((a, b) => (distances[a] as number) - (distances[b] as number) || a - b);
    const median = (distances[members[Math.floor(members.length / 2)] ?? 0] as number) || 1;
    const candidates: { item: EvidenceItem; words: Set<string> }[] = [];
    for (const i of members.slice(0, o.nearestCustomers)) {
      const id = customerIds[i] as string;
      const own = (textsByCustomer.get(id) ?? [])
        .map((t) => ({ t, m: maskPii(t.body.trim(), { keepHandles: input.keepHandles ?? [] }) }))
        .filter(({ m }) => usable(m.text, o.minChars, o.maxChars))
        .sort((a, b) => Math.abs(a.m.text.length - 140) - Math.abs(b.m.text.length - 140) || a.t.textId.localeCompare(b.t.textId))
        .slice(0, o.textsPerCustomer);
      for (const { t, m } of own) {
        for (const [k, v] of Object.entries(m.counts)) masked[k as PiiKind] += v;
        candidates.push({
          item: {
            kind: 'text',
            textId: t.textId,
            text: m.text,
            customerId: pseudonymise(id, input.salt),
            at: t.at === null ? null : new Date(t.at).toISOString(),
            relevance: Math.round((1 / (1 + (distances[i] as number) / median)) * 1000) / 1000,
          },
          words: new Set(tokenize(m.text)),
        });
      }
    }
    const picked = mmrSelect(candidates.map((c) => c.item.relevance), (a, b) => jaccard(candidates[a]!.words, candidates[b]!.words), o.perSegment, o.lambda);
    segments.push(picked.map((i) => candidates[i]!.item));
  }
  return { segments, masked };
}

/** Long enough to say something, short enough to quote, and not mostly placeholders. */
function usable(text: string, min: number, max: number): boolean {
  if (text.length < min || text.length > max) return false;
  const placeholders = (text.match(/\[(?:email|phone|card|number|iban|redacted)\]|@user/g) ?? []).join('').length;
  return placeholders / text.length < 0.3 && tokenize(text).length >= 3;
}

function jaccard(a: Set<string>, b: Set<string>): number {
  if (!a.size && !b.size) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / (a.size + b.size - shared);
}

export function distanceToCentroid(space: Matrix, labels: Int32Array, k: number): Float64Array {
  const d = space.cols;
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < space.rows; i++) {
    const l = labels[i] as number;
    if (l < 0 || l >= k) continue;
    counts[l]!++;
    for (let j = 0; j < d; j++) sums[l * d + j]! += space.data[i * d + j] as number;
  }
  const out = new Float64Array(space.rows).fill(Infinity);
  for (let i = 0; i < space.rows; i++) {
    const l = labels[i] as number;
    if (l < 0 || l >= k) continue;
    let s = 0;
    for (let j = 0; j < d; j++) {
      const diff = (space.data[i * d + j] as number) - (sums[l * d + j] as number) / (counts[l] as number);
      s += diff * diff;
    }
    out[i] = Math.sqrt(s);
  }
  return out;
}
