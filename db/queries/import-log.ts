import { desc } from 'drizzle-orm';
import type { Db } from '../client.ts';
import { importLog, type ImportLogEntry, type NewImportLogEntry } from '../schema.ts';

/** Written outside the import's transaction so a failed import still records why it failed. */
export async function recordImport(db: Db, entry: NewImportLogEntry): Promise<ImportLogEntry> {
  const [row] = await db.insert(importLog).values(entry).returning();
  if (!row) throw new Error('insert into import_log returned no row');
  return row;
}

export async function listImports(db: Db, limit = 50): Promise<ImportLogEntry[]> {
  return db.select().from(importLog).orderBy(desc(importLog.id)).limit(limit);
}
