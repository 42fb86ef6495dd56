/**
 * `persona import` as a library call. Composes: open → scan (roles) → one transaction that writes the
 * dataset and its rows → import log. A failure rolls the transaction back, so the database is exactly
 * as it was, and the log records why.
 */
import { basename } from 'node:path';
import type { Db } from '../../db/client.ts';
import { findDatasetByChecksum, insertDataset, updateDatasetSummary } from '../../db/queries/datasets.ts';
import { recordImport } from '../../db/queries/import-log.ts';
import type { Dataset } from '../../db/schema.ts';
import { fileChecksum } from '../../lib/checksum.ts';
import { errorMessage, isPersonaError } from '../../lib/errors.ts';
import type { SourceKind, StageReport } from '../../pipeline/types.ts';
import type { ImportSettings } from '../../pipeline/ingest/import-config.ts';
import { loadLinkMap } from '../../pipeline/ingest/link-table.ts';
import { createRecordParser } from '../../pipeline/ingest/record-parser.ts';
import type { DataReport } from '../../pipeline/ingest/report.ts';
import { toColumnProfile } from '../../pipeline/ingest/roles.ts';
import { scanSource, type ProgressFn } from '../../pipeline/ingest/scan.ts';
import { openSource } from '../../pipeline/ingest/source.ts';
import type { WriteContext, WriteResult } from './write-context.ts';
import { writeCustomers } from './write-customers.ts';
import { writeTexts } from './write-texts.ts';
import { writeTransactions } from './write-transactions.ts';
import { importWarnings } from '../../pipeline/ingest/warnings.ts';

export interface ImportOptions {
  readonly file: string;
  readonly settings?: ImportSettings;
  /** Import even when the same file (by checksum) was imported before. */
  readonly force?: boolean;
  readonly onProgress?: ProgressFn;
}

export type ImportOutcome =
  | { readonly status: 'imported'; readonly dataset: Dataset; readonly report: DataReport }
  | { readonly status: 'skipped'; readonly dataset: Dataset; readonly reason: string };

export async function importDataset(db: Db, options: ImportOptions): Promise<ImportOutcome> {
  const started = new Date();
  const settings = options.settings ?? { overrides: {} };
  let kind: SourceKind | null = settings.kind ?? null;
  let checksum: string | null = null;
  try {
    const t0 = performance.now();
    const source = await openSource(options.file, {
      ...(settings.delimiter ? { delimiter: settings.delimiter } : {}),
      ...(settings.header !== undefined ? { header: settings.header } : {}),
      ...(settings.columnNames ? { columnNames: settings.columnNames } : {}),
    });
    checksum = await fileChecksum(options.file);
    // Checked before the scan: re-importing a known file should cost a checksum, not a full read.
    const existing = await findDatasetByChecksum(db, checksum, settings.kind);
    if (existing && !options.force) {
      kind = existing.kind;
      const reason = `already imported as dataset ${existing.id} ("${existing.name}") with the same checksum; use --force to import again`;
      await recordImport(db, logEntry(options.file, kind, checksum, 'skipped', started, { datasetId: existing.id, message: reason }));
      return { status: 'skipped', dataset: existing, reason };
    }
    const scan = await scanSource(source, {
      ...(settings.kind ? { kind: settings.kind } : {}),
      overrides: settings.overrides,
      hasLink: Boolean(settings.link),
      ...(settings.idFromRow ? { idFromRow: true } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    kind = scan.kind;
    const link = settings.link ? await loadLinkMap(settings.link) : null;
    const scanMs = performance.now() - t0;

    const { dataset, report } = await db.transaction(async (tx) => {
      const created = await insertDataset(tx, {
        name: settings.name ?? basename(options.file),
        kind: scan.kind,
        sourcePath: options.file,
        checksum: checksum as string,
        format: source.format,
        compressed: source.compressed,
        delimiter: source.delimiter,
        mapping: scan.plans,
        counts: {},
        report: {},
      });
      const parser = createRecordParser(source.header, scan.plans, { file: options.file });
      const ctx: WriteContext = {
        db: tx,
        datasetId: created.id,
        source,
        plans: scan.plans,
        parser,
        totalRows: scan.rows,
        link,
        settings,
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      };
      const t1 = performance.now();
      const written = await writeKind(scan.kind, ctx);
      const ingestStage: StageReport = {
        stage: 'ingest',
        ms: Math.round(scanMs + performance.now() - t1),
        rowsIn: scan.rows,
        rowsOut: scan.rows,
        params: { format: source.format, delimiter: source.delimiter, compressed: source.compressed, kind: scan.kind },
        counts: { ...source.repairs },
      };
      const invalidTotal = Object.values(parser.invalidCounts).reduce((a, b) => a + b, 0);
      const report: DataReport = {
        dataset: {
          id: created.id,
          name: created.name,
          kind: scan.kind,
          kindReason: scan.kindReason,
          file: options.file,
          format: source.format,
          compressed: source.compressed,
          delimiter: source.delimiter,
          checksum: checksum as string,
        },
        rows: scan.rows,
        columns: scan.stats.map((s, i) => toColumnProfile(s, scan.plans[i] ?? scan.plans.find((p) => p.name === s.name)!, parser.invalidCounts[s.name] ?? 0)),
        repairs: { ...source.repairs },
        invalid: { total: invalidTotal, examples: parser.invalidExamples },
        counts: { rows: scan.rows, invalidCells: invalidTotal, ...written.counts },
        cleaning: written.cleaning,
        quality: written.quality,
        stages: [ingestStage, ...written.stages],
        warnings: importWarnings(scan.kind, scan.plans, parser),
      };
      await updateDatasetSummary(tx, created.id, { counts: report.counts, report, mapping: scan.plans });
      return { dataset: { ...created, counts: report.counts, report }, report };
    });

    await recordImport(db, logEntry(options.file, kind, checksum, 'ok', started, { datasetId: dataset.id, rows: scan.rows }));
    return { status: 'imported', dataset, report };
  } catch (err) {
    await recordImport(
      db,
      logEntry(options.file, kind, checksum, 'failed', started, {
        message: errorMessage(err),
        errorCode: isPersonaError(err) ? err.code : 'internal',
      }),
    ).catch(() => undefined);
    throw err;
  }
}

function writeKind(kind: SourceKind, ctx: WriteContext): Promise<WriteResult> {
  switch (kind) {
    case 'customers':
      return writeCustomers(ctx);
    case 'transactions':
      return writeTransactions(ctx);
    case 'texts':
      return writeTexts(ctx);
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}

function logEntry(
  file: string,
  kind: SourceKind | null,
  checksum: string | null,
  status: 'ok' | 'failed' | 'skipped',
  started: Date,
  extra: { datasetId?: number; rows?: number; message?: string; errorCode?: string },
) {
  return {
    sourcePath: file,
    kind,
    checksum,
    status,
    startedAt: started,
    durationMs: Date.now() - started.getTime(),
    ...extra,
  };
}
