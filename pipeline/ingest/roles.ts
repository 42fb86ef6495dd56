/**
 * Decides what each column means (its role) and how to parse it, from pass-1 statistics. Names are
 * read first, values second; user overrides always win. Every decision carries a short human reason,
 * and no column is ever dropped silently: whatever is left becomes numeric or categorical.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { ColumnProfile, ColumnRole, SourceKind } from '../types.ts';
import type { ColumnStats } from './column-stats.ts';
import { dateFormatLabel } from './dates.ts';
import { unnamedTransactionRoles } from './unnamed-roles.ts';
import type { ParserSpec } from './values.ts';

export { createParser, type ParserSpec } from './values.ts';

export interface ColumnPlan {
  name: string;
  role: ColumnRole;
  parser: ParserSpec;
  reason: string;
}

export interface RoleOverrides {
  readonly [column: string]: ColumnRole;
}

export const defaults = {
  /** Share of values that must parse for a numeric or boolean column; the rest are reported invalid. */
  minParsedShare: 0.98,
  /** Free text: long, wordy, and rarely repeated (product names repeat; customer messages do not). */
  textMinMeanLength: 20,
  textMinWordyShare: 0.5,
  textMinDistinctShare: 0.2,
  /** A categorical has at most max(50, 5% of rows) levels; more is a high-cardinality string. */
  categoricalMinLevels: 50,
  categoricalMaxShare: 0.05,
  /** All-integer columns with this share of zero-padded values ('0042') are codes. */
  zeroPaddedShare: 0.05,
  /** The id fallback looks at this many leading columns. */
  idFallbackColumns: 2,
  /** author_type columns naming the author ('customer' / 'agent') have few levels. */
  authorTypeMaxLevels: 10,
} as const;

/** Roles only one column may have; later matches fall through to value-based roles. */
const singular: ReadonlySet<ColumnRole> = new Set<ColumnRole>([
  'index', 'id', 'customer_id', 'order_id', 'author_type', 'reply_to', 'replies', 'thread_id', 'price', 'amount', 'quantity',
]);

/** 'CustomerID' → 'customer_id', 'Yearly Budget (k€)' → 'yearly_budget_k', '' → ''. */
export function snakeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean)
    .join('_');
}

const key = '_?(id|no|nr|num|number|key|code)';
const names = {
  index: /^(unnamed(_\d+)?|index|idx|level_\d+|)$/,
  customerKey: new RegExp(`^(id|(customer|cust|client|user|member|account|buyer)(_unique)?${key})$`),
  orderKey: new RegExp(`^(invoice|order|transaction|receipt|basket)${key}$`),
  lineKey: /^(id|line_?(id|no|number)|row_?id|record_?id)$/,
  textKey: /^(id|(tweet|message|msg|text|review|comment|post|feedback)_?id)$/,
  author: /^(author(_id|_name)?|user(name|_name)?|from|from_user|sender(_id)?|reviewer(_id)?|screen_name)$/,
  authorTrueCustomer: /^(inbound|is_customer|from_customer)$/,
  authorTrueCompany: /^(is_agent|outbound)$/,
  authorValues: /^(sender_type|author_role|author_type)$/,
  replyTo: /^(in_response_to|reply_to|parent_id|in_reply_to)/,
  replies: /^(response_tweet_ids?|responses|reply_ids|replies|response_ids)$/,
  thread: /^(thread|conversation|ticket_id)/,
  label: /^(label|class|segment|persona|cluster|target_label)$/,
  time: /(^|_)(date|time|timestamp|datetime|created|updated|modified|at|dt|ts|when)(_|$)/,
  price: /(^|_)price(_|$)/,
  amount: /(^|_)(amount|total|revenue|sales|spend|payment|value)(_|$)/,
  notAmount: /(^|_)(id|no|count|number|num|qty|quantity|sequential|installments|type|method|date)(_|$)/,
  quantity: /(^|_)(quantity|qty|units|items?_count|num_items|n_items)(_|$)/,
};

const fmt = (n: number) => n.toLocaleString('en-US');

/** A rule that claims a column by name; `when` adds the value conditions the role needs. */
interface NameRule {
  role: ColumnRole;
  name: RegExp;
  when?: (s: ColumnStats) => boolean;
  parser?: (s: ColumnStats) => ParserSpec;
  reason: string | ((s: ColumnStats) => string);
}

const unique = (s: ColumnStats) => s.allUnique && s.missing === 0;
const numeric = (s: ColumnStats) => s.present > 0 && s.numericShare >= defaults.minParsedShare;
const booleanLike = (s: ColumnStats) => s.present > 0 && (s.booleanLike / s.present >= defaults.minParsedShare || s.zeroOneOnly);
const numberParser = (s: ColumnStats): ParserSpec => (s.numeric > 0 && s.integer === s.numeric ? 'integer' : 'number');
const booleanParser = (s: ColumnStats): ParserSpec => (s.zeroOneOnly ? 'boolean01' : 'boolean');

