/**
 * What a segmentation's subset filter reads from transaction lines, computed by the database per
 * customer: orders and spend, the values of named attribute columns, and who was active in a window.
 * The rules are those of `pipeline/segment/subset.ts` (`lineFacts`); spend adds in line order, as memory
 * does, so it is the same number. Plain SQL, grouped by customer first.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';

interface OrderStatsRow {
  customer: string;
  orders: number | string;
  spend: number | null;
}

/** Orders and spend of every customer with a line that is not a cancellation, by customer id. */
export async function customerOrderStats(db: Db, datasetIds: readonly number[]): Promise<{ customerId: string; orders: number; spend: number }[]> {
  if (!datasetIds.length) return [];
  const rows = await rowsOf<OrderStatsRow>(
    db,
    sql`
    with lines as (
      select t.customer_external_id as customer, t.dataset_id, t.id, t.order_id, coalesce(t.amount, t.quantity * t.price, 0) as money
      from transactions t
      where t.dataset_id in (${idList(datasetIds)}) and t.customer_external_id is not null and not t.is_cancellation
    )
    select customer,
      count(distinct order_id) + count(*) filter (where order_id is null) as orders,
      coalesce(sum(money order by dataset_id, id) filter (where money > 0 and money <> 'NaN'::float8), 0) as spend
    from lines group by customer
    order by customer collate "C"`,
  );
  return rows.map((r) => ({ customerId: r.customer, orders: Number(r.orders), spend: Number(r.spend ?? 0) }));
}

/** The distinct values (as stored JSON values) each of these attribute columns takes per customer. */
export async function customerLineAttributeValues(db: Db, datasetIds: readonly number[], columns: readonly string[]): Promise<{ customerId: string; column: string; value: unknown }[]> {
  if (!datasetIds.length || !columns.length) return [];
  // The JSON text of each value, parsed here: the same value a loaded attribute object holds, on every driver.
  const rows = await rowsOf<{ customer: string; key: string; value: string }>(
    db,
    sql`
    select distinct t.customer_external_id as customer, k.key, (t.attributes -> k.key)::text as value
    from transactions t
    cross join lateral (values ${sql.join(columns.map((c) => sql`(${c}::text)`), sql`, `)}) k(key)
    where t.dataset_id in (${idList(datasetIds)}) and t.customer_external_id is not null
      and jsonb_typeof(t.attributes -> k.key) is not null and jsonb_typeof(t.attributes -> k.key) <> 'null'`,
  );
  return rows.map((r) => ({ customerId: r.customer, column: r.key, value: JSON.parse(r.value) as unknown }));
}

/** Customers with a line whose time (epoch ms) is within [from, to]; an absent bound is open. */
export async function customersActiveBetween(db: Db, datasetIds: readonly number[], from: number | null, to: number | null): Promise<string[]> {
  if (!datasetIds.length) return [];
  const ms = sql`floor(extract(epoch from t.at) * 1000)::float8`;
  const rows = await rowsOf<{ customer: string }>(
    db,
    sql`
    select distinct t.customer_external_id as customer
    from transactions t
    where t.dataset_id in (${idList(datasetIds)}) and t.customer_external_id is not null and t.at is not null
      ${from === null ? sql`` : sql`and ${ms} >= ${from}::float8`}
      ${to === null ? sql`` : sql`and ${ms} <= ${to}::float8`}`,
  );
  return rows.map((r) => r.customer);
}

function idList(ids: readonly number[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::int`),
    sql`, `,
  );
}

async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
