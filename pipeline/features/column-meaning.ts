/**
 * What a customer table's summary columns measure, read from the meaning words in their names
 * (`meaning-words.ts`) and from their values — never from one table's column scheme:
 *  - spend: a money word, a role of amount/price (set by the import or by `--map COLUMN=amount`), or,
 *    for a name with no other meaning, non-negative values mostly with cents (at most two decimals),
 *    right-skewed and with some exact zeros, as spend per category is;
 *    a period word makes it a run-rate ("monthly charges"), a total word with nothing else makes it the
 *    total ("total charges"), other words name a part ("spend on books");
 *  - purchase, visit and discounted-purchase counts: a purchase/visit word with a count word or whole numbers;
 *  - recency: a recency word, or "last"/"since" with a purchase or visit word, or "days since";
 *  - tenure: a tenure word; or a date named after enrolment ("signup date", "customer since") or only
 *    after the customer ("customer date");
 *  - complaint flag; and flag families: two or more yes/no columns whose names differ only in a number or
 *    their last word ("offer_1", "offer_2"), read as one rate.
 * Columns whose role is not a measurement (id, label, text, ignore…) are never read.
 */
import type { CellValue, ColumnRole, Frame } from '../types.ts';
import { meaningWords, periodWords, type MeaningWords, type PeriodName } from './meaning-words.ts';

export interface TableMeaningOptions {
  /** Extra words per meaning, added to the built-in ones (lower case, accents dropped). */
  readonly words?: Readonly<Partial<Record<keyof MeaningWords, readonly string[]>>>;
}

export interface SpendColumn {
  readonly column: string;
  /** 'total': the whole spend; 'part': one category of it; 'rate': spend per period; 'average': per purchase. */
  readonly kind: 'total' | 'part' | 'rate' | 'average';
  /** Category (part) or period (rate) in snake_case; '' otherwise. */
  readonly detail: string;
  readonly why: string;
}

export interface CountColumn {
  readonly column: string;
  /** Channel or place in snake_case ('web', 'tienda'); '' for an overall count. */
  readonly channel: string;
  readonly cumulative: boolean;
}

export interface TableMeaning {
  readonly spend: readonly SpendColumn[];
  readonly purchases: readonly CountColumn[];
  readonly discounts: readonly string[];
  readonly visits: readonly CountColumn[];
  readonly recency: { readonly column: string; readonly unit: PeriodName | null; readonly date: boolean } | null;
  readonly tenure: { readonly column: string; readonly unit: PeriodName | null; readonly date: boolean } | null;
  readonly complaint: string | null;
  readonly flagFamilies: readonly { readonly key: string; readonly columns: readonly string[]; readonly campaign: boolean }[];
}

const measured: ReadonlySet<ColumnRole> = new Set(['numeric', 'amount', 'price', 'quantity', 'boolean']);

/** "MonthlyCharges" → ['monthly', 'charges'], "Antigüedad_Meses" → ['antiguedad', 'meses']. */
export function nameTokens(name: string): string[] {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/([a-zA-Z])(\d)/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
}

type Lists = { readonly [K in keyof MeaningWords]: ReadonlySet<string> };

function listsOf(options: TableMeaningOptions): Lists {
  const extra = options.words ?? {};
  const out = {} as Record<keyof MeaningWords, ReadonlySet<string>>;
  for (const k of Object.keys(meaningWords) as (keyof MeaningWords)[]) out[k] = new Set([...meaningWords[k], ...(extra[k] ?? [])]);
  return out;
}

/** Whole token, or (for words of five letters or more) the start or end of a compound token. */
function matches(token: string, words: ReadonlySet<string>): boolean {
  if (words.has(token)) return true;
  for (const w of words) if (w.length >= 5 && token.length > w.length && (token.startsWith(w) || token.endsWith(w))) return true;
  return false;
}

const has = (tokens: readonly string[], words: ReadonlySet<string>) => tokens.some((t) => matches(t, words));

