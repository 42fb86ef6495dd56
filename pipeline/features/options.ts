/** Settings of the feature stage: defaults, the partial options callers pass, and their validation. */
import { PersonaError } from '../../lib/errors.ts';
import type { ScalingKind } from './scale.ts';

export interface FeatureSettings {
  /** 'robust' = (x − median) / IQR, resistant to the heavy tails of spend and counts. */
  readonly scaling: ScalingKind;
  /** Scaled values are clipped to ±clip; null = no clipping. */
  readonly clip: number | null;
  /** Categorical levels with a smaller share of a column's values fold into 'Other'. */
  readonly rareShare: number;
  /** At most this many one-hot columns per categorical column (the smallest levels join 'Other'). */
  readonly maxLevels: number;
}

export type FeatureOptions = Readonly<Partial<FeatureSettings>>;

export const featureDefaults: FeatureSettings = Object.freeze({
  scaling: 'robust',
  clip: 5,
  rareShare: 0.01,
  maxLevels: 12,
});

/** Defaults overlaid with the options given; undefined means "use the default". */
export function resolveFeatureOptions(options: FeatureOptions): FeatureSettings {
  const given = Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));
  const s: FeatureSettings = { ...featureDefaults, ...given };
  const bad = (message: string): never => {
    throw new PersonaError('bad_option', `features: ${message}`);
  };
  if (s.scaling !== 'standard' && s.scaling !== 'robust') bad(`scaling must be 'standard' or 'robust', got ${JSON.stringify(s.scaling)}`);
  if (s.clip !== null && !(typeof s.clip === 'number' && s.clip > 0 && !Number.isNaN(s.clip))) bad(`clip must be a positive number or null, got ${s.clip}`);
  if (!(typeof s.rareShare === 'number' && s.rareShare >= 0 && s.rareShare < 1)) bad(`rareShare must be in [0, 1), got ${s.rareShare}`);
  if (!(Number.isInteger(s.maxLevels) && s.maxLevels >= 2)) bad(`maxLevels must be an integer ≥ 2, got ${s.maxLevels}`);
  return s;
}