function nameRules(kind: SourceKind): NameRule[] {
  const money: NameRule[] = [
    { role: 'price', name: names.price, when: numeric, parser: numberParser, reason: 'name matches price' },
    { role: 'amount', name: names.amount, when: (s) => numeric(s) && !names.notAmount.test(snakeName(s.name)), parser: numberParser, reason: 'name matches amount' },
    { role: 'quantity', name: names.quantity, when: numeric, parser: numberParser, reason: 'name matches quantity' },
  ];
  const orderId: NameRule = { role: 'order_id', name: names.orderKey, reason: 'name matches order id' };
  switch (kind) {
    case 'customers':
      // Spend columns of a customer table are plain numeric attributes: money roles describe one purchase.
      return [{ role: 'id', name: names.customerKey, when: unique, reason: 'name matches customer id, unique' }];
    case 'transactions':
      return [
        { role: 'customer_id', name: names.customerKey, when: (s) => snakeName(s.name) !== 'id', reason: 'name matches customer id' },
        orderId,
        { role: 'id', name: names.lineKey, when: unique, reason: 'name matches line id, unique' },
        ...money,
      ];
    case 'texts':
      return [
        { role: 'id', name: names.textKey, when: unique, reason: 'name matches text id, unique' },
        { role: 'customer_id', name: names.customerKey, when: (s) => snakeName(s.name) !== 'id', reason: 'name matches customer id' },
        { role: 'customer_id', name: names.author, reason: 'name matches author' },
        orderId,
        { role: 'author_type', name: names.authorTrueCustomer, when: booleanLike, parser: booleanParser, reason: (s) => `${s.name}: true = customer` },
        { role: 'author_type', name: names.authorTrueCompany, when: booleanLike, parser: booleanParser, reason: (s) => `${s.name}: true = company` },
        {
          role: 'author_type', name: names.authorValues, when: (s) => s.distinct <= defaults.authorTypeMaxLevels,
          parser: (s) => (booleanLike(s) ? booleanParser(s) : 'string'), reason: 'name matches author type',
        },
        { role: 'reply_to', name: names.replyTo, reason: 'name matches reply-to id' },
        { role: 'replies', name: names.replies, reason: 'name matches reply ids' },
        { role: 'thread_id', name: names.thread, reason: 'name matches thread id' },
      ];
    default: {
      const never: never = kind;
      throw new Error(`unknown source kind ${String(never)}`);
    }
  }
}

export function inferColumns(kind: SourceKind, stats: readonly ColumnStats[], overrides: RoleOverrides = {}): ColumnPlan[] {
  const columnNames = stats.map((s) => s.name);
  for (const name of Object.keys(overrides)) {
    if (!columnNames.includes(name)) {
      throw new PersonaError('bad_config', `role given for a column that does not exist; columns are: ${columnNames.join(', ')}`, { column: name });
    }
  }
  const plans: (ColumnPlan | undefined)[] = stats.map((s) => {
    const role = overrides[s.name];
    return role ? { name: s.name, role, parser: parserForRole(s, role), reason: 'config' } : undefined;
  });
  const taken = new Set(plans.flatMap((p) => (p && singular.has(p.role) ? [p.role] : [])));
  const claim = (i: number, role: ColumnRole, parser: ParserSpec, reason: string): void => {
    if (plans[i] || (singular.has(role) && taken.has(role))) return;
    plans[i] = { name: (stats[i] as ColumnStats).name, role, parser, reason };
    if (singular.has(role)) taken.add(role);
  };
  const rows = (s: ColumnStats) => s.present + s.missing;

  const first = stats[0];
  const seq = first?.indexSequence;
  if (first && seq && names.index.test(snakeName(first.name))) claim(0, 'index', 'string', `row counter ${seq.start}..${fmt(seq.end)} in order`);

  for (const rule of nameRules(kind)) {
    stats.forEach((s, i) => {
      if (plans[i] || !rule.name.test(snakeName(s.name)) || (rule.when && !rule.when(s))) return;
      const reason = typeof rule.reason === 'string' ? rule.reason : rule.reason(s);
      claim(i, rule.role, rule.parser?.(s) ?? 'string', reason);
    });
  }
  if (kind === 'transactions') {
    for (const { index, role, parser, reason } of unnamedTransactionRoles(stats)) claim(index, role, parser, reason);
  }
  const label = stats.findIndex((s, i) => !plans[i] && names.label.test(snakeName(s.name)));
  if (label >= 0) claim(label, 'label', 'string', 'name matches label');

  if (kind === 'customers' && !taken.has('id')) {
    const leading = stats.map((s, i) => ({ s, i })).filter(({ i }) => plans[i]?.role !== 'index').slice(0, defaults.idFallbackColumns);
    for (const { s, i } of leading) {
      const idLike = s.integer === s.present || s.codeLike === s.present;
      if (!plans[i] && unique(s) && idLike && s.dates.matchedShare() < 0.5) {
        claim(i, 'id', 'string', `unique ${s.integer === s.present ? 'integers' : 'codes'}, ${i === 0 ? 'first' : 'second'} column`);
        break;
      }
    }
  }

  return stats.map((s, i) => plans[i] ?? valuePlan(kind, s, rows(s)));
}

