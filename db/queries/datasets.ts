import { and, count, desc, eq } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { customers, datasets, texts, transactions, type Dataset, type NewDataset } from '../schema.ts';

export async function insertDataset(db: Db, row: NewDataset): Promise<Dataset> {
  const [created] = await db.insert(datasets).values(row).returning();
  if (!created) throw new Error('insert into datasets returned no row');
  return created;
}

export async function updateDatasetSummary(
  db: Db,
  id: number,
  summary: Pick<NewDataset, 'counts' | 'report' | 'mapping'>,
): Promise<void> {
  await db.update(datasets).set(summary).where(eq(datasets.id, id));
}

/** The newest dataset imported from these exact bytes (as `kind`, when given). */
export async function findDatasetByChecksum(db: Db, checksum: string, kind?: Dataset['kind']): Promise<Dataset | null> {
  const [row] = await db
    .select()
    .from(datasets)
    .where(kind ? and(eq(datasets.checksum, checksum), eq(datasets.kind, kind)) : eq(datasets.checksum, checksum))
    .orderBy(desc(datasets.id))
    .limit(1);
  return row ?? null;
}

/** A dataset by numeric id or by name (the newest with that name). */
export async function findDataset(db: Db, idOrName: string): Promise<Dataset | null> {
  const asId = /^\d+$/.test(idOrName) ? Number(idOrName) : null;
  const where = asId !== null ? eq(datasets.id, asId) : eq(datasets.name, idOrName);
  const [row] = await db.select().from(datasets).where(where).orderBy(desc(datasets.id)).limit(1);
  return row ?? null;
}

export async function listDatasets(db: Db): Promise<Dataset[]> {
  return db.select().from(datasets).orderBy(datasets.id);
}

export interface TableCounts {
  readonly datasets: number;
  readonly customers: number;
  readonly transactions: number;
  readonly texts: number;
}

/** Row counts of the data tables: used to prove a failed import changed nothing. */
export async function tableCounts(db: Db): Promise<TableCounts> {
  const [d] = await db.select({ n: count() }).from(datasets);
  const [c] = await db.select({ n: count() }).from(customers);
  const [t] = await db.select({ n: count() }).from(transactions);
  const [x] = await db.select({ n: count() }).from(texts);
  return { datasets: d?.n ?? 0, customers: c?.n ?? 0, transactions: t?.n ?? 0, texts: x?.n ?? 0 };
}
