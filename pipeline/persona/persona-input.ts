/** What a persona writer reads about one segment, and how to rebuild it from a stored segment. */
import { PersonaError } from '../../lib/errors.ts';
import type { CampaignDraft } from '../activate/campaign.ts';
import type { ChannelPlan } from '../activate/channels.ts';
import type { TermScore } from '../describe/ctfidf.ts';
import type { FeatureContrast } from '../describe/top-features.ts';
import type { SegmentDescription } from '../segment/intelligence-stage.ts';
import type { SegmentView } from '../segment/segment-view.ts';
import type { NamedStatistic, SegmentEvidence, SegmentValue } from '../types.ts';
import { segmentStatistics } from './statistics.ts';

export interface PersonaInput {
  readonly index: number;
  readonly label: string;
  readonly size: number;
  readonly share: number;
  readonly contrasts: readonly FeatureContrast[];
  readonly topFeatures: readonly FeatureContrast[];
  readonly topTerms: readonly TermScore[];
  readonly description: SegmentDescription;
  readonly channels: ChannelPlan;
  readonly campaign?: CampaignDraft;
  readonly value?: SegmentValue | null;
  readonly evidence: readonly SegmentEvidence[];
  readonly statistics: readonly NamedStatistic[];
  /** Bootstrap stability of the segment (0–1), when measured. */
  readonly stability?: number | null;
}

/** The writer's input for a stored segment (to rewrite its card later), statistics recomputed. */
export function personaInputFromView(s: SegmentView): PersonaInput {
  if (!s.description || !s.channelPlan) {
    throw new PersonaError('bad_value', `segment ${s.id} "${s.label}" has no ${s.description ? 'channel plan' : 'description'}: persona cards need both`);
  }
  return {
    index: s.id,
    label: s.label,
    size: s.size,
    share: s.share,
    contrasts: s.contrasts,
    topFeatures: s.topFeatures,
    topTerms: s.topTerms,
    description: s.description,
    channels: s.channelPlan,
    ...(s.campaign ? { campaign: s.campaign } : {}),
    value: s.value,
    evidence: s.evidence,
    statistics: segmentStatistics({ size: s.size, share: s.share, topFeatures: s.topFeatures, description: s.description, value: s.value, stability: s.stability }),
    stability: s.stability,
  };
}
