/**
 * The typed predicate behind counting, profiling, filtering, exporting and re-segmenting: conditions on
 * any column or derived figure, a keyword or a meaning in the customer's texts, or segment membership,
 * combined with AND or OR; evaluated over a run's table and restated in plain words.
 */
import { z } from 'zod';
import { formatNumber } from '../resolve.ts';
import type { Catalogue, CatalogueField } from './catalogue.ts';
import type { Cell, RunRow } from './run-data.ts';

export const conditionSchema = z
  .object({
    field: z.string().min(1).max(100).optional().describe('Column or figure to compare, as listed by describe_data (e.g. "Income", "Country", "orders", "spend")'),
    op: z.enum(['eq', 'ne', 'gt', 'gte', 'lt', 'lte', 'in']).optional().describe('Comparison; default eq'),
    value: z
      .union([z.string().max(200), z.number(), z.boolean(), z.array(z.union([z.string().max(200), z.number()])).max(50)])
      .optional()
      .describe('Value to compare with: a number, a level such as "United Kingdom", a flag, or a list for "in"'),
    text: z.string().min(2).max(100).optional().describe("A keyword the customer's texts must contain (case-insensitive)"),
    textLike: z.string().min(3).max(200).optional().describe("A meaning the customer's texts must be close to, e.g. \"worried about late parcels\""),
    segmentId: z.number().int().min(0).optional().describe('Membership of this segment of the run'),
  })
  .strict();

export type Condition = z.infer<typeof conditionSchema>;

export const whereFields = {
  where: z.array(conditionSchema).max(20).optional().describe('Conditions on columns, texts or segment membership (see describe_data)'),
  match: z.enum(['all', 'any']).optional().describe('Combine the conditions with AND (all, default) or OR (any)'),
};

export interface CompiledPredicate {
  test(row: RunRow): boolean;
  /** The predicate in plain words, e.g. "kids at home above 0 and income above 50,000". */
  readonly words: string;
}

export class PredicateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PredicateError';
  }
}

export function findField(catalogue: Catalogue, name: string): CatalogueField | undefined {
  const key = name.toLowerCase().replace(/[\s_-]+/g, '');
  return catalogue.fields.find((f) => f.name.toLowerCase().replace(/[\s_-]+/g, '') === key);
}

/**
 * Compiles conditions against the catalogue. `similar` holds the customers whose texts are close to
 * each textLike phrase (resolved beforehand with the sentence encoder).
 */
export function compilePredicate(catalogue: Catalogue, where: readonly Condition[], match: 'all' | 'any' = 'all', similar: ReadonlyMap<string, ReadonlySet<string>> = new Map()): CompiledPredicate {
  const parts = where.map((c) => compileCondition(catalogue, c, similar));
  const words = parts.map((p) => p.words).join(match === 'all' ? ' and ' : ' or ');
  if (!parts.length) return { test: () => true, words: 'all customers' };
  return {
    words,
    test: match === 'all' ? (row) => parts.every((p) => p.test(row)) : (row) => parts.some((p) => p.test(row)),
  };
}

