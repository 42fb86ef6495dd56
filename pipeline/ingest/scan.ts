/**
 * Pass 1 of an import: stream every value through per-column statistics (bounded memory), then decide
 * the kind of source and each column's role. Nothing is written here.
 */
import { PersonaError } from '../../lib/errors.ts';
import type { ColumnRole, SourceKind } from '../types.ts';
import { ColumnStats } from './column-stats.ts';
import { inferColumns, type ColumnPlan } from './roles.ts';
import type { OpenedSource } from './source.ts';

export interface ScanResult {
  readonly kind: SourceKind;
  readonly kindReason: string;
  readonly rows: number;
  readonly stats: readonly ColumnStats[];
  readonly plans: readonly ColumnPlan[];
}

export type ProgressFn = (phase: 'scan' | 'write', rows: number, total: number | null) => void;

export async function scanSource(
  source: OpenedSource,
  options: { kind?: SourceKind; overrides: Readonly<Record<string, ColumnRole>>; hasLink: boolean; idFromRow?: boolean; onProgress?: ProgressFn },
): Promise<ScanResult> {
  const stats = source.header.map((name) => new ColumnStats(name));
  let rows = 0;
  for await (const batch of source.batches()) {
    for (const record of batch) {
      for (let i = 0; i < stats.length; i++) (stats[i] as ColumnStats).observe(record.values[i] ?? null);
    }
    rows += batch.length;
    options.onProgress?.('scan', rows, null);
  }
  const { kind, reason } = options.kind
    ? { kind: options.kind, reason: 'given' }
    : guessKind(stats, options.overrides);
  const plans = requireRoles(source, kind, inferColumns(kind, stats, options.overrides), options.hasLink, options.idFromRow ?? false);
  return { kind, kindReason: reason, rows, stats, plans };
}

/** Texts if there is free text; transactions if rows have a time and a quantity or money; else customers. */
export function guessKind(
  stats: readonly ColumnStats[],
  overrides: Readonly<Record<string, ColumnRole>>,
): { kind: SourceKind; reason: string } {
  const asTexts = inferColumns('texts', stats, overrides);
  const text = asTexts.find((p) => p.role === 'text');
  if (text) return { kind: 'texts', reason: `column "${text.name}" holds free text` };
  const asTx = inferColumns('transactions', stats, overrides);
  const when = asTx.find((p) => p.role === 'datetime');
  const money = asTx.find((p) => p.role === 'quantity' || p.role === 'price' || p.role === 'amount');
  const who = asTx.find((p) => p.role === 'customer_id' || p.role === 'order_id');
  if (when && money && who) {
    return { kind: 'transactions', reason: `rows have a time ("${when.name}"), money or quantity ("${money.name}") and "${who.name}"` };
  }
  return { kind: 'customers', reason: 'no free text and no dated purchases: one row per customer' };
}

const idLikeName = /^((customer|cust|client|user|member|account)[_\s-]?)?(id|no|number|key)$/i;

/** Every kind needs a way to know whose row it is; say exactly how to fix it when there is none. */
function requireRoles(source: OpenedSource, kind: SourceKind, plans: ColumnPlan[], hasLink: boolean, idFromRow: boolean): ColumnPlan[] {
  const has = (role: ColumnRole) => plans.some((p) => p.role === role);
  const columns = source.header.join(', ');
  switch (kind) {
    case 'customers': {
      // A column named as the customer id beats a unique column chosen by position: if it has
      // duplicates, the write pass reports the exact rows instead of silently keying on another column.
      const named = plans.find((p) => idLikeName.test(p.name) && p.role !== 'index' && p.role !== 'id');
      const chosen = plans.find((p) => p.role === 'id');
      // An explicit mapping (config or --map) always wins over a column that merely looks like an id.
      if (chosen?.reason === 'config') return plans;
      // Rows numbered by position: no column is the id.
      if (idFromRow) return plans.map((p) => (p.role === 'id' ? { ...p, role: 'categorical' as const, reason: `${p.reason}; not the id: rows are numbered (idFromRow)` } : p));
      if (named && (!chosen || !chosen.reason.startsWith('name'))) {
        return plans.map((p) =>
          p === named
            ? { ...p, role: 'id' as const, parser: 'string' as const, reason: 'name looks like an id' }
            : p === chosen
              ? { ...p, role: 'numeric' as const, reason: `${p.reason}; not used as id because "${named.name}" is named as one` }
              : p,
        );
      }
      if (chosen) return plans;
      throw new PersonaError(
        'no_id_column',
        `no usable customer id column among [${columns}]; name one with --map COLUMN=id, or number the rows with --id-from-row`,
        { file: source.file },
      );
    }
    case 'transactions':
    case 'texts': {
      if (kind === 'texts' && !has('text')) {
        throw new PersonaError('no_id_column', `no free-text column among [${columns}]; name one with --map COLUMN=text`, { file: source.file });
      }
      if (has('customer_id') || (hasLink && has('order_id'))) return plans;
      throw new PersonaError(
        'no_id_column',
        `no customer id column among [${columns}]; name one with --map COLUMN=customer_id` +
          (has('order_id') ? ', or give an order → customer link table in persona.config.json' : ''),
        { file: source.file },
      );
    }
    default: {
      const never: never = kind;
      throw new Error(`unknown kind ${String(never)}`);
    }
  }
}
