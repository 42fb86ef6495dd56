/**
 * Whether a bench module was started directly, and the arguments after it. run-ts.mjs drops the entry
 * from process.argv, so the original command line (/proc/self/cmdline on Linux) tells whether we are it.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export function entryArgs(moduleUrl: string): string[] | null {
  let args = process.argv;
  try {
    args = readFileSync('/proc/self/cmdline', 'utf8').split('\0');
  } catch {
    // Not Linux: process.argv is all there is.
  }
  const self = fileURLToPath(moduleUrl);
  const at = args.findIndex((a) => a.length > 0 && resolve(a) === self);
  return at < 0 ? null : args.slice(at + 1).filter((a) => a.length > 0);
}
