/**
 * Demographic features from a cleaned customer table: age, household size, income, other measured
 * columns, booleans as 0/1 and one-hot categoricals. Money-like columns (income, salary, spend, and
 * amount/price roles) go to the `value` block, since they describe what a customer is worth; the rest
 * to `demographic`. Identifiers, labels, free text and datetimes never become features, nor do columns
 * the table RFM extractor already used or that cleanFrame found constant (passed in `skip`).
 */
import { distinctIntegers, isAgeColumn, isBirthYearColumn, isCodeLike, snakeName } from '../clean/column-kinds.ts';
import type { CellValue, ColumnRole, Frame } from '../types.ts';
import { numberOf } from './customer-table.ts';
import { featureName, levelSlug } from './names.ts';
import { FeatureCollector, type BlockName, type Extraction } from './types.ts';

export interface DemographicSettings {
  /** Year ages are measured in; null = unknown, so a birth year stays a birth year. */
  readonly referenceYear: number | null;
  readonly maxLevels: number;
  /** Levels below this share were folded by cleanFrame; a column with no level above it is id-like. */
  readonly rareShare: number;
  readonly otherLabel: string;
}

/**
 * The choices the extractor made from the values, so rows it never saw are encoded alike: which numeric
 * columns hold category codes, and each one-hot column's levels in column order (null: skipped, every
 * level rare). JSON-serialisable: it is stored with a run.
 */
export interface DemographicFit {
  readonly codeColumns: readonly string[];
  readonly levels: Readonly<Record<string, readonly string[] | null>>;
}

export interface DemographicExtraction extends Extraction {
  readonly fit: DemographicFit;
}

type Use = 'number' | 'boolean' | 'categorical' | 'skip';

/** Counts of people in the household by age group: a count word, an age word, an optional place or count word ("children_at_home", "num_minors"). */
const countPrefix = '((num|number|n|count)_(of_)?)?';
const countSuffix = '(_?(home|at_home|in_household|household|count|number|num))?';
const kidsNames = new RegExp(`^${countPrefix}(kids?|child|children|minors?|toddlers?)${countSuffix}$`);
const teensNames = new RegExp(`^${countPrefix}(teens?|teenagers?|adolescents?)${countSuffix}$`);
const maritalNames = /^(marital_status|marital|relationship_status)$/;
const incomeNames = /(^|_)(income|salary|earnings)(_|$)/;
const moneyNames = /(^|_)(income|salary|earnings|spend|spending|spent|revenue|wealth|balance)(_|$)/;
const partnered = new Set(['married', 'together', 'partner', 'partnered', 'cohabiting', 'couple', 'in a relationship', 'domestic partnership', 'civil partnership', 'de facto']);

