/**
 * Transactions stream through in batches (real logs run to millions of lines): each line is checked,
 * inserted, and folded into a per-customer summary; customers are written at the end.
 */
import { insertCustomers, insertTransactions } from '../../db/queries/rows.ts';
import type { NewCustomer, NewTransaction } from '../../db/schema.ts';
import { checkTransaction, invoiceLike, TransactionCleanCounter, type CancellationRule } from '../../pipeline/clean/transactions.ts';
import { asDate, asNumber, asString, attributeWriter, CustomerResolver, roleColumn, type WriteContext, type WriteResult } from './write-context.ts';

interface CustomerSummary {
  lines: number;
  orders: Set<string>;
  first: number | null;
  last: number | null;
}

export async function writeTransactions(ctx: WriteContext): Promise<WriteResult> {
  const col = {
    customer: roleColumn(ctx.plans, 'customer_id'),
    order: roleColumn(ctx.plans, 'order_id'),
    at: roleColumn(ctx.plans, 'datetime'),
    quantity: roleColumn(ctx.plans, 'quantity'),
    price: roleColumn(ctx.plans, 'price'),
    amount: roleColumn(ctx.plans, 'amount'),
  };
  const attributes = attributeWriter(ctx.plans, Object.values(col));
  const customerOf = new CustomerResolver(col.customer, ctx.link);
  const counter = new TransactionCleanCounter();
  const customers = new Map<string, CustomerSummary>();
  let lines = 0;

  const mode = ctx.settings?.cancellations ?? 'auto';
  let rule: CancellationRule | null = mode === 'auto' ? null : { byPrefix: mode === 'prefix' };
  let prefixDecision = mode === 'auto' ? '' : `configured (${mode})`;

  for await (const batch of ctx.source.batches()) {
    const rows: NewTransaction[] = [];
    if (rule === null) {
      // Decided once, from the first batch: do the order ids look like invoice numbers?
      const sample = col.order ? batch.slice(0, 2000).map((r) => asString(ctx.parser.parse(r).cells[col.order as string]) ?? '') : [];
      rule = { byPrefix: invoiceLike(sample) };
      prefixDecision = rule.byPrefix ? 'order ids look like invoice numbers' : 'order ids do not look like invoice numbers, so a leading C is not a cancellation';
    }
    for (const record of batch) {
      const { cells } = ctx.parser.parse(record);
      const orderId = col.order ? asString(cells[col.order]) : null;
      const customerId = customerOf.resolve(cells, orderId);
      const quantity = col.quantity ? asNumber(cells[col.quantity]) : null;
      const price = col.price ? asNumber(cells[col.price]) : null;
      const given = col.amount ? asNumber(cells[col.amount]) : null;
      const amount = given ?? (quantity !== null && price !== null ? quantity * price : null);
      const at = col.at ? asDate(cells[col.at]) : null;
      const flags = checkTransaction({ orderId, quantity, price, customerId }, rule);
      counter.add(flags);
      rows.push({
        datasetId: ctx.datasetId,
        customerExternalId: customerId,
        orderId,
        at,
        quantity,
        price,
        amount,
        isCancellation: flags.includes('cancellation'),
        attributes: attributes.of(cells),
        flags: flags.length ? flags : null,
        sourceRow: record.row,
      });
      if (customerId) summarise(customers, customerId, orderId, at);
    }
    await insertTransactions(ctx.db, rows);
    lines += batch.length;
    ctx.onProgress?.('write', lines, ctx.totalRows);
  }

  const customerRows: NewCustomer[] = [...customers].map(([externalId, s]) => ({
    datasetId: ctx.datasetId,
    externalId,
    attributes: {
      lines: s.lines,
      orders: s.orders.size,
      firstSeen: s.first === null ? null : new Date(s.first).toISOString(),
      lastSeen: s.last === null ? null : new Date(s.last).toISOString(),
    },
  }));
  await insertCustomers(ctx.db, customerRows);

  const counts: Record<string, number> = {
    lines,
    customers: customers.size,
    linesWithoutCustomer: counter.counts.missing_customer ?? 0,
    cancellations: counter.counts.cancellation ?? 0,
    nonPositivePrices: counter.counts.non_positive_price ?? 0,
    ...customerOf.counts(),
  };
  return {
    counts,
    cleaning: Object.entries(counter.counts).map(([flag, count]) => ({
      column: flag === 'missing_customer' ? (col.customer ?? '') : flag === 'non_positive_price' ? (col.price ?? '') : (col.order ?? col.quantity ?? ''),
      rule: flag,
      count,
      detail: flag === 'cancellation' ? `${ruleDetail(flag)} (prefix rule: ${prefixDecision})` : ruleDetail(flag),
    })),
    quality: [],
    stages: [],
  };
}

function summarise(map: Map<string, CustomerSummary>, id: string, orderId: string | null, at: Date | null): void {
  let s = map.get(id);
  if (!s) {
    s = { lines: 0, orders: new Set(), first: null, last: null };
    map.set(id, s);
  }
  s.lines++;
  if (orderId) s.orders.add(orderId);
  if (at) {
    const t = at.getTime();
    if (s.first === null || t < s.first) s.first = t;
    if (s.last === null || t > s.last) s.last = t;
  }
}

function ruleDetail(rule: string): string {
  switch (rule) {
    case 'cancellation':
      return 'order id is C + number (invoice-like ids) or quantity is negative; kept and marked';
    case 'non_positive_price':
      return 'price ≤ 0; kept and marked, excluded from spend features';
    case 'missing_customer':
      return 'no customer id; kept for totals, not attributed to anyone';
    default:
      return rule;
  }
}
