import type { Db } from '../client.ts';
import { customers, texts, transactions, type NewCustomer, type NewText, type NewTransaction } from '../schema.ts';

/** Rows per INSERT: large enough to amortise round trips, small enough for the 65,535-parameter limit. */
const chunkRows = 1000;

async function insertChunked<T>(rows: readonly T[], insert: (chunk: T[]) => Promise<unknown>): Promise<void> {
  for (let i = 0; i < rows.length; i += chunkRows) await insert(rows.slice(i, i + chunkRows));
}

export async function insertCustomers(db: Db, rows: readonly NewCustomer[]): Promise<void> {
  await insertChunked(rows, (chunk) => db.insert(customers).values(chunk));
}

export async function insertTransactions(db: Db, rows: readonly NewTransaction[]): Promise<void> {
  await insertChunked(rows, (chunk) => db.insert(transactions).values(chunk));
}

export async function insertTexts(db: Db, rows: readonly NewText[]): Promise<void> {
  await insertChunked(rows, (chunk) => db.insert(texts).values(chunk));
}
