import type { ColumnProfile, SourceFormat, SourceKind, StageReport } from '../types.ts';
import type { InvalidCell } from './record-parser.ts';

/** What `persona import` and `persona profile` print, and what the dataset row keeps. */
export interface DataReport {
  readonly dataset: {
    readonly id: number;
    readonly name: string;
    readonly kind: SourceKind;
    readonly kindReason: string;
    readonly file: string;
    readonly format: SourceFormat;
    readonly compressed: boolean;
    readonly delimiter: string | null;
    readonly checksum: string;
  };
  readonly rows: number;
  readonly columns: readonly ColumnProfile[];
  /** Counted repairs made while reading, e.g. bare carriage returns kept inside a field. */
  readonly repairs: Readonly<Record<string, number>>;
  readonly invalid: { readonly total: number; readonly examples: readonly InvalidCell[] };
  /** Headline numbers for the kind: customers, lines without a customer, kept texts… */
  readonly counts: Readonly<Record<string, number>>;
  /** Cleaning changes (customers) or row checks (transactions). */
  readonly cleaning: readonly { column: string; rule: string; count: number; detail: string }[];
  /** The text filter's kept/dropped table (texts only). */
  readonly quality: readonly { step: string; before: number; dropped: number; after: number; share: number }[];
  readonly stages: readonly StageReport[];
  /** Things the import accepted but a person should check (absent in reports of older imports). */
  readonly warnings?: readonly ImportWarning[];
}

export interface ImportWarning {
  readonly code: 'suspicious_id' | 'future_dates' | 'invalid_values';
  readonly message: string;
  readonly column?: string;
  readonly row?: number;
  readonly count?: number;
}
