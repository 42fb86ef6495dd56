/**
 * Per-customer purchase histories computed by the database (GROUP BY customer): what BG/NBD and
 * Gamma-Gamma read, with the rules of `pipeline/value/purchase-history.ts` (a purchase line is neither
 * cancelled nor a return, has a positive value and a price that is not ≤ 0; a purchase is an order id,
 * else a UTC day). Sums run in line order within a purchase and in (time, value) order over purchases,
 * the orders memory adds them in, so the numbers are the same bits. Plain SQL for PGlite and PostgreSQL,
 * grouped by customer first (a distributed PostgreSQL pushes it down to each shard).
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';

/** One customer's purchase history; the shape of `CustomerPurchaseHistory` in the value stage. */
export interface PurchaseHistoryRow {
  readonly customerId: string;
  readonly lines: number;
  readonly datedLines: number;
  readonly latestLineAt: number | null;
  readonly lineSpend: number;
  readonly purchases: number;
  readonly firstPurchaseAt: number | null;
  readonly lastPurchaseAt: number | null;
  readonly firstPurchaseValue: number;
  readonly purchaseTotal: number;
}

interface HistoryRow {
  customer: string;
  lines: number | string;
  dated_lines: number | string;
  latest_line_at: number | null;
  line_spend: number | null;
  purchases: number | string | null;
  first_at: number | null;
  last_at: number | null;
  first_value: number | null;
  total: number | null;
}

const finite = (c: string) => sql.raw(`(${c} > '-Infinity'::float8 and ${c} < 'Infinity'::float8)`);

/** Histories of every customer with lines in these datasets, by customer id ascending. */
export async function customerPurchaseHistories(db: Db, datasetIds: readonly number[]): Promise<PurchaseHistoryRow[]> {
  if (!datasetIds.length) return [];
  const result = (await db.execute(sql`
    with lines as (
      select t.customer_external_id as customer, t.dataset_id, t.id, t.order_id,
        floor(extract(epoch from t.at) * 1000)::float8 as at_ms,
        case
          when t.is_cancellation then null
          when ${finite('t.quantity')} and t.quantity < 0 then null
          when ${finite('t.price')} and t.price <= 0 then null
          when ${finite('t.amount')} then t.amount
          when ${finite('t.quantity')} and ${finite('t.price')} then t.quantity * t.price
        end as money
      from transactions t
      where t.dataset_id in (${idList(datasetIds)}) and t.customer_external_id is not null
    ),
    valued as (
      select customer, dataset_id, id, order_id, at_ms, case when money > 0 then money end as value from lines
    ),
    purchases as (
      select customer,
        case when order_id is not null and order_id <> '' then 'o:' || order_id else 'd:' || floor(at_ms / 86400000)::bigint::text end as purchase,
        min(at_ms) as at, sum(value order by dataset_id, id) as value
      from valued where value is not null and at_ms is not null
      group by 1, 2
    ),
    per_purchase as (
      select customer, count(*) as purchases, min(at) as first_at, max(at) as last_at,
        sum(value order by at, value) as total, (array_agg(value order by at, value))[1] as first_value
      from purchases group by customer
    ),
    per_line as (
      select customer, count(*) as lines, count(at_ms) as dated_lines, max(at_ms) as latest_line_at,
        sum(value order by dataset_id, id) as line_spend
      from valued group by customer
    )
    select l.customer, l.lines, l.dated_lines, l.latest_line_at, l.line_spend,
      p.purchases, p.first_at, p.last_at, p.first_value, p.total
    from per_line l left join per_purchase p on p.customer = l.customer
    order by l.customer collate "C"`)) as unknown as { rows: HistoryRow[] };
  return result.rows.map(
    (r): PurchaseHistoryRow => ({
      customerId: r.customer,
      lines: Number(r.lines),
      datedLines: Number(r.dated_lines),
      latestLineAt: r.latest_line_at === null ? null : Number(r.latest_line_at),
      lineSpend: Number(r.line_spend ?? 0),
      purchases: Number(r.purchases ?? 0),
      firstPurchaseAt: r.first_at === null ? null : Number(r.first_at),
      lastPurchaseAt: r.last_at === null ? null : Number(r.last_at),
      firstPurchaseValue: Number(r.first_value ?? 0),
      purchaseTotal: Number(r.total ?? 0),
    }),
  );
}

function idList(ids: readonly number[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::int`),
    sql`, `,
  );
}
