/** Named queries the browser explorer needs beyond the run and dataset basics. */
import { asc, count, eq, inArray } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { assignments, datasets, segments, type Dataset } from '../schema.ts';

/** Segment count per run. */
export async function segmentCounts(db: Db): Promise<Map<number, number>> {
  const rows = await db.select({ runId: segments.runId, n: count() }).from(segments).groupBy(segments.runId);
  return new Map(rows.map((r) => [r.runId, r.n]));
}

export async function datasetsByIdList(db: Db, ids: readonly number[]): Promise<Dataset[]> {
  if (!ids.length) return [];
  return db.select().from(datasets).where(inArray(datasets.id, [...ids])).orderBy(asc(datasets.id));
}

/** Only the columns the map and comparisons need, in a stable order. */
export async function runMembership(db: Db, runId: number): Promise<{ id: string; segment: number; x: number; y: number }[]> {
  return db
    .select({ id: assignments.customerExternalId, segment: assignments.segmentIndex, x: assignments.x, y: assignments.y })
    .from(assignments)
    .where(eq(assignments.runId, runId))
    .orderBy(asc(assignments.customerExternalId));
}