/** Roles from values alone, for columns no name rule claimed. */
function valuePlan(kind: SourceKind, s: ColumnStats, rows: number): ColumnPlan {
  const plan = (role: ColumnRole, parser: ParserSpec, reason: string): ColumnPlan => ({ name: s.name, role, parser, reason });
  if (s.present === 0) return plan('categorical', 'string', 'all values missing');

  const date = s.dates.decide({ allowEpoch: names.time.test(snakeName(s.name)) });
  if (date) {
    const order = date.ambiguous ? '; day/month order ambiguous, assumed day-first' : '';
    return plan('datetime', `date:${date.format}`, `values are dates (${dateFormatLabel(date.format)}), ${fmt(date.matched)}/${fmt(date.total)}${order}`);
  }
  if (s.booleanLike / s.present >= defaults.minParsedShare) return plan('boolean', 'boolean', 'true/false values');
  if (s.zeroOneOnly && s.distinct === 2) return plan('boolean', 'boolean01', '0/1 only');

  const distinctShare = s.distinct / s.present;
  if (
    kind !== 'transactions' &&
    s.numericShare < 0.5 &&
    s.meanLength >= defaults.textMinMeanLength &&
    s.wordyShare >= defaults.textMinWordyShare &&
    (distinctShare >= defaults.textMinDistinctShare || s.distinctIsLowerBound)
  ) {
    return plan('text', 'string', `free text: mean ${Math.round(s.meanLength)} chars, ${Math.round(s.wordyShare * 100)}% with 3+ words`);
  }
  if (numeric(s)) {
    const allIntegers = s.integer === s.numeric;
    if (allIntegers && s.leadingZero / s.present >= defaults.zeroPaddedShare) return plan('categorical', 'string', 'zero-padded codes');
    // Mostly numbers, but the rest are codes like 'C536379': identifiers, not a measure with typos.
    const others = s.present - s.numeric;
    if (others > 0 && s.letterCodes >= others / 2) return plan('categorical', 'string', `codes: ${fmt(s.numeric)} numeric, ${fmt(others)} such as "${s.firstNonNumber ?? ''}"`);
    const constant = s.min === s.max ? ', constant' : '';
    return plan('numeric', numberParser(s), `${allIntegers ? 'whole numbers' : 'numbers'}${constant}`);
  }
  const levels = Math.max(defaults.categoricalMinLevels, defaults.categoricalMaxShare * rows);
  const distinct = `${fmt(s.distinct)}${s.distinctIsLowerBound ? '+' : ''} distinct values`;
  if (s.distinct <= levels) return plan('categorical', 'string', distinct);
  const codes = s.codeLike / s.present >= 0.5 ? 'high-cardinality codes' : 'high-cardinality strings';
  return plan('categorical', 'string', `${codes}, ${distinct}`);
}

/** The parser a role needs when the user chose the role. */
function parserForRole(s: ColumnStats, role: ColumnRole): ParserSpec {
  switch (role) {
    case 'numeric':
    case 'amount':
    case 'price':
    case 'quantity':
      return numberParser(s);
    case 'boolean':
      return booleanParser(s);
    case 'author_type':
      return booleanLike(s) ? booleanParser(s) : 'string';
    case 'datetime': {
      // The user says these are dates: take the best-fitting format even below the usual share.
      const date = s.dates.decide({ allowEpoch: true, minShare: 0 });
      return date ? `date:${date.format}` : 'string';
    }
    case 'id':
    case 'customer_id':
    case 'order_id':
    case 'categorical':
    case 'text':
    case 'label':
    case 'reply_to':
    case 'replies':
    case 'thread_id':
    case 'index':
    case 'ignore':
      return 'string';
    default: {
      const never: never = role;
      throw new Error(`unknown role ${String(never)}`);
    }
  }
}

export function toColumnProfile(stats: ColumnStats, plan: ColumnPlan, invalid: number): ColumnProfile {
  const thousands = (plan.parser === 'number' || plan.parser === 'integer') && stats.thousands > 0 ? ':thousands' : '';
  return {
    name: stats.name,
    role: plan.role,
    reason: plan.reason,
    present: stats.present,
    missing: stats.missing,
    invalid,
    distinct: stats.distinct,
    parser: `${plan.parser}${thousands}`,
    examples: [...stats.examples],
  };
}
