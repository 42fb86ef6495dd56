import { PersonaError } from '../../lib/errors.ts';
import type { Db } from '../../db/client.ts';
import type { CellValue, ColumnRole } from '../../pipeline/types.ts';
import type { LinkMap } from '../../pipeline/ingest/link-table.ts';
import type { ImportSettings } from '../../pipeline/ingest/import-config.ts';
import { attributeColumns, attributesOf, type RecordParser } from '../../pipeline/ingest/record-parser.ts';
import type { ColumnPlan } from '../../pipeline/ingest/roles.ts';
import type { ProgressFn } from '../../pipeline/ingest/scan.ts';
import type { OpenedSource } from '../../pipeline/ingest/source.ts';

/** Everything a kind-specific writer needs; `db` is the import's transaction. */
export interface WriteContext {
  readonly db: Db;
  readonly datasetId: number;
  readonly source: OpenedSource;
  readonly plans: readonly ColumnPlan[];
  readonly parser: RecordParser;
  readonly totalRows: number;
  readonly link: LinkMap | null;
  /** The import's settings (id from row, repeated rows, cancellations); absent = defaults. */
  readonly settings?: ImportSettings;
  readonly onProgress?: ProgressFn;
}

/** What a writer reports back for the data report. */
export interface WriteResult {
  readonly counts: Record<string, number>;
  readonly cleaning: { column: string; rule: string; count: number; detail: string }[];
  readonly quality: { step: string; before: number; dropped: number; after: number; share: number }[];
  readonly stages: import('../../pipeline/types.ts').StageReport[];
}

export function roleColumn(plans: readonly ColumnPlan[], role: ColumnRole): string | null {
  return plans.find((p) => p.role === role)?.name ?? null;
}

export function asString(v: CellValue | undefined): string | null {
  if (v === null || v === undefined) return null;
  return typeof v === 'string' ? v : String(v);
}

export function asNumber(v: CellValue | undefined): number | null {
  return typeof v === 'number' && Number.isFinite(v) ? v : null;
}

export function asDate(v: CellValue | undefined): Date | null {
  return typeof v === 'number' && Number.isFinite(v) ? new Date(v) : null;
}

/** Tracks ids seen so far and fails on the second occurrence, naming both rows. */
export class UniqueIds {
  private readonly seen = new Map<string, number>();
  constructor(
    private readonly file: string,
    private readonly column: string,
  ) {}
  add(id: string, row: number): void {
    const first = this.seen.get(id);
    if (first !== undefined) {
      throw new PersonaError('duplicate_id', `duplicate id "${id}" (first seen at row ${first})`, {
        file: this.file,
        row,
        column: this.column,
      });
    }
    this.seen.set(id, row);
  }
}

/** Every column a writer does not store in a dedicated field goes into the row's attributes. */
export function attributeWriter(plans: readonly ColumnPlan[], dedicated: readonly (string | null)[]) {
  const columns = attributeColumns(plans, dedicated.filter((c): c is string => c !== null));
  const datetimes = new Set(plans.filter((p) => p.role === 'datetime').map((p) => p.name));
  return { columns, of: (cells: Record<string, CellValue>) => attributesOf(cells, columns, datetimes) };
}

/** A row's customer: its own column, or else the customer of its order in the link table (both outcomes counted). */
export class CustomerResolver {
  private linkedByOrder = 0;
  private unmatchedOrders = 0;
  constructor(
    private readonly customerColumn: string | null,
    private readonly link: LinkMap | null,
  ) {}
  resolve(cells: Record<string, CellValue>, orderId: string | null): string | null {
    const own = this.customerColumn ? asString(cells[this.customerColumn]) : null;
    if (own || !orderId || !this.link) return own;
    const linked = this.link.customerFor(orderId);
    if (linked) this.linkedByOrder++;
    else this.unmatchedOrders++;
    return linked;
  }
  /** For the data report; empty when no link table was used. */
  counts(): Record<string, number> {
    return this.link ? { linkedByOrder: this.linkedByOrder, unmatchedOrderLinks: this.unmatchedOrders } : {};
  }
}