function compileCondition(catalogue: Catalogue, c: Condition, similar: ReadonlyMap<string, ReadonlySet<string>>): CompiledPredicate {
  if (c.text !== undefined) {
    if (!catalogue.hasTexts) throw new PredicateError(`there are no customer texts in this data, so I can't filter on mentions of “${c.text}”`);
    const keyword = c.text.toLowerCase();
    return { test: (row) => row.text.includes(keyword), words: `customers whose messages mention “${c.text}”` };
  }
  if (c.textLike !== undefined) {
    if (!catalogue.hasTexts) throw new PredicateError(`there are no customer texts in this data, so I can't look for “${c.textLike}”`);
    const ids = similar.get(c.textLike) ?? new Set<string>();
    return { test: (row) => ids.has(row.id), words: `customers whose messages are about “${c.textLike}”` };
  }
  if (c.segmentId !== undefined) {
    const s = catalogue.segments.find((x) => x.id === c.segmentId);
    if (!s) throw new PredicateError(`there is no such segment; the segments are ${catalogue.segments.map((x) => x.name).join(', ')}`);
    return { test: (row) => row.segment === c.segmentId, words: `members of ${s.name}` };
  }
  if (c.field === undefined) throw new PredicateError('a condition needs a field, a text keyword, a meaning or a segment');
  const field = findField(catalogue, c.field);
  if (!field) throw new PredicateError(`there is no column called “${c.field}”; the columns are ${catalogue.fields.map((f) => f.name).join(', ')}`);
  const op = c.op ?? (Array.isArray(c.value) ? 'in' : 'eq');
  const wanted = (Array.isArray(c.value) ? c.value : [c.value ?? (field.kind === 'flag' ? (field.yes ?? true) : null)]) as Cell[];
  if (wanted.some((v) => v === null)) throw new PredicateError(`the condition on ${field.label} needs a value`);
  const read = (row: RunRow): Cell[] => {
    if (field.source === 'transaction') return [...(row.lines[field.name] ?? [])];
    const v = row.values[field.name];
    return v === null || v === undefined ? [] : [v];
  };
  const same = (v: Cell, w: Cell) => {
    if (String(v).toLowerCase() === String(w).toLowerCase()) return true;
    const a = flagValue(field, v);
    return a !== null && a === flagValue(field, w);
  };
  const numeric = (f: (x: number, y: number) => boolean) => (row: RunRow) => read(row).some((v) => Number.isFinite(Number(v)) && f(Number(v), Number(wanted[0])));
  let test: (row: RunRow) => boolean;
  switch (op) {
    case 'eq':
    case 'in':
      test = (row) => read(row).some((v) => wanted.some((w) => same(v, w)));
      break;
    case 'ne':
      test = (row) => !read(row).some((v) => wanted.some((w) => same(v, w)));
      break;
    case 'gt':
      test = numeric((x, y) => x > y);
      break;
    case 'gte':
      test = numeric((x, y) => x >= y);
      break;
    case 'lt':
      test = numeric((x, y) => x < y);
      break;
    case 'lte':
      test = numeric((x, y) => x <= y);
      break;
    default: {
      const never: never = op;
      throw new PredicateError(`unknown comparison ${String(never)}`);
    }
  }
  return { test, words: conditionWords(field, op, wanted) };
}

/** A flag's cell or condition value as a boolean: booleans as they are, the field's yes/no words, else unknown. */
export function flagValue(field: CatalogueField, v: Cell): boolean | null {
  if (field.kind !== 'flag') return null;
  if (typeof v === 'boolean') return v;
  const s = String(v).toLowerCase();
  if (s === String(field.yes).toLowerCase()) return true;
  if (s === String(field.no).toLowerCase()) return false;
  return null;
}

const opWords: Record<string, string> = { gt: 'above', gte: 'at least', lt: 'below', lte: 'at most', ne: 'not' };

export function conditionWords(field: CatalogueField, op: string, values: readonly Cell[]): string {
  const shown = values.map((v) => (typeof v === 'number' ? formatNumber(v) : String(v)));
  if (field.kind === 'flag' && (op === 'eq' || op === 'ne')) {
    const wantsYes = (op === 'eq') === values.some((v) => flagValue(field, v) === true);
    // The data's own word for the answer ("Yes", "Y"), unless the column only says true/false or 1/0.
    const word = wantsYes ? field.yes : field.no;
    return `${field.label}: ${typeof word === 'string' && !/^(true|false|[01])$/i.test(word) ? word : wantsYes ? 'yes' : 'no'}`;
  }
  if (op === 'eq' || op === 'in') return `${field.label} ${shown.length > 1 ? 'one of ' : ''}${shown.join(', ')}`;
  return `${field.label} ${opWords[op]} ${shown.join(', ')}`;
}
