/**
 * The suites `persona eval` knows. Each is loaded on demand by dynamic import, so a suite that is not
 * part of this checkout (or fails to load) is reported as not available instead of breaking the others.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorMessage } from '../lib/errors.ts';
import type { EvalSuite } from './types.ts';

export interface SuiteEntry {
  readonly name: string;
  /** Module path relative to this file; it exports an EvalSuite (default or named). */
  readonly module: string;
  /** Part of the CI gate (offline, fast enough). */
  readonly gate: boolean;
}

export const suiteEntries: readonly SuiteEntry[] = [
  { name: 'coherence', module: './coherence/index.ts', gate: true },
  { name: 'clustering', module: './clustering/index.ts', gate: true },
  { name: 'agent', module: './agent/index.ts', gate: true },
  { name: 'reliability', module: './reliability/index.ts', gate: true },
];

export type LoadedSuite = { readonly suite: EvalSuite } | { readonly unavailable: string };

export function isEvalSuite(value: unknown): value is EvalSuite {
  return !!value && typeof value === 'object' && typeof (value as EvalSuite).name === 'string' && typeof (value as EvalSuite).run === 'function';
}

export async function loadSuite(entry: SuiteEntry): Promise<LoadedSuite> {
  const url = new URL(entry.module, import.meta.url);
  if (!existsSync(fileURLToPath(url))) return { unavailable: `not available: ${entry.module.replace(/^\.\//, 'evals/').replace(/^\.\.\//, '')} is not in this checkout` };
  try {
    const mod = (await import(url.href)) as Record<string, unknown>;
    const suite = [mod.default, ...Object.values(mod)].find(isEvalSuite);
    return suite ? { suite } : { unavailable: `not available: ${entry.module} exports no EvalSuite` };
  } catch (err) {
    return { unavailable: `not available: ${entry.module} failed to load (${errorMessage(err)})` };
  }
}