function periodOf(tokens: readonly string[]): PeriodName | null {
  for (const p of Object.keys(periodWords) as PeriodName[]) if (has(tokens, new Set(periodWords[p]))) return p;
  return null;
}

const allPeriodWords: ReadonlySet<string> = new Set(Object.values(periodWords).flat());

/** Sign, shares with at most two decimals and not whole, and among the fractional ones the share with exactly two. */
function centsProfile(values: readonly CellValue[]): { nonNegative: boolean; cents: number; fractional: number; twoDecimals: number; max: number; skew: number; zeros: number } {
  let n = 0;
  let zeros = 0;
  let sum = 0;
  let sumSq = 0;
  let sumCube = 0;
  let cents = 0;
  let fractional = 0;
  let twoDecimals = 0;
  let negative = 0;
  let max = -Infinity;
  for (const v of values) {
    if (typeof v !== 'number' || !Number.isFinite(v)) continue;
    n++;
    sum += v;
    sumSq += v * v;
    sumCube += v * v * v;
    if (v < 0) negative++;
    if (v === 0) zeros++;
    if (v > max) max = v;
    const c = v * 100;
    if (Math.abs(c - Math.round(c)) < 1e-6 * Math.max(1, Math.abs(c))) cents++;
    if (!Number.isInteger(v)) fractional++;
    const d = v * 10;
    if (Math.abs(d - Math.round(d)) >= 1e-6 * Math.max(1, Math.abs(d))) twoDecimals++;
  }
  if (!n) return { nonNegative: false, cents: 0, fractional: 0, twoDecimals: 0, max, skew: 0, zeros: 0 };
  const mean = sum / n;
  const variance = sumSq / n - mean * mean;
  const skew = variance > 0 ? (sumCube / n - 3 * mean * variance - mean ** 3) / variance ** 1.5 : 0;
  return { nonNegative: negative === 0, cents: cents / n, fractional: fractional / n, twoDecimals: fractional ? twoDecimals / fractional : 0, max, skew, zeros: zeros / n };
}

export const meaningDefaults = Object.freeze({
  /** Values read as money: at least this share has at most two decimals (imputed medians may have more)… */
  minCentsShare: 0.95,
  /** …and at least this share is not whole (whole numbers are more often counts). */
  minFractionalShare: 0.3,
  /** …and most fractional values have exactly two decimals (one decimal is a measurement: 172.5 cm). */
  minTwoDecimalShare: 0.5,
  /** …and the values pile up low with a long tail above, as spend does (a symmetric spread is a measurement). */
  minSkew: 0.5,
  /** …and some customers spent exactly nothing: measurements (a weight, an index) seldom sit on 0.00. */
  minZeroShare: 0.01,
});

