/** The checked-in thresholds (evals/thresholds.json) and how suite scores are checked against them. */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import type { SuiteResult } from './types.ts';

export const thresholdSchema = z
  .object({
    suite: z.string().min(1),
    metric: z.string().min(1),
    scope: z.string().min(1).default('*'),
    min: z.number().optional(),
    max: z.number().optional(),
    why: z.string().optional(),
  })
  .refine((t) => (t.min === undefined) !== (t.max === undefined), { message: 'give exactly one of min or max' });

export const thresholdFileSchema = z.object({ thresholds: z.array(thresholdSchema) }).passthrough();
export type Threshold = z.infer<typeof thresholdSchema>;

export const defaultThresholdsPath = new URL('./thresholds.json', import.meta.url);

export function loadThresholds(path: string | URL = defaultThresholdsPath): Threshold[] {
  const raw = JSON.parse(readFileSync(path, 'utf8')) as unknown;
  const parsed = thresholdFileSchema.safeParse(raw);
  if (!parsed.success) throw new Error(`${String(path)}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data.thresholds;
}

export interface ThresholdCheck {
  readonly suite: string;
  readonly metric: string;
  readonly scope: string;
  readonly bound: 'min' | 'max';
  readonly threshold: number;
  /** null = the score was not measured. */
  readonly value: number | null;
  readonly passed: boolean;
}

/** Checks one suite's scores; a threshold on a named scope the suite worked on but did not measure fails. */
export function checkThresholds(result: SuiteResult, thresholds: readonly Threshold[]): ThresholdCheck[] {
  const out: ThresholdCheck[] = [];
  for (const t of thresholds.filter((x) => x.suite === result.suite)) {
    const bound = t.min !== undefined ? 'min' : 'max';
    const threshold = (t.min ?? t.max) as number;
    const scores = result.scores.filter((s) => s.metric === t.metric && (t.scope === '*' || s.scope === t.scope));
    if (!scores.length) {
      // A named scope the suite worked on (it has scores or failures there) must have the metric; a scope
      // outside this evaluation (e.g. another dataset) is not checked.
      const attempted = result.scores.some((s) => s.scope === t.scope) || result.failures.some((f) => f.scope === t.scope);
      if (t.scope !== '*' && attempted) out.push({ suite: t.suite, metric: t.metric, scope: t.scope, bound, threshold, value: null, passed: false });
      continue;
    }
    for (const s of scores) {
      const passed = bound === 'min' ? s.value >= threshold - 1e-9 : s.value <= threshold + 1e-9;
      out.push({ suite: t.suite, metric: t.metric, scope: s.scope ?? '*', bound, threshold, value: s.value, passed });
    }
  }
  return out;
}
