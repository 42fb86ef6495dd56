import type { Db } from '../client.ts';
import { customers, texts, transactions, type NewCustomer, type NewText, type NewTransaction } from '../schema.ts';
import { bulkInsert } from './bulk-insert.ts';

export async function insertCustomers(db: Db, rows: readonly NewCustomer[]): Promise<void> {
  await bulkInsert(db, customers, rows);
}

export async function insertTransactions(db: Db, rows: readonly NewTransaction[]): Promise<void> {
  await bulkInsert(db, transactions, rows);
}

export async function insertTexts(db: Db, rows: readonly NewText[]): Promise<void> {
  await bulkInsert(db, texts, rows);
}