export function readTableMeaning(frame: Frame, options: TableMeaningOptions = {}): TableMeaning {
  const w = listsOf(options);
  const roleOf = (c: string): ColumnRole => frame.roles[c] ?? 'ignore';
  const spend: SpendColumn[] = [];
  const purchases: CountColumn[] = [];
  const discounts: string[] = [];
  const visits: CountColumn[] = [];
  let recency: TableMeaning['recency'] = null;
  let tenure: TableMeaning['tenure'] = null;
  let complaint: string | null = null;
  const flags: string[] = [];
  // Tokens that say what kind of column it is; what remains names a category or a channel.
  const kindWords = [w.money, w.count, w.purchase, w.visit, w.cumulative, w.average, w.date, allPeriodWords];
  const rest = (tokens: readonly string[], more: readonly ReadonlySet<string>[] = []) =>
    tokens.filter((t) => ![...kindWords, ...more].some((ws) => matches(t, ws))).join('_');

  for (const c of frame.columns) {
    const role = roleOf(c);
    const t = nameTokens(c);
    if (role === 'datetime') {
      const hasEnrol = has(t, w.enrolment) || has(t, w.since) || has(t, w.tenure);
      const core = t.filter((x) => !w.date.has(x));
      const onlyCustomer = core.length > 0 && core.every((x) => w.customer.has(x));
      if (!tenure && (hasEnrol || onlyCustomer) && !has(t, w.last)) tenure = { column: c, unit: 'day', date: true };
      else if (!recency && has(t, w.last) && (has(t, w.purchase) || has(t, w.visit))) recency = { column: c, unit: 'day', date: true };
      continue;
    }
    if (!measured.has(role)) continue;
    const measureWord = [w.count, w.purchase, w.visit, w.money, w.recency, w.tenure].some((ws) => has(t, ws));
    if (role === 'boolean' || (role === 'numeric' && !measureWord && isZeroOne(frame.values[c] ?? []))) {
      if (!complaint && has(t, w.complaint)) complaint = c;
      else flags.push(c);
      continue;
    }
    // A constant measure says nothing about anyone (cleaning reports it); a flag nobody set still counts in its family.
    if (isConstant(frame.values[c] ?? [])) continue;
    const isCount = has(t, w.count);
    // "spending score" is a score: a never-money word outweighs a money word, but not the user's role.
    const isMoneyWord = (has(t, w.money) && !has(t, w.notMoney)) || role === 'amount' || role === 'price';
    const isPurchase = has(t, w.purchase);
    const isVisit = has(t, w.visit);
    const period = periodOf(t);
    if (!recency && (has(t, w.recency) || ((has(t, w.last) || has(t, w.since)) && (isPurchase || isVisit || period !== null)))) {
      if (!has(t, w.enrolment) && !has(t, w.tenure) && !has(t, w.customer)) {
        recency = { column: c, unit: period, date: false };
        continue;
      }
    }
    if (!tenure && (has(t, w.tenure) || (has(t, w.enrolment) && period !== null) || (has(t, w.customer) && period !== null && !isMoneyWord && !isCount))) {
      tenure = { column: c, unit: period, date: false };
      continue;
    }
    if (!complaint && has(t, w.complaint)) {
      complaint = c;
      continue;
    }
    // Mostly whole: a few imputed medians may end in .5.
    const wholeNumbers = centsProfile(frame.values[c] ?? []).fractional <= 0.05;
    if ((isPurchase || isVisit) && (isCount || (!isMoneyWord && wholeNumbers))) {
      if (has(t, w.discount) && isPurchase) discounts.push(c);
      else (isVisit && !isPurchase ? visits : purchases).push({ column: c, channel: rest(t, [w.discount]), cumulative: has(t, w.cumulative) });
      continue;
    }
    if (isCount) continue;
    let why = isMoneyWord ? (role === 'amount' || role === 'price' ? `role ${role}` : 'money word') : '';
    if (!why && !has(t, w.notMoney)) {
      const p = centsProfile(frame.values[c] ?? []);
      const looksLikeCents = p.cents >= meaningDefaults.minCentsShare && p.fractional >= meaningDefaults.minFractionalShare && p.twoDecimals >= meaningDefaults.minTwoDecimalShare;
      if (p.nonNegative && p.max > 1 && looksLikeCents && p.skew >= meaningDefaults.minSkew && p.zeros >= meaningDefaults.minZeroShare) why = 'values in cents';
    }
    if (!why) continue;
    const detail = rest(t, [w.discount]);
    if (has(t, w.average)) spend.push({ column: c, kind: 'average', detail: '', why });
    else if (period !== null) spend.push({ column: c, kind: 'rate', detail: period, why });
    else if (!detail) spend.push({ column: c, kind: 'total', detail: '', why });
    else spend.push({ column: c, kind: 'part', detail, why });
  }
  // Parts named "<shared words>_<category>" are named by their category alone.
  const common = commonLeadingTokens(spend.filter((s) => s.kind === 'part').map((s) => s.detail.split('_')));
  if (common > 0) for (let i = 0; i < spend.length; i++) if (spend[i]!.kind === 'part') spend[i] = { ...spend[i]!, detail: spend[i]!.detail.split('_').slice(common).join('_') };
  // A lone "spend" column with no total word is the total; several of them are parts of one.
  const loneParts = spend.filter((s) => s.kind === 'part');
  if (loneParts.length === 1 && !spend.some((s) => s.kind === 'total')) {
    const only = loneParts[0] as SpendColumn;
    spend[spend.indexOf(only)] = { ...only, kind: 'total' };
  }
  return { spend, purchases, discounts, visits, recency, tenure, complaint, flagFamilies: familiesOf(flags, w) };
}

