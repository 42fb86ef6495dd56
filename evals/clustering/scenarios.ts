/**
 * Seeded scenario generator for the clustering suite, separate from the demo sample and with graded
 * difficulty: column names and words are invented from syllables (so no lexicon of the product can know
 * them), segments overlap by a chosen separation, sizes can be imbalanced, some customers are pure
 * noise, texts can be non-English, and one scenario has no structure at all. The truth stays here: it
 * is never written into the files the product reads.
 */
import { createRng, type Rng } from '../../lib/rng.ts';

export type Difficulty = 'easy' | 'medium' | 'hard' | 'none';

export interface ScenarioSpec {
  readonly name: string;
  readonly difficulty: Difficulty;
  readonly customers: number;
  /** Segment shares (sum 1); one share = no structure. */
  readonly shares: readonly number[];
  /** Numeric columns; 0 = text only. */
  readonly columns: number;
  /** Distance between segment means in standard deviations. */
  readonly separation: number;
  /** Texts per customer; 0 = tabular only. */
  readonly textsPerCustomer: number;
  readonly language: 'invented' | 'spanish';
  /** Share of customers drawn from no segment (uniform over the range, random words). */
  readonly noise: number;
  /** Categorical columns (2–4 invented levels each), written as text so the product one-hot encodes them. */
  readonly categorical?: number;
  /**
   * Share of each segment's customers who are exact copies of one of a few sub-profiles of that segment
   * (same levels everywhere, numbers on a few fixed plan values): small dense pockets inside segments,
   * the shape subscription and service tables have.
   */
  readonly pockets?: number;
}

export const scenarios: readonly ScenarioSpec[] = [
  { name: 'tabular-separated', difficulty: 'easy', customers: 240, shares: [0.4, 0.35, 0.25], columns: 5, separation: 6, textsPerCustomer: 0, language: 'invented', noise: 0 },
  { name: 'text-invented-words', difficulty: 'easy', customers: 120, shares: [0.4, 0.3, 0.3], columns: 0, separation: 0, textsPerCustomer: 2, language: 'invented', noise: 0 },
  { name: 'tabular-imbalanced', difficulty: 'medium', customers: 300, shares: [0.5, 0.3, 0.12, 0.08], columns: 5, separation: 5, textsPerCustomer: 0, language: 'invented', noise: 0 },
  { name: 'tabular-noise-customers', difficulty: 'medium', customers: 260, shares: [0.4, 0.3, 0.3], columns: 5, separation: 6, textsPerCustomer: 0, language: 'invented', noise: 0.1 },
  { name: 'mixed-overlapping', difficulty: 'medium', customers: 150, shares: [0.4, 0.3, 0.3], columns: 3, separation: 2, textsPerCustomer: 2, language: 'invented', noise: 0 },
  { name: 'text-spanish', difficulty: 'medium', customers: 120, shares: [0.4, 0.3, 0.3], columns: 0, separation: 0, textsPerCustomer: 2, language: 'spanish', noise: 0 },
  { name: 'tabular-overlapping', difficulty: 'hard', customers: 300, shares: [0.4, 0.35, 0.25], columns: 5, separation: 2, textsPerCustomer: 0, language: 'invented', noise: 0 },
  { name: 'tabular-tiny-segment', difficulty: 'hard', customers: 500, shares: [0.5, 0.3, 0.19, 0.01], columns: 5, separation: 6, textsPerCustomer: 0, language: 'invented', noise: 0 },
  // Many one-hot columns with small dense pockets: density finds every pocket, a team needs the segments
  // (gated on a usable number of segments; the planted segments are hard to recover after reduction).
  { name: 'categorical-pockets', difficulty: 'hard', customers: 600, shares: [0.35, 0.3, 0.2, 0.15], columns: 2, separation: 1.5, textsPerCustomer: 0, language: 'invented', noise: 0, categorical: 12, pockets: 0.5 },
  { name: 'no-structure', difficulty: 'none', customers: 240, shares: [1], columns: 5, separation: 0, textsPerCustomer: 0, language: 'invented', noise: 0 },
];

export interface GeneratedScenario {
  readonly spec: ScenarioSpec;
  /** CSV files the product imports: customers (when columns > 0) and texts (when texts > 0). */
  readonly customersCsv: string | null;
  readonly textsCsv: string | null;
  /** Customer id → planted segment (−1 = noise customer). */
  readonly truth: ReadonlyMap<string, number>;
}

const syllables = ['ka', 'zo', 'mir', 'tev', 'lu', 'qua', 'dre', 'pon', 'sil', 'vek', 'ro', 'ny', 'bra', 'ful', 'gex', 'hon', 'ix', 'jom', 'wer', 'ulp'];

function inventedWord(rng: Rng, parts = 3): string {
  let w = '';
  for (let i = 0; i < parts; i++) w += syllables[rng.int(syllables.length)];
  return w;
}

/** Everyday Spanish customer-service vocabulary per topic; generic words shared by all. */
const spanish = {
  topics: [
    ['envío', 'paquete', 'retraso', 'repartidor', 'entrega', 'seguimiento', 'mensajería', 'llegó'],
    ['factura', 'cobro', 'tarjeta', 'reembolso', 'cargo', 'pago', 'importe', 'banco'],
    ['talla', 'devolución', 'cambio', 'camiseta', 'zapatos', 'pequeña', 'grande', 'probé'],
  ],
  common: ['hola', 'gracias', 'pedido', 'tienda', 'ayuda', 'por', 'favor', 'hoy', 'todavía', 'cliente'],
};

