/**
 * Per-customer purchase aggregates computed by the database (GROUP BY customer), so the lines of a
 * transaction log never reach JavaScript: the same record and rules as `aggregateTransactions` in
 * `pipeline/features/transaction-aggregates.ts` (the service `services/segment/purchase-aggregates.ts`
 * says which attribute keys are channels and products). Plain SQL (CTEs, aggregates with FILTER, jsonb ->>)
 * that runs on PGlite and PostgreSQL alike; every grouping is by customer, so a distributed PostgreSQL
 * (Citus) with the customer-keyed tables distributed by customer id pushes it down to each shard.
 * Sums run in line order (dataset, then id), the order the in-memory path adds them, so the
 * floating-point results are identical, not merely close.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';

/** One customer's purchase aggregates; the shape of `CustomerPurchaseAggregate` in the feature stage. */
export interface PurchaseAggregateRow {
  readonly customerId: string;
  readonly lines: number;
  readonly cancelledLines: number;
  readonly orders: number;
  readonly monetary: number;
  readonly items: number;
  readonly timedOrders: number;
  readonly firstOrderAt: number | null;
  readonly lastOrderAt: number | null;
  readonly weekendOrders: number;
  readonly eveningOrders: number;
  readonly distinctProducts: number;
  readonly channelOrders: Readonly<Record<string, number>>;
  readonly latestLineAt: number | null;
}

/** Which attribute keys hold a channel (in the order to try them) and which a product. */
export interface PurchaseAttributeKeys {
  readonly channelKeys: readonly string[];
  readonly productKeys: readonly string[];
}

interface AggregateRow {
  customer: string;
  lines: number | string;
  cancelled_lines: number | string;
  orders: number | string | null;
  monetary: number | null;
  items: number | null;
  timed_orders: number | string | null;
  first_order_at: number | null;
  last_order_at: number | null;
  weekend_orders: number | string | null;
  evening_orders: number | string | null;
  distinct_products: number | string | null;
  channel_orders: Record<string, number | string> | string | null;
  latest_line_at: number | null;
}

/** The attribute keys present on the lines of these datasets (one pass over them, in the database). */
export async function transactionAttributeKeys(db: Db, datasetIds: readonly number[]): Promise<string[]> {
  if (!datasetIds.length) return [];
  const rows = await rowsOf<{ key: string }>(
    db,
    sql`select distinct jsonb_object_keys(attributes) as key from transactions where dataset_id in (${idList(datasetIds)}) order by 1`,
  );
  return rows.map((r) => r.key);
}

