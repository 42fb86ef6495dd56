/**
 * Loads what a segmentation needs from the database: which datasets, which customers (after the subset
 * filter), and their customer rows, transactions and kept texts, joined on customer id.
 */
import type { Db } from '../../db/client.ts';
import { customersOf, datasetsByIds, keptCustomerTextsPage, transactionsOf } from '../../db/queries/customer-data.ts';
import { listDatasets } from '../../db/queries/datasets.ts';
import { runAssignments } from '../../db/queries/runs.ts';
import type { Dataset } from '../../db/schema.ts';
import { PersonaError } from '../../lib/errors.ts';
import type { CustomerInput, TextInput, TransactionInput } from '../../pipeline/features/inputs.ts';
import type { CustomerPurchaseAggregate } from '../../pipeline/features/transaction-aggregates.ts';
import type { ColumnPlan } from '../../pipeline/ingest/roles.ts';
import type { CustomerPurchaseHistory } from '../../pipeline/value/purchase-history.ts';
import type { CustomerActivity } from '../../pipeline/describe/activity.ts';
import type { CellValue, ColumnRole } from '../../pipeline/types.ts';
import type { SubsetFilter } from '../../pipeline/segment/options.ts';
import { applySubset } from '../../pipeline/segment/subset.ts';
import { keepCustomers, loadLineSummaries } from './line-summaries.ts';

/** A rating or score column of a text row (review_score, rating, stars, nota, …) as a number. */
const ratingNames = /(^|_)(rating|ratings|score|stars|star_rating|nota|puntuacion|puntuación|note|bewertung|sterne|review_score)(_|$)/i;

export function ratingOf(attributes: Readonly<Record<string, CellValue>> | null): number | null {
  if (!attributes) return null;
  for (const [k, v] of Object.entries(attributes)) {
    if (!ratingNames.test(k.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase())) continue;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : Number.NaN;
    if (Number.isFinite(n)) return n;
  }
  return null;
}

export interface LoadedText extends TextInput {
  readonly textId: number;
  readonly externalId: string;
}

export interface LoadedInputs {
  readonly datasets: readonly Dataset[];
  readonly customerIds: readonly string[];
  readonly customers?: readonly CustomerInput[];
  readonly customerRoles?: Readonly<Record<string, ColumnRole>>;
  readonly transactions?: readonly TransactionInput[];
  /** Per-customer purchase aggregates computed by the database (when asked for), of the kept customers. */
  readonly purchaseAggregates?: readonly CustomerPurchaseAggregate[];
  /** Per-customer purchase histories for the value stage, by the database (when asked for), of the kept customers. */
  readonly purchaseHistories?: readonly CustomerPurchaseHistory[];
  /** Hour-of-day and weekday counts of the kept customers' lines, by the database (when asked for). */
  readonly transactionActivity?: CustomerActivity;
  readonly texts?: readonly LoadedText[];
  /** Counted exclusions: customers left out by the subset filter or for lack of data. */
  readonly excluded: Readonly<Record<string, number>>;
}

/**
 * Without explicit ids: the newest dataset, plus newer-per-kind datasets of the other kinds that share at
 * least half of its customers (so sample customers + transactions + texts are segmented together).
 */
export async function chooseDatasets(db: Db, ids: readonly number[] | undefined): Promise<Dataset[]> {
  if (ids?.length) {
    const found = await datasetsByIds(db, ids);
    const missing = ids.filter((id) => !found.some((d) => d.id === id));
    if (missing.length) throw new PersonaError('not_found', `no dataset with id ${missing.join(', ')}; see \`persona datasets\``);
    return found;
  }
  const all = await listDatasets(db);
  const newest = all.at(-1);
  if (!newest) throw new PersonaError('not_found', 'no datasets imported yet; run `persona import FILE` or `persona demo`');
  const chosen = [newest];
  const anchorIds = new Set((await customersOf(db, newest.id)).map((c) => c.id));
  for (const kind of ['customers', 'transactions', 'texts'] as const) {
    if (kind === newest.kind) continue;
    const candidate = all.filter((d) => d.kind === kind).at(-1);
    if (!candidate) continue;
    const ids = (await customersOf(db, candidate.id)).map((c) => c.id);
    const shared = ids.filter((id) => anchorIds.has(id)).length;
    if (shared >= 0.5 * Math.min(ids.length, anchorIds.size)) chosen.push(candidate);
  }
  return chosen.sort((a, b) => a.id - b.id);
}

export interface LoadOptions {
  /**
   * Leave the transaction lines in the database: it computes, per customer, everything a segmentation
   * reads from them (purchase aggregates, purchase histories, activity counts, subset facts), so memory
   * grows with the customers, not the lines. The features, values and profiles come out the same, bit
   * for bit (tested on both drivers). Without it the lines are loaded whole, for callers that read them.
   */
  readonly purchaseAggregates?: boolean;
  /** Rows per keyset page when streaming texts out of the database (default 10,000). */
  readonly pageRows?: number;
}

