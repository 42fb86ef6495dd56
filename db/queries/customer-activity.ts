/**
 * When each customer's transaction lines happened, counted by the database (GROUP BY customer): per
 * customer 24 hour-of-day counts, 7 weekday counts (Monday first) and the count of lines on midnight UTC,
 * over every line with a time, cancellations included — the rows `countActivity` in
 * `pipeline/describe/activity.ts` makes from loaded times. Segments add these rows up, so the lines
 * never leave the database. Plain SQL for PGlite and PostgreSQL, grouped by customer first.
 */
import { sql, type SQL } from 'drizzle-orm';
import type { Db } from '../client.ts';

export interface ActivityCountsRow {
  readonly customerId: string;
  /** 32 counts: hours 0–23, Monday–Sunday, lines on midnight UTC. */
  readonly counts: readonly number[];
}

/** Activity counts of every customer with a dated line in these datasets, by customer id ascending. */
export async function customerActivityCounts(db: Db, datasetIds: readonly number[]): Promise<ActivityCountsRow[]> {
  if (!datasetIds.length) return [];
  const hours = Array.from({ length: 24 }, (_, h) => sql`coalesce(sum(n) filter (where hour = ${sql.raw(String(h))}), 0)`);
  const weekdays = Array.from({ length: 7 }, (_, d) => sql`coalesce(sum(n) filter (where weekday = ${sql.raw(String(d + 1))}), 0)`);
  const midnight = sql`coalesce(sum(n) filter (where midnight), 0)`;
  // Each line's hour, weekday and midnight flag are computed once, grouped into at most 168 × 2 cells
  // per customer, and the cells are then spread over the 32 counts.
  const result = (await db.execute(sql`
    with cells as (
      select customer, hour, weekday, midnight, count(*) as n
      from (
        select t.customer_external_id as customer,
          extract(hour from t.at at time zone 'UTC')::int as hour,
          extract(isodow from t.at at time zone 'UTC')::int as weekday,
          mod(floor(extract(epoch from t.at) * 1000)::bigint, 86400000) = 0 as midnight
        from transactions t
        where t.dataset_id in (${idList(datasetIds)}) and t.customer_external_id is not null and t.at is not null
      ) l
      group by customer, hour, weekday, midnight
    )
    select customer, array_to_string(array[${sql.join([...hours, ...weekdays, midnight], sql`, `)}], ',') as counts
    from cells group by customer
    order by customer collate "C"`)) as unknown as { rows: { customer: string; counts: string }[] };
  return result.rows.map((r) => ({ customerId: r.customer, counts: r.counts.split(',').map(Number) }));
}

function idList(ids: readonly number[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::int`),
    sql`, `,
  );
}