const snake = (tokens: readonly string[]) => tokens.join('_');

/** The columns whose per-row sum is the number of purchases, and the ones whose sum is total spend. */
export function orderAndSpendColumns(m: TableMeaning): { readonly orders: readonly string[]; readonly spend: readonly string[] } {
  const overall = m.purchases.find((p) => !p.channel);
  const channels = m.purchases.filter((p) => p.channel).map((p) => p.column);
  const orders = overall ? [overall.column] : channels.length ? channels : m.discounts;
  const total = m.spend.find((s) => s.kind === 'total');
  return { orders, spend: total ? [total.column] : m.spend.filter((s) => s.kind === 'part').map((s) => s.column) };
}

/** A Frame over customer attributes with no declared roles: numbers are numeric, the rest ignored. */
export function attributeFrame(rows: readonly Readonly<Record<string, unknown>>[]): Frame {
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const values: Record<string, CellValue[]> = {};
  const roles: Record<string, ColumnRole> = {};
  for (const c of columns) {
    const col = rows.map((r) => r[c]);
    const numeric = col.every((v) => v === null || v === undefined || typeof v === 'number');
    roles[c] = numeric ? 'numeric' : 'ignore';
    values[c] = numeric ? col.map((v) => (typeof v === 'number' ? v : null)) : [];
  }
  return { columns, roles, values, rowCount: rows.length };
}

/** Leading tokens shared by every name (at least two names), leaving each at least one token of its own. */
function commonLeadingTokens(names: readonly string[][]): number {
  if (names.length < 2) return 0;
  const shortest = Math.min(...names.map((n) => n.length));
  let k = 0;
  while (k < shortest - 1 && names.every((n) => n[k] === names[0]![k])) k++;
  return k;
}

function isConstant(values: readonly CellValue[]): boolean {
  let first: CellValue | undefined;
  for (const v of values) {
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (first === undefined) first = v;
    else if (v !== first) return false;
  }
  return true;
}

function isZeroOne(values: readonly CellValue[]): boolean {
  let zero = false;
  let one = false;
  for (const v of values) {
    if (v === null || (typeof v === 'number' && Number.isNaN(v))) continue;
    if (v === 0) zero = true;
    else if (v === 1) one = true;
    else return false;
  }
  return zero && one;
}

/** Yes/no columns sharing a name but for a trailing number, or else but for their last word. */
function familiesOf(columns: readonly string[], w: Lists): TableMeaning['flagFamilies'] {
  const out: { key: string; columns: string[]; campaign: boolean }[] = [];
  const left = new Set(columns);
  const group = (keyOf: (tokens: string[]) => string | null) => {
    const by = new Map<string, string[]>();
    for (const c of left) {
      const key = keyOf(nameTokens(c));
      if (key) by.set(key, [...(by.get(key) ?? []), c]);
    }
    for (const [key, cols] of by) {
      if (cols.length < 2) continue;
      for (const c of cols) left.delete(c);
      out.push({ key, columns: cols, campaign: has(key.split('_'), w.campaign) });
    }
  };
  group((t) => (t.length > 1 && /^\d+$/.test(t[t.length - 1] as string) ? snake(t.filter((x) => !/^\d+$/.test(x))) : null));
  group((t) => (t.length > 1 ? snake(t.slice(0, -1)) : null));
  return out;
}