/** Rows per keyset page: what the driver holds at once besides what is kept. */
const defaultPageRows = 10_000;

/** Pages of rows in id order, each fetched after the last id of the one before (keyset pagination). */
async function* keyset<T extends { id: number }>(fetch: (afterId: number) => Promise<T[]>, pageRows: number): AsyncGenerator<T[]> {
  let afterId = 0;
  for (;;) {
    const rows = await fetch(afterId);
    if (rows.length) yield rows;
    if (rows.length < pageRows) return;
    afterId = (rows[rows.length - 1] as T).id;
  }
}

export async function loadInputs(db: Db, datasets: readonly Dataset[], subset: SubsetFilter | undefined, options: LoadOptions = {}): Promise<LoadedInputs> {
  const customerTables = datasets.filter((d) => d.kind === 'customers');
  const customers: CustomerInput[] = [];
  const customerRoles: Record<string, ColumnRole> = {};
  for (const d of customerTables) {
    for (const plan of d.mapping as ColumnPlan[]) customerRoles[plan.name] = plan.role;
    for (const c of await customersOf(db, d.id)) customers.push({ id: c.id, attributes: c.attributes as Record<string, CellValue> });
  }
  const pageRows = options.pageRows ?? defaultPageRows;
  if (!Number.isInteger(pageRows) || pageRows < 1) throw new PersonaError('bad_option', `pageRows must be a positive integer, got ${pageRows}`);
  const transactionSets = datasets.filter((x) => x.kind === 'transactions');
  const summaries = options.purchaseAggregates && transactionSets.length ? await loadLineSummaries(db, transactionSets.map((d) => d.id), subset) : null;
  const transactions: TransactionInput[] = [];
  if (!summaries) for (const d of transactionSets) for (const t of await transactionsOf(db, d.id)) transactions.push(toTransactionInput(t));
  const texts: LoadedText[] = [];
  for (const d of datasets.filter((x) => x.kind === 'texts')) {
    for await (const page of keyset((afterId) => keptCustomerTextsPage(db, d.id, { afterId, limit: pageRows }), pageRows)) {
      for (const t of page) {
        if (t.isCustomer === false) continue;
        texts.push({
          textId: t.id,
          externalId: t.externalId,
          customerId: t.customerId as string,
          at: t.at ? t.at.getTime() : null,
          body: t.body,
          replyToId: t.replyToId,
          rating: ratingOf(t.attributes as Record<string, CellValue> | null),
        });
      }
    }
  }

  // The universe: a customer table when there is one, else everyone with transactions or kept texts.
  const lineCustomers = summaries ? summaries.aggregates.map((a) => a.customerId) : transactions.map((t) => t.customerId);
  const universe = customerTables.length ? new Set(customers.map((c) => c.id)) : new Set([...lineCustomers, ...texts.map((t) => t.customerId)]);
  const segmentMembers = subset?.segmentOf ? await membersOf(db, subset.segmentOf) : null;
  const lines = summaries ? { lines: summaries.facts } : { transactions };
  const { kept, excluded } = applySubset([...universe].sort(), { customers, texts, ...lines }, subset, segmentMembers);
  const keep = new Set(kept);
  const pushed = summaries?.aggregates.length ? keepCustomers(summaries, keep) : null;
  return {
    datasets,
    customerIds: kept,
    ...(customerTables.length ? { customers: customers.filter((c) => keep.has(c.id)), customerRoles } : {}),
    ...(transactions.length ? { transactions: transactions.filter((t) => keep.has(t.customerId)) } : {}),
    ...(pushed ? { purchaseAggregates: pushed.aggregates, purchaseHistories: pushed.histories, transactionActivity: pushed.activity } : {}),
    ...(texts.length ? { texts: texts.filter((t) => keep.has(t.customerId)) } : {}),
    excluded,
  };
}

async function membersOf(db: Db, ref: { runId: number; segmentIndex: number }): Promise<Set<string>> {
  const rows = await runAssignments(db, ref.runId);
  if (!rows.length) throw new PersonaError('not_found', `run ${ref.runId} has no assignments`);
  return new Set(rows.filter((r) => r.segmentIndex === ref.segmentIndex).map((r) => r.customerExternalId));
}

/** A stored transaction line as the feature and value stages read it. */
export function toTransactionInput(t: Awaited<ReturnType<typeof transactionsOf>>[number]): TransactionInput {
  return {
    customerId: t.customerId as string,
    orderId: t.orderId,
    at: t.at ? t.at.getTime() : null,
    quantity: t.quantity,
    price: t.price,
    amount: t.amount,
    isCancellation: t.isCancellation,
    attributes: t.attributes as Record<string, CellValue>,
  };
}
