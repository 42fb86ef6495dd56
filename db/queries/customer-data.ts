import { and, asc, eq, gt, inArray, isNotNull } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { customers, datasets, texts, transactions, type Dataset } from '../schema.ts';

export async function datasetsByIds(db: Db, ids: readonly number[]): Promise<Dataset[]> {
  if (!ids.length) return [];
  return db.select().from(datasets).where(inArray(datasets.id, [...ids])).orderBy(asc(datasets.id));
}

export async function customersOf(db: Db, datasetId: number) {
  return db
    .select({ id: customers.externalId, attributes: customers.attributes })
    .from(customers)
    .where(eq(customers.datasetId, datasetId))
    .orderBy(asc(customers.externalId));
}

/** The columns of a transaction line that the features read. */
const lineColumns = {
  customerId: transactions.customerExternalId,
  orderId: transactions.orderId,
  at: transactions.at,
  quantity: transactions.quantity,
  price: transactions.price,
  amount: transactions.amount,
  isCancellation: transactions.isCancellation,
};

/** Transactions that belong to a customer, in source order. */
export async function transactionsOf(db: Db, datasetId: number) {
  return db
    .select({ ...lineColumns, attributes: transactions.attributes })
    .from(transactions)
    .where(and(eq(transactions.datasetId, datasetId), isNotNull(transactions.customerExternalId)))
    .orderBy(asc(transactions.id));
}

/** A keyset page: rows with an id above `afterId`, in id order, at most `limit` of them. */
export interface KeysetPage {
  readonly afterId: number;
  readonly limit: number;
}

/** The columns of a kept customer text, paged or not. */
const keptTextColumns = {
  id: texts.id,
  externalId: texts.externalId,
  customerId: texts.customerExternalId,
  at: texts.at,
  body: texts.body,
  replyToId: texts.replyToId,
  isCustomer: texts.isCustomer,
  attributes: texts.attributes,
};

/** Kept customer texts as `keptCustomerTextsOf` returns them, one keyset page at a time. */
export async function keptCustomerTextsPage(db: Db, datasetId: number, page: KeysetPage) {
  return db
    .select(keptTextColumns)
    .from(texts)
    .where(and(eq(texts.datasetId, datasetId), eq(texts.kept, true), isNotNull(texts.customerExternalId), gt(texts.id, page.afterId)))
    .orderBy(asc(texts.id))
    .limit(page.limit);
}

/** Customer-written texts that passed the quality filter, in source order. */
export async function keptCustomerTextsOf(db: Db, datasetId: number) {
  return db
    .select(keptTextColumns)
    .from(texts)
    .where(and(eq(texts.datasetId, datasetId), eq(texts.kept, true), isNotNull(texts.customerExternalId)))
    .orderBy(asc(texts.id));
}

/** Authors of company replies (is_customer = false): brand handles that evidence masking keeps. */
export async function companyAuthorsOf(db: Db, datasetId: number): Promise<string[]> {
  const rows = await db
    .selectDistinct({ author: texts.customerExternalId })
    .from(texts)
    .where(and(eq(texts.datasetId, datasetId), eq(texts.isCustomer, false), isNotNull(texts.customerExternalId)))
    .orderBy(asc(texts.customerExternalId));
  return rows.map((r) => r.author as string);
}
