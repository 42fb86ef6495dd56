/** Writes the sample as the three CSV files a user would bring: customers, transactions, texts. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toCsv, type CsvValue } from './csv-write.ts';
import type { SampleData } from './generate.ts';
import type { SampleCustomer, SampleText, SampleTransaction } from './records.ts';

type Columns<T> = readonly (readonly [header: string, value: (row: T) => CsvValue])[];

export const customerColumns: Columns<SampleCustomer> = [
  ['customer_id', (c) => c.customerId],
  ['signup_date', (c) => c.signupDate],
  ['age', (c) => c.age],
  ['gender', (c) => c.gender],
  ['income', (c) => c.income],
  ['country', (c) => c.country],
  ['city_size', (c) => c.citySize],
  ['household_size', (c) => c.householdSize],
  ['preferred_device', (c) => c.preferredDevice],
  ['newsletter_opt_in', (c) => c.newsletterOptIn],
  ['planted_segment', (c) => c.plantedSegment],
];

export const transactionColumns: Columns<SampleTransaction> = [
  ['order_id', (t) => t.orderId],
  ['customer_id', (t) => t.customerId],
  ['order_date', (t) => t.orderDate],
  ['product', (t) => t.product],
  ['category', (t) => t.category],
  ['quantity', (t) => t.quantity],
  ['unit_price', (t) => t.unitPrice],
  ['channel', (t) => t.channel],
];

export const textColumns: Columns<SampleText> = [
  ['text_id', (t) => t.textId],
  ['customer_id', (t) => t.customerId],
  ['created_at', (t) => t.createdAt],
  ['channel', (t) => t.channel],
  ['text', (t) => t.text],
];

function table<T>(columns: Columns<T>, rows: readonly T[]): string {
  return toCsv(
    columns.map(([h]) => h),
    rows.map((r) => columns.map(([, value]) => value(r))),
  );
}

export function writeSampleFiles(dir: string, data: SampleData): { customers: string; transactions: string; texts: string } {
  mkdirSync(dir, { recursive: true });
  const paths = {
    customers: join(dir, 'customers.csv'),
    transactions: join(dir, 'transactions.csv'),
    texts: join(dir, 'texts.csv'),
  };
  writeFileSync(paths.customers, table(customerColumns, data.customers));
  writeFileSync(paths.transactions, table(transactionColumns, data.transactions));
  writeFileSync(paths.texts, table(textColumns, data.texts));
  return paths;
}
