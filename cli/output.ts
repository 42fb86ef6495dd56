/**
 * Where commands write: stdout carries results (one JSON document with --json), stderr the rest. Human
 * text shows control and bidi characters as visible symbols (customer text must not drive the terminal);
 * JSON escapes them itself.
 */
import { visibleControls } from '../lib/terminal-text.ts';

export interface Output {
  readonly json: boolean;
  result(value: unknown, text: () => string): void;
  info(line: string): void;
}

export function createOutput(json: boolean, out: NodeJS.WritableStream = process.stdout, err: NodeJS.WritableStream = process.stderr): Output {
  return {
    json,
    result(value, text) {
      out.write(json ? `${JSON.stringify(value, null, 2)}\n` : `${visibleControls(text())}\n`);
    },
    info(line) {
      err.write(`${visibleControls(line)}\n`);
    },
  };
}

/** Left-aligned text table with a header rule. */
export function table(headers: readonly string[], rows: readonly (readonly (string | number | null | undefined)[])[]): string {
  const cells = rows.map((r) => r.map((c) => (c === null || c === undefined ? '' : typeof c === 'number' ? fmt(c) : c)));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) => r.map((c, i) => c.padEnd(widths[i] ?? 0)).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...cells.map(line)].join('\n');
}

export function fmt(n: number): string {
  if (Number.isInteger(n)) return n.toLocaleString('en-US');
  return n.toLocaleString('en-US', { maximumFractionDigits: 3 });
}
