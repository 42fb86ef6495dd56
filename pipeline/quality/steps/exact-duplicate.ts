/** Drops texts identical to an earlier one after normalisation; the first occurrence is kept. */
import type { QualityText, QualityVerdict, TextFilterStep } from '../../types.ts';
import { normaliseForDuplicates } from '../normalise.ts';

export function exactDuplicateStep(): TextFilterStep {
  return {
    name: 'exact_duplicate',
    options: { normalisation: 'lower-case, @mentions and URLs removed, whitespace collapsed' },
    apply(texts: readonly QualityText[]): QualityVerdict[] {
      const firstByKey = new Map<string, string>();
      const out: QualityVerdict[] = [];
      for (const t of texts) {
        const key = normaliseForDuplicates(t.text);
        const first = firstByKey.get(key);
        if (first === undefined) firstByKey.set(key, t.id);
        else out.push({ id: t.id, kept: false, reason: 'exact_duplicate', duplicateOf: first });
      }
      return out;
    },
  };
}
