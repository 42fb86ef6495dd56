/** What a persona writer reads about one segment. */
import type { CampaignDraft } from '../activate/campaign.ts';
import type { ChannelPlan } from '../activate/channels.ts';
import type { TermScore } from '../describe/ctfidf.ts';
import type { FeatureContrast } from '../describe/top-features.ts';
import type { SegmentDescription } from '../segment/intelligence-stage.ts';
import type { NamedStatistic, SegmentEvidence, SegmentValue } from '../types.ts';

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
}
