/**
 * The catalogue of what the agent can talk about in one run: every column and derived figure with a
 * plain name, kind, unit, levels or range, and every segment with its names, terms and key numbers.
 * Built from the data's own column names and values; nothing in it is written for a particular dataset.
 */
import type { SegmentView } from '../../pipeline/segment/segment-view.ts';
import type { Cell, RunData } from './run-data.ts';

export type FieldKind = 'number' | 'category' | 'flag' | 'date';

export interface CatalogueField {
  /** The name conditions use: the column as in the data, or a derived figure (orders, spend). */
  readonly name: string;
  /** Plain words: "MntWines" → "amount spent on wines". */
  readonly label: string;
  readonly kind: FieldKind;
  readonly unit: 'money' | 'count' | null;
  readonly source: 'customer' | 'transaction' | 'derived';
  /** Categorical levels, most frequent first (flags: both values). */
  readonly levels?: readonly { readonly value: Cell; readonly count: number }[];
  /** The value that means "yes" for a flag. */
  readonly yes?: Cell;
  readonly no?: Cell;
  readonly range?: { readonly min: number; readonly max: number; readonly mean: number };
}

export interface CatalogueSegment {
  readonly id: number;
  /** What answers call it: the persona name when there is one, else the label. */
  readonly name: string;
  readonly label: string;
  readonly persona: string | null;
  readonly terms: readonly string[];
  readonly size: number;
  readonly sharePct: number;
  readonly meanClv: number | null;
  readonly churnRisk: string | null;
}

export interface Catalogue {
  readonly runId: number;
  readonly customers: number;
  readonly hasTexts: boolean;
  readonly fields: readonly CatalogueField[];
  readonly segments: readonly CatalogueSegment[];
  /** Run features (behaviour computed per customer) with their descriptions: rankable by segment mean. */
  readonly features: readonly { readonly name: string; readonly label: string }[];
}

const abbreviations: Readonly<Record<string, string>> = {
  mnt: 'amount spent on',
  amt: 'amount',
  num: 'number of',
  no: 'number of',
  cmp: 'campaign',
  prods: 'products',
  dt: 'date',
  avg: 'average',
  pct: 'percent',
  qty: 'quantity',
  yr: 'year',
  cust: 'customer',
};

/** Splits a column name into lower-case words: camelCase, snake_case, digits. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([A-Za-z])(\d)/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
}

export function humanName(name: string): string {
  return nameWords(name)
    .map((w) => abbreviations[w] ?? w)
    .join(' ')
    .replace(/_/g, ' ');
}

const moneyWords = /\b(income|spend|spent|amount|price|charges?|revenue|salary|value|fee|cost|sales)\b/;
const flagPairs: readonly [string, string][] = [
  ['yes', 'no'],
  ['true', 'false'],
  ['1', '0'],
  ['y', 'n'],
];

export function buildCatalogue(data: RunData, segments: readonly SegmentView[], features: readonly { name: string; description: string }[]): Catalogue {
  const fields: CatalogueField[] = [];
  for (const column of data.columns) {
    const values: Cell[] = [];
    for (const row of data.rows) {
      if (column.source === 'transaction') for (const v of row.lines[column.name] ?? []) values.push(v);
      else {
        const v = row.values[column.name];
        if (v !== null && v !== undefined && v !== '') values.push(v);
      }
    }
    if (!values.length) continue;
    const label = column.source === 'derived' ? derivedLabel(column.name) : humanName(column.name);
    const counts = new Map<string, { value: Cell; count: number }>();
    for (const v of values) {
      const key = String(v).toLowerCase();
      const c = counts.get(key);
      if (c) c.count++;
      else counts.set(key, { value: v, count: 1 });
    }
    const levels = [...counts.values()].sort((a, b) => b.count - a.count || String(a.value).localeCompare(String(b.value)));
    const unit = moneyWords.test(label) || column.name === 'spend' || column.name === 'avg_order_value' ? 'money' : column.name === 'orders' ? 'count' : null;
    const pair = levels.length === 2 ? flagPairs.find(([y, n]) => counts.has(y) && counts.has(n)) : undefined;
    if (pair) {
      // A yes/no column speaks in its own words ("Churn = Yes"), though its cells are booleans.
      const sp = column.spellings;
      const spell = (v: Cell): Cell => (sp && typeof v === 'boolean' ? (v ? sp.yes : sp.no) : v);
      const yes = spell(counts.get(pair[0])!.value);
      const no = spell(counts.get(pair[1])!.value);
      fields.push({ name: column.name, label, kind: 'flag', unit: null, source: column.source, levels: levels.map((l) => ({ value: spell(l.value), count: l.count })), yes, no });
      continue;
    }
    const numbers = values.filter((v): v is number => typeof v === 'number');
    if (column.role === 'datetime') {
      fields.push({ name: column.name, label, kind: 'date', unit: null, source: column.source });
    } else if (numbers.length >= values.length * 0.9 && column.role !== 'categorical') {
      let min = Infinity;
      let max = -Infinity;
      let sum = 0;
      for (const x of numbers) {
        if (x < min) min = x;
        if (x > max) max = x;
        sum += x;
      }
      fields.push({ name: column.name, label, kind: 'number', unit, source: column.source, range: { min, max, mean: sum / numbers.length } });
    } else if (levels.length <= 200) {
      fields.push({ name: column.name, label, kind: 'category', unit: null, source: column.source, levels: levels.slice(0, 60) });
    }
  }
  const n = data.rows.length;
  return {
    runId: data.run.id,
    customers: n,
    hasTexts: data.hasTexts,
    fields,
    segments: segments.map((s) => {
      const persona = (s.persona as { name?: string } | null)?.name ?? null;
      return {
        id: s.id,
        name: persona ?? s.label,
        label: s.label,
        persona,
        terms: s.topTerms.slice(0, 8).map((t) => t.term),
        size: s.size,
        sharePct: Math.round(s.share * 1000) / 10,
        meanClv: s.value?.meanClv ?? null,
        churnRisk: s.value?.churnRisk ?? null,
      };
    }),
    features: features.map((f) => ({ name: f.name, label: f.description })),
  };
}

function derivedLabel(name: string): string {
  switch (name) {
    case 'orders':
      return 'number of orders';
    case 'spend':
      return 'total spend';
    case 'avg_order_value':
      return 'average order value';
    default:
      return humanName(name);
  }
}
