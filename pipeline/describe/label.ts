/**
 * A short working label per segment, built from the data:
 *  - texts: a general CX theme when the segment's own terms express one ("Delivery concerns: late,
 *    tracking"), else its most distinctive c-TF-IDF terms, key phrases first ("Talk of gift card, code");
 *  - tables: its strongest material differences, level-aware ("Membership tier: Basic · High yearly
 *    budget").
 * Every direction word in a label comes from a claim that names its feature, so a checker can verify it.
 * Labels within a run are unique.
 */
import type { TermScore } from './ctfidf.ts';
import { assignThemes, type CxTheme } from './cx-taxonomy.ts';
import { plainFeature } from './feature-words.ts';
import { directionOf, levelOf, materialContrasts, type MaterialityOptions } from './materiality.ts';
import { readableColumn } from './reasons.ts';
import { distinguishSiblings } from './sibling-labels.ts';
import type { Claim } from './claim.ts';
import type { FeatureContrast } from './top-features.ts';

export type { Claim } from './claim.ts';

export interface SegmentLabel {
  readonly label: string;
  readonly claims: readonly Claim[];
  readonly theme: string | null;
}

/** "Membership tier: Basic", "Membership tier: seldom Basic", "High yearly budget", "Returned an item: more often". */
export function featurePhrase(c: FeatureContrast): string {
  const higher = directionOf(c) === 'higher';
  const level = levelOf(c);
  if (level) {
    const column = readableColumn(level.column);
    if (level.level === 'true') return `${column}: ${higher ? 'more often' : 'less often'}`;
    if (level.level === 'false') return `${column}: ${higher ? 'less often' : 'more often'}`;
    return higher ? `${column}: ${level.level}` : `${column}: seldom ${level.level}`;
  }
  return `${higher ? 'High' : 'Low'} ${plainFeature(c.description)}`;
}

function sourceOf(c: FeatureContrast): string {
  return levelOf(c)?.column ?? c.feature;
}

/** Up to `max` claims from distinct columns; a segment's dominant levels before what it lacks. */
export function tabularClaims(contrasts: readonly FeatureContrast[], max: number, options: MaterialityOptions = {}): Claim[] {
  const material = materialContrasts(contrasts, 12, options);
  const preferred = [...material].sort((a, b) => rank(a) - rank(b));
  const out: Claim[] = [];
  const columns = new Set<string>();
  for (const c of preferred) {
    if (out.length >= max) break;
    if (columns.has(sourceOf(c))) continue;
    columns.add(sourceOf(c));
    out.push({ feature: c.feature, direction: directionOf(c), phrase: featurePhrase(c) });
  }
  return out;
  // A level the segment lacks ("seldom X") is weaker news than one it has; ties keep |z| order.
  function rank(c: FeatureContrast): number {
    return levelOf(c) && directionOf(c) === 'lower' ? 1 : 0;
  }
}

/** "gift card, code & refund": key phrases (two words) first, then single terms. */
export function termPhrase(terms: readonly TermScore[], max = 3): string {
  const top = terms.slice(0, 8);
  const phrases = top.filter((t) => t.term.includes(' '));
  const chosen: string[] = [];
  for (const t of [...phrases.slice(0, 1), ...top]) {
    if (chosen.length >= max) break;
    if (chosen.some((c) => c === t.term || c.split(' ').includes(t.term) || t.term.split(' ').includes(c))) continue;
    chosen.push(t.term);
  }
  return chosen.length <= 1 ? (chosen[0] ?? '') : `${chosen.slice(0, -1).join(', ')} & ${chosen.at(-1)}`;
}

export interface LabelInput {
  readonly terms: readonly (readonly TermScore[])[];
  readonly contrasts: readonly (readonly FeatureContrast[])[];
  readonly themes: readonly CxTheme[];
  readonly materiality?: MaterialityOptions;
}

export function labelSegments(input: LabelInput): SegmentLabel[] {
  const themed = assignThemes(input.terms, input.themes);
  const drafts = input.contrasts.map((contrasts, s) => {
    const terms = input.terms[s] ?? [];
    const t = themed[s];
    if (t) return { label: `${t.theme.label}: ${t.hits.slice(0, 2).join(', ')}`, claims: [] as Claim[], theme: t.theme.id };
    if (terms.length >= 2) return { label: `Talk of ${termPhrase(terms)}`, claims: [], theme: null };
    const claims = tabularClaims(contrasts, 2, input.materiality);
    const head = claims.slice(0, 2);
    const words = terms.length === 1 ? [`Talk of ${terms[0]!.term}`] : [];
    const label = [...words, ...head.map((c) => c.phrase)].join(' · ') || 'No strong differences';
    return { label: capitalise(label), claims: head, theme: null };
  });
  // Segments sharing a label are told apart by what sets each apart from the others in its group.
  const groups = new Map<string, number[]>();
  drafts.forEach((d, i) => groups.set(d.label, [...(groups.get(d.label) ?? []), i]));
  const finals = drafts.map((d) => ({ label: d.label, claims: d.claims as readonly Claim[], theme: d.theme }));
  for (const group of groups.values()) {
    if (group.length < 2) continue;
    const distinctions = distinguishSiblings(group, drafts, input.contrasts, featurePhrase, input.materiality);
    group.forEach((s, k) => {
      const d = distinctions[k];
      const f = finals[s]!;
      if (d) finals[s] = { ...f, label: `${f.label} · ${d.phrase}`, claims: d.claim ? [...f.claims, d.claim] : f.claims };
    });
  }
  // A number only when nothing material distinguishes segments whose labels still coincide.
  const seen = new Map<string, number>();
  return finals.map((f) => {
    const n = (seen.get(f.label) ?? 0) + 1;
    seen.set(f.label, n);
    return { ...f, label: n === 1 ? f.label : `${f.label} (${n})` };
  });
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
