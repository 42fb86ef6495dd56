/**
 * Texts are held in memory for the quality filter (de-duplication needs all of them), then written with
 * their verdicts: dropped texts are kept in the table with the reason, never deleted.
 */
import { insertCustomers, insertTexts } from '../../db/queries/rows.ts';
import type { NewText } from '../../db/schema.ts';
import { filterTexts } from '../../pipeline/quality/filter-texts.ts';
import type { CellValue, QualityText } from '../../pipeline/types.ts';
import { normaliseId } from '../../pipeline/ingest/record-parser.ts';
import { asDate, asString, attributeWriter, CustomerResolver, roleColumn, UniqueIds, type WriteContext, type WriteResult } from './write-context.ts';

export async function writeTexts(ctx: WriteContext): Promise<WriteResult> {
  const col = {
    id: roleColumn(ctx.plans, 'id'),
    customer: roleColumn(ctx.plans, 'customer_id'),
    order: roleColumn(ctx.plans, 'order_id'),
    at: roleColumn(ctx.plans, 'datetime'),
    body: roleColumn(ctx.plans, 'text') as string,
    author: roleColumn(ctx.plans, 'author_type'),
    replyTo: roleColumn(ctx.plans, 'reply_to'),
    replies: roleColumn(ctx.plans, 'replies'),
    thread: roleColumn(ctx.plans, 'thread_id'),
  };
  const attributes = attributeWriter(ctx.plans, Object.values(col));
  const customerOf = new CustomerResolver(col.customer, ctx.link);
  const unique = col.id ? new UniqueIds(ctx.source.file, col.id) : null;
  const customerMeansTrue = col.author ? !/outbound|agent|company|staff|brand|support/i.test(col.author) : true;
  const rows: Omit<NewText, 'kept' | 'quality'>[] = [];
  let emptyTexts = 0;

  for await (const batch of ctx.source.batches()) {
    for (const record of batch) {
      const { cells } = ctx.parser.parse(record);
      const externalId = (col.id && asString(cells[col.id])) || `row-${record.row}`;
      unique?.add(externalId, record.row);
      const orderId = col.order ? asString(cells[col.order]) : null;
      const customerId = customerOf.resolve(cells, orderId);
      const body = asString(cells[col.body]) ?? '';
      if (!body) emptyTexts++;
      rows.push({
        datasetId: ctx.datasetId,
        externalId,
        customerExternalId: customerId,
        orderId,
        at: col.at ? asDate(cells[col.at]) : null,
        body,
        isCustomer: col.author ? authorIsCustomer(cells[col.author] ?? null, customerMeansTrue) : null,
        replyToId: col.replyTo ? asString(cells[col.replyTo]) : null,
        replyIds: col.replies ? splitIds(asString(cells[col.replies])) : null,
        threadId: col.thread ? asString(cells[col.thread]) : null,
        attributes: attributes.of(cells),
        sourceRow: record.row,
      });
    }
    ctx.onProgress?.('write', rows.length, ctx.totalRows);
  }

  const input: QualityText[] = rows.map((r) => ({
    id: r.externalId,
    authorId: r.customerExternalId ?? '',
    text: r.body,
    isCustomer: r.isCustomer ?? null,
  }));
  const filtered = filterTexts(input);
  const verdicts = new Map(filtered.verdicts.map((v) => [v.id, v]));
  const finished: NewText[] = rows.map((r) => {
    const v = verdicts.get(r.externalId);
    return { ...r, kept: v?.kept ?? false, quality: v?.reason ?? 'empty', duplicateOf: v?.duplicateOf ?? null };
  });
  await insertTexts(ctx.db, finished);

  // Customers are the authors of customer-side texts (company replies are not customers).
  const authors = new Map<string, number>();
  for (const r of finished) {
    if (r.customerExternalId && r.isCustomer !== false) authors.set(r.customerExternalId, (authors.get(r.customerExternalId) ?? 0) + 1);
  }
  await insertCustomers(
    ctx.db,
    [...authors].map(([externalId, n]) => ({ datasetId: ctx.datasetId, externalId, attributes: { texts: n } })),
  );

  const customerTexts = finished.filter((r) => r.isCustomer !== false);
  const counts: Record<string, number> = {
    texts: finished.length,
    customerTexts: customerTexts.length,
    companyTexts: finished.length - customerTexts.length,
    customers: authors.size,
    keptTexts: finished.filter((r) => r.kept).length,
    emptyTexts,
    ...customerOf.counts(),
  };
  return { counts, cleaning: [], quality: filtered.report.table.map((t) => ({ ...t })), stages: [filtered.report] };
}

const customerWords = /^(customer|client|user|buyer|inbound|member|consumer)$/i;
const companyWords = /^(agent|company|staff|support|brand|outbound|business|employee|bot)$/i;

function authorIsCustomer(value: CellValue, trueMeansCustomer: boolean): boolean | null {
  if (typeof value === 'boolean') return value === trueMeansCustomer;
  if (typeof value === 'string') {
    if (customerWords.test(value.trim())) return true;
    if (companyWords.test(value.trim())) return false;
  }
  return null;
}

function splitIds(raw: string | null): string[] | null {
  if (!raw) return null;
  const ids = raw.split(/[,;\s]+/).filter(Boolean).map(normaliseId);
  return ids.length ? ids : null;
}
