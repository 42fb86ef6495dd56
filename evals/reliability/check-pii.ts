/**
 * PII masking on the corpus (pii-corpus.ts): per covered kind, how many planted personal details were
 * masked and how many leaked (the secret survives, or the masker did not count it under its kind), and
 * how many ordinary messages were changed.
 */
import { piiKinds, type PiiKind } from '../../pipeline/evidence/pii.ts';
import type { EvalFailure } from '../types.ts';
import type { ReliabilityDefences } from './defences.ts';
import { cleanCases, piiCases } from './pii-corpus.ts';

export interface PiiTally {
  readonly cases: number;
  readonly perKind: ReadonlyMap<PiiKind, { readonly cases: number; readonly leaked: number }>;
  readonly cleanChanged: number;
  readonly failures: EvalFailure[];
}

export function checkPii(defences: ReliabilityDefences): PiiTally {
  const failures: EvalFailure[] = [];
  const perKind = new Map<PiiKind, { cases: number; leaked: number }>();
  for (const c of piiCases) {
    const entry = perKind.get(c.kind) ?? { cases: 0, leaked: 0 };
    entry.cases++;
    const masked = defences.maskPii(c.text);
    const secrets = typeof c.secret === 'string' ? [c.secret] : c.secret;
    if (secrets.some((s) => masked.text.includes(s)) || !masked.counts[c.kind]) {
      entry.leaked++;
      failures.push({ scope: `pii/${c.kind}`, case: c.text.slice(0, 80), reason: `leaked: ${masked.text.slice(0, 120)}` });
    }
    perKind.set(c.kind, entry);
  }
  let cleanChanged = 0;
  for (const text of cleanCases) {
    const masked = defences.maskPii(text).text;
    if (masked !== text) {
      cleanChanged++;
      failures.push({ scope: 'pii', case: text.slice(0, 80), reason: `an ordinary message was changed: ${masked.slice(0, 120)}` });
    }
  }
  // Kinds the corpus does not cover are not reported: a score of 0 leaks on no cases would prove nothing.
  const covered = new Map([...perKind].filter(([kind]) => piiKinds.includes(kind)));
  return { cases: piiCases.length, perKind: covered, cleanChanged, failures };
}