/** Aggregates of every customer with lines in these datasets, by customer id ascending. */
export async function customerPurchaseAggregates(db: Db, datasetIds: readonly number[], keys: PurchaseAttributeKeys): Promise<PurchaseAggregateRow[]> {
  if (!datasetIds.length) return [];
  const { channelKeys, productKeys } = keys;
  // Null when the value is null, so callers wrap it where null must read as false.
  const finite = (c: string) => sql.raw(`(${c} > '-Infinity'::float8 and ${c} < 'Infinity'::float8)`);
  const epochMs = (c: string) => sql.raw(`floor(extract(epoch from ${c}) * 1000)::float8`);
  const channel = channelKeys.length
    ? sql.join(channelKeys.map((k) => sql`nullif(t.attributes ->> ${k}::text, '')`), sql`, `)
    : sql`null::text`;
  // The product values of a line, taken out of its attributes once: the lines CTE carries no jsonb.
  const productValues = productKeys.length ? sql`array[${sql.join(productKeys.map((k) => sql`t.attributes ->> ${k}::text`), sql`, `)}]` : sql`array[]::text[]`;
  const rows = await rowsOf<AggregateRow>(
    db,
    sql`
    with lines as (
      select t.customer_external_id as customer, t.dataset_id, t.id, t.at, ${productValues} as products,
        (t.is_cancellation or coalesce(${finite('t.quantity')} and t.quantity < 0, false)) as cancelled,
        case
          when t.order_id is not null and t.order_id <> '' then 'o:' || t.order_id
          when t.at is not null then 't:' || ${epochMs('t.at')}::bigint::text
          else 'l:' || t.id::text
        end as order_key,
        case when ${finite('t.quantity')} then t.quantity else 1 end as items,
        case
          when ${finite('t.price')} and t.price <= 0 then 0
          when ${finite('t.amount')} then greatest(t.amount, 0)
          when ${finite('t.quantity')} and ${finite('t.price')} then greatest(t.quantity * t.price, 0)
          else 0
        end as spend,
        coalesce(${channel}) as channel
      from transactions t
      where t.dataset_id in (${idList(datasetIds)}) and t.customer_external_id is not null
    ),
    orders as (
      select customer, order_key, min(at) as at, sum(items order by dataset_id, id) as items,
        min(array[dataset_id, id]) as first_line,
        (array_agg(channel order by dataset_id, id) filter (where channel is not null))[1] as channel
      from lines where not cancelled
      group by customer, order_key
    ),
    per_order as (
      select customer, count(*) as orders, sum(items order by first_line) as items, count(at) as timed_orders,
        min(at) as first_order_at, max(at) as last_order_at,
        count(*) filter (where extract(isodow from at at time zone 'UTC') in (6, 7)) as weekend_orders,
        count(*) filter (where extract(hour from at at time zone 'UTC') >= 18) as evening_orders
      from orders group by customer
    ),
    per_channel as (
      select customer, jsonb_object_agg(channel, n) as channel_orders
      from (select customer, channel, count(*) as n from orders where channel is not null group by customer, channel) c
      group by customer
    ),
    per_product as (
      select l.customer, count(distinct p.v) as distinct_products
      from lines l cross join lateral unnest(l.products) p(v)
      where not l.cancelled and p.v is not null and p.v <> ''
      group by l.customer
    ),
    per_line as (
      select customer, count(*) as lines, count(*) filter (where cancelled) as cancelled_lines,
        coalesce(sum(spend order by dataset_id, id) filter (where not cancelled), 0) as monetary, max(at) as latest_line_at
      from lines group by customer
    )
    select l.customer, l.lines, l.cancelled_lines, l.monetary, ${epochMs('l.latest_line_at')} as latest_line_at,
      o.orders, o.items, o.timed_orders, o.weekend_orders, o.evening_orders,
      ${epochMs('o.first_order_at')} as first_order_at, ${epochMs('o.last_order_at')} as last_order_at,
      c.channel_orders, p.distinct_products
    from per_line l
    left join per_order o on o.customer = l.customer
    left join per_channel c on c.customer = l.customer
    left join per_product p on p.customer = l.customer
    order by l.customer collate "C"`,
  );
  return rows.map(toAggregate);
}

function toAggregate(r: AggregateRow): PurchaseAggregateRow {
  const channels = typeof r.channel_orders === 'string' ? (JSON.parse(r.channel_orders) as Record<string, number>) : (r.channel_orders ?? {});
  return {
    customerId: r.customer,
    lines: Number(r.lines),
    cancelledLines: Number(r.cancelled_lines),
    orders: Number(r.orders ?? 0),
    monetary: Number(r.monetary ?? 0),
    items: Number(r.items ?? 0),
    timedOrders: Number(r.timed_orders ?? 0),
    firstOrderAt: r.first_order_at === null ? null : Number(r.first_order_at),
    lastOrderAt: r.last_order_at === null ? null : Number(r.last_order_at),
    weekendOrders: Number(r.weekend_orders ?? 0),
    eveningOrders: Number(r.evening_orders ?? 0),
    distinctProducts: Number(r.distinct_products ?? 0),
    channelOrders: Object.fromEntries(Object.entries(channels).map(([k, v]) => [k, Number(v)])),
    latestLineAt: r.latest_line_at === null ? null : Number(r.latest_line_at),
  };
}

function idList(ids: readonly number[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::int`),
    sql`, `,
  );
}

/** Result rows whichever driver answered (node-postgres and PGlite both carry `rows`). */
async function rowsOf<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