/** `given`: an earlier extraction's fit, applied instead of choosing from these rows' values. */
export function extractDemographics(
  frame: Frame,
  rowOf: Int32Array,
  rows: number,
  skip: ReadonlySet<string>,
  s: DemographicSettings,
  given?: DemographicFit,
): DemographicExtraction {
  const out = new FeatureCollector(rows);
  const codeColumns: string[] = [];
  const levels: Record<string, readonly string[] | null> = {};
  const encode = (c: string, values: readonly CellValue[]) => {
    levels[c] = oneHot(c, values, out, s, scatter, given ? (given.levels[c] ?? null) : undefined);
  };
  const usable = frame.columns.filter((c) => !skip.has(c) && useOf(frame.roles[c] ?? 'ignore') !== 'skip');
  const of = (c: string) => frame.values[c] ?? [];
  const scatter = (target: Float64Array, value: (r: number) => number) => {
    for (let r = 0; r < frame.rowCount; r++) target[rowOf[r] as number] = value(r);
  };
  const consumed = new Set<string>();
  const numeric = (c: string) => useOf(frame.roles[c] ?? 'ignore') === 'number';

  const birth = usable.find((c) => numeric(c) && isBirthYearColumn(c));
  const ageCol = usable.find((c) => numeric(c) && isAgeColumn(c));
  if (birth !== undefined && s.referenceYear !== null) {
    const year = s.referenceYear;
    scatter(out.column('demographic', 'age', `age in ${year}, from ${birth}`, { unit: 'years' }), (r) => year - numberOf(of(birth)[r]));
    consumed.add(birth);
    if (ageCol !== undefined) {
      out.notes.push(`customer table: ${ageCol} not used, age comes from ${birth}`);
      consumed.add(ageCol);
    }
  } else if (ageCol !== undefined) {
    scatter(out.column('demographic', 'age', `age (${ageCol})`, { unit: 'years' }), (r) => numberOf(of(ageCol)[r]));
    consumed.add(ageCol);
  } else if (birth !== undefined) {
    out.notes.push(`customer table: no reference year, so ${birth} is kept as a birth year instead of an age`);
  }

  const kids = usable.find((c) => numeric(c) && kidsNames.test(snakeName(c)));
  const teens = usable.find((c) => numeric(c) && teensNames.test(snakeName(c)));
  const marital = usable.find((c) => useOf(frame.roles[c] ?? 'ignore') === 'categorical' && maritalNames.test(snakeName(c)));
  if (kids !== undefined || teens !== undefined || marital !== undefined) {
    const parts = ['1 adult', marital && `+1 when ${marital} is married or together`, kids && `+ ${kids}`, teens && `+ ${teens}`];
    const size = out.column('demographic', 'household_size', `people in the household: ${parts.filter(Boolean).join(' ')}`, { unit: 'people' });
    // Kid and teen counts stay features of their own: parents of toddlers and of teenagers differ.
    scatter(size, (r) => {
      const adults = marital !== undefined && partnered.has(String(of(marital)[r] ?? '').trim().toLowerCase()) ? 2 : 1;
      return adults + (kids !== undefined ? numberOf(of(kids)[r]) : 0) + (teens !== undefined ? numberOf(of(teens)[r]) : 0);
    });
  }

  const income = usable.find((c) => numeric(c) && !consumed.has(c) && incomeNames.test(featureName(c).name));
  if (income !== undefined) {
    const unit = featureName(income).unit ?? 'money';
    scatter(out.column('value', 'income', `income (${income})`, { unit }), (r) => numberOf(of(income)[r]));
    consumed.add(income);
  }

  for (const c of usable) {
    if (consumed.has(c)) continue;
    const role = frame.roles[c] ?? 'ignore';
    const { name, unit } = featureName(c);
    const use = useOf(role);
    switch (use) {
      case 'number': {
        if (given ? given.codeColumns.includes(c) : isCodeLike(c, of(c))) {
          codeColumns.push(c);
          // Few distinct integers under a code-like name (or starting at 1): a category coded as numbers.
          if (!given) out.notes.push(`customer table: ${c} holds ${distinctIntegers(of(c))?.size} integer codes, treated as categories`);
          out.count('code_columns_as_categories', 1);
          encode(c, of(c).map((v) => (typeof v === 'number' ? String(v) : v)));
          break;
        }
        const block: BlockName = role === 'amount' || role === 'price' || moneyNames.test(name) ? 'value' : 'demographic';
        scatter(out.column(block, name, `${c} from the customer table`, unit ? { unit } : {}), (r) => numberOf(of(c)[r]));
        break;
      }
      case 'boolean':
        scatter(out.column('demographic', name, `1 when ${c} is true`, { unit: 'flag' }), (r) => flagOf(of(c)[r]));
        break;
      case 'categorical':
        encode(c, of(c));
        break;
      case 'skip':
        break;
      default: {
        const never: never = use;
        throw new Error(`unhandled use ${String(never)}`);
      }
    }
  }
  return { ...out.result(), fit: { codeColumns, levels } };
}

/**
 * One 0/1 column per level; beyond maxLevels the smallest levels join 'Other'. Returns the levels in
 * column order, or null when the column was skipped. `given` levels (from a fit) are used as they
 * are: a value that is not one of them is 'Other'.
 */
