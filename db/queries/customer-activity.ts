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
  const hours = Array.from({ length: 24 }, (_, h) => sql`count(*) filter (where extract(hour from utc) = ${sql.raw(String(h))})`);
  const weekdays = Array.from({ length: 7 }, (_, d) => sql`count(*) filter (where extract(isodow from utc) = ${sql.raw(String(d + 1))})`);
  const midnight = sql`count(*) filter (where mod(at_ms, 86400000) = 0)`;
  const result = (await db.execute(sql`
    with lines as (
      select t.customer_external_id as customer, t.at at time zone 'UTC' as utc, floor(extract(epoch from t.at) * 1000)::bigint as at_ms
      from transactions t
      where t.dataset_id in (${idList(datasetIds)}) and t.customer_external_id is not null and t.at is not null
    )
    select customer, array_to_string(array[${sql.join([...hours, ...weekdays, midnight], sql`, `)}], ',') as counts
    from lines group by customer
    order by customer collate "C"`)) as unknown as { rows: { customer: string; counts: string }[] };
  return result.rows.map((r) => ({ customerId: r.customer, counts: r.counts.split(',').map(Number) }));
}

function idList(ids: readonly number[]): SQL {
  return sql.join(
    ids.map((id) => sql`${id}::int`),
    sql`, `,
  );
}