const subProfiles = 3;

/**
 * Each segment prefers one level per categorical column (taken with probability 0.7, otherwise any
 * level); a `pockets` share of its customers copy one of three fixed sub-profiles of the segment exactly.
 */
function categoricalColumns(spec: ScenarioSpec, labels: readonly number[], rng: Rng): { names: string[]; values: string[][]; pocketOf: Int32Array } {
  const count = spec.categorical ?? 0;
  const names = Array.from({ length: count }, () => `${inventedWord(rng, 2)}_${inventedWord(rng, 1)}`);
  const levels = names.map(() => Array.from({ length: 2 + rng.int(3) }, () => inventedWord(rng, 2)));
  const k = spec.shares.length;
  const draw = (preferred: readonly number[]) => levels.map((ls, j) => (rng.next() < 0.7 ? (ls[preferred[j] as number] as string) : (ls[rng.int(ls.length)] as string)));
  const preferred = Array.from({ length: k }, () => levels.map((ls) => rng.int(ls.length)));
  const profiles = preferred.map((p) => Array.from({ length: subProfiles }, () => draw(p)));
  const pocketOf = new Int32Array(labels.length).fill(-1);
  const values = labels.map((l, i) => {
    if (!count) return [];
    if (l < 0) return levels.map((ls) => ls[rng.int(ls.length)] as string);
    if (rng.next() < (spec.pockets ?? 0)) {
      pocketOf[i] = rng.int(subProfiles);
      return [...((profiles[l] as string[][])[pocketOf[i] as number] as string[])];
    }
    return draw(preferred[l] as number[]);
  });
  return { names, values, pocketOf };
}

export function generateScenario(spec: ScenarioSpec, seed: number): GeneratedScenario {
  const rng = createRng(seed).fork(spec.name);
  const k = spec.shares.length;
  const noiseCount = Math.round(spec.customers * spec.noise);
  const sizes = spec.shares.map((s) => Math.round(s * (spec.customers - noiseCount)));
  const labels: number[] = [];
  sizes.forEach((n, segment) => labels.push(...new Array<number>(Math.max(1, n)).fill(segment)));
  for (let i = 0; i < noiseCount; i++) labels.push(-1);
  // Shuffle so row order carries no information.
  for (let i = labels.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [labels[i], labels[j]] = [labels[j] as number, labels[i] as number];
  }
  const ids = labels.map((_, i) => `c${String(i + 1).padStart(4, '0')}`);
  const truth = new Map(ids.map((id, i) => [id, labels[i] as number]));

  let customersCsv: string | null = null;
  if (spec.columns > 0) {
    const names = Array.from({ length: spec.columns }, () => `${inventedWord(rng, 2)}_${inventedWord(rng, 2)}`);
    const categorical = categoricalColumns(spec, labels, rng);
    // Segment l sits on its own axis (a simplex corner), so every pair of means is exactly `separation`
    // standard deviations apart; a random sign per segment keeps the layout from being one-sided.
    const means = Array.from({ length: k }, (_, l) => {
      const sign = rng.next() < 0.5 ? -1 : 1;
      return Array.from({ length: spec.columns }, (_, j) => (j === l % spec.columns ? (sign * spec.separation) / Math.SQRT2 : 0));
    });
    const rows = ids.map((id, i) => {
      const l = labels[i] as number;
      const pocket = categorical.pocketOf[i] as number;
      const values = names.map((_, j) => {
        // A pocket customer sits on one of its segment's few plan values: identical rows, as in a price list.
        const spread = pocket >= 0 ? (pocket - 1) * 0.3 : rng.normal();
        const base = l < 0 ? (rng.next() - 0.5) * 4 * Math.max(spec.separation, 1) : ((means[l] as number[])[j] as number) + spread;
        return (50 + 10 * base).toFixed(2);
      });
      return [id, ...values, ...(categorical.values[i] as string[])].join(',');
    });
    customersCsv = [['customer_ref', ...names, ...categorical.names].join(','), ...rows].join('\n') + '\n';
  }

  let textsCsv: string | null = null;
  if (spec.textsPerCustomer > 0) {
    const vocab =
      spec.language === 'spanish'
        ? { topics: spanish.topics, common: spanish.common }
        : { topics: Array.from({ length: k }, () => Array.from({ length: 8 }, () => inventedWord(rng))), common: Array.from({ length: 10 }, () => inventedWord(rng, 2)) };
    const lines = ['message_id,customer_ref,sent_at,message'];
    let n = 0;
    ids.forEach((id, i) => {
      const l = labels[i] as number;
      for (let t = 0; t < spec.textsPerCustomer; t++) {
        const words: string[] = [];
        for (let w = 0; w < 9; w++) {
          const topical = l >= 0 && rng.next() < 0.6;
          const pool = topical ? (vocab.topics[l % vocab.topics.length] as string[]) : l < 0 ? (vocab.topics.flat() as string[]) : vocab.common;
          words.push(pool[rng.int(pool.length)] as string);
        }
        const day = 1 + rng.int(28);
        const hour = rng.int(24);
        lines.push(`m${++n},${id},2025-03-${String(day).padStart(2, '0')}T${String(hour).padStart(2, '0')}:00:00Z,"${words.join(' ')}."`);
      }
    });
    textsCsv = lines.join('\n') + '\n';
  }
  return { spec, customersCsv, textsCsv, truth };
}
