/**
 * Delimiter sniffing: parse the first lines with each candidate and keep the one that gives the most
 * consistent field count above one. Quotes are respected because the real parser does the counting.
 */
import { CsvParser, type CsvRecord } from './csv-parser.ts';

export const delimiterCandidates = [',', '\t', ';', '|'] as const;

export interface SniffResult {
  readonly delimiter: string;
  /** Field count of the header under this delimiter. */
  readonly columns: number;
  /** Share of sampled records with the header's field count. */
  readonly consistency: number;
}

export function sampleRecords(sample: string, delimiter: string, crIsTerminator: boolean, limit = 50): CsvRecord[] {
  const parser = new CsvParser({ delimiter, crIsTerminator, maxFieldChars: Number.MAX_SAFE_INTEGER });
  const out: CsvRecord[] = [];
  try {
    parser.push(sample, out);
  } catch {
    return out;
  }
  return out.slice(0, limit);
}

export function scoreDelimiter(sample: string, delimiter: string, crIsTerminator: boolean): SniffResult {
  const records = sampleRecords(sample, delimiter, crIsTerminator);
  const columns = records[0]?.fields.length ?? 0;
  const rest = records.slice(1);
  const consistent = rest.filter((r) => r.fields.length === columns).length;
  return { delimiter, columns, consistency: rest.length ? consistent / rest.length : 1 };
}

/** Best delimiter for the sample; `hint` (from a .tsv extension) wins ties. */
export function sniffDelimiter(sample: string, crIsTerminator: boolean, hint?: string): SniffResult {
  const scored = delimiterCandidates.map((d) => scoreDelimiter(sample, d, crIsTerminator));
  const multi = scored.filter((s) => s.columns > 1);
  if (!multi.length) return { delimiter: hint ?? ',', columns: 1, consistency: 1 };
  multi.sort(
    (a, b) =>
      b.consistency - a.consistency ||
      Number(b.delimiter === hint) - Number(a.delimiter === hint) ||
      b.columns - a.columns,
  );
  return multi[0] as SniffResult;
}