function oneHot(
  column: string,
  values: readonly CellValue[],
  out: FeatureCollector,
  s: DemographicSettings,
  scatter: (target: Float64Array, value: (r: number) => number) => void,
  given?: readonly string[] | null,
): readonly string[] | null {
  if (given !== undefined) {
    if (given === null) return null;
    const known = new Set(given);
    emitLevels(column, given, (v) => (v === null ? null : known.has(String(v)) ? String(v) : s.otherLabel), values, out, s, scatter);
    return given;
  }
  const counts = new Map<string, number>();
  let present = 0;
  for (const v of values) {
    if (v === null) continue;
    counts.set(String(v), (counts.get(String(v)) ?? 0) + 1);
    present++;
  }
  const byCount = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  if (present === 0 || byCount(counts).every(([, n]) => n / present < s.rareShare)) {
    out.notes.push(`customer table: ${column} skipped, every level is rare (an identifier or free text?)`);
    return null;
  }
  const folded = new Map<string, string>();
  const sorted = byCount(counts);
  if (sorted.length > s.maxLevels) {
    const keep = new Set(sorted.filter(([l]) => l !== s.otherLabel).slice(0, s.maxLevels - 1).map(([l]) => l));
    for (const [l] of sorted) if (!keep.has(l)) folded.set(l, s.otherLabel);
    out.count('levels_folded_max_levels', folded.size);
  }
  const levelOf = (v: CellValue) => (v === null ? null : (folded.get(String(v)) ?? String(v)));
  const final = new Map<string, number>();
  for (const v of values) {
    const l = levelOf(v);
    if (l !== null) final.set(l, (final.get(l) ?? 0) + 1);
  }
  // Most frequent first, the folded 'Other' last: it describes no one level.
  const order = byCount(final)
    .sort((a, b) => Number(a[0] === s.otherLabel) - Number(b[0] === s.otherLabel))
    .map(([level]) => level);
  emitLevels(column, order, levelOf, values, out, s, scatter);
  return order;
}

function emitLevels(
  column: string,
  order: readonly string[],
  levelOf: (v: CellValue) => string | null,
  values: readonly CellValue[],
  out: FeatureCollector,
  s: DemographicSettings,
  scatter: (target: Float64Array, value: (r: number) => number) => void,
): void {
  const base = featureName(column).name;
  order.forEach((level, i) => {
    const name = `${base}_${levelSlug(level) || `level_${i + 1}`}`;
    const what = level === s.otherLabel ? `a rare level folded into "${s.otherLabel}"` : `"${level}"`;
    scatter(out.column('demographic', name, `1 when ${column} is ${what}`, { unit: 'flag' }), (r) => {
      const l = levelOf(values[r] ?? null);
      return l === null ? Number.NaN : l === level ? 1 : 0;
    });
  });
}

function flagOf(v: CellValue | undefined): number {
  if (typeof v === 'string') {
    const t = v.trim().toLowerCase();
    return ['true', 'yes', 'y', '1'].includes(t) ? 1 : ['false', 'no', 'n', '0'].includes(t) ? 0 : Number.NaN;
  }
  return numberOf(v);
}

/** What a column of each role can become; everything that is not a measurement or a class is skipped. */
function useOf(role: ColumnRole): Use {
  switch (role) {
    case 'numeric':
    case 'amount':
    case 'price':
    case 'quantity':
      return 'number';
    case 'boolean':
      return 'boolean';
    case 'categorical':
      return 'categorical';
    case 'id':
    case 'customer_id':
    case 'order_id':
    case 'datetime':
    case 'text':
    case 'label': // a known class scores segmentations; as a feature it would leak the answer
    case 'author_type':
    case 'reply_to':
    case 'replies':
    case 'thread_id':
    case 'index':
    case 'ignore':
      return 'skip';
    default: {
      const never: never = role;
      throw new Error(`unknown column role ${String(never)}`);
    }
  }
}
