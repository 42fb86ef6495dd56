/**
 * How a stored segment is shown everywhere (CLI, HTTP, agent tools): one shape read from its row.
 */
import type { CampaignDraft } from '../activate/campaign.ts';
import type { ChannelPlan } from '../activate/channels.ts';
import type { FeatureContrast } from '../describe/top-features.ts';
import type { TermScore } from '../describe/ctfidf.ts';
import type { SegmentEvidence, SegmentValue } from '../types.ts';
import type { SegmentDescription } from './intelligence-stage.ts';
import type { Claim } from '../describe/label.ts';

/** Bootstrap stability below this marks a segment unstable wherever it is shown. */
export const unstableBelow = 0.6;

export interface SegmentView {
  readonly id: number;
  readonly label: string;
  readonly size: number;
  readonly share: number;
  readonly stability: number | null;
  /** Stability is measured and below 0.6: the segment may not reappear on a refit. */
  readonly unstable: boolean;
  /** What the label claims about features (checked against the contrasts). */
  readonly claims: readonly Claim[];
  readonly description: SegmentDescription | null;
  readonly persona: unknown;
  readonly evidence: SegmentEvidence[];
  readonly value: SegmentValue | null;
  readonly channels: ChannelPlan['channels'];
  readonly channelPlan: ChannelPlan | null;
  readonly campaign: CampaignDraft | null;
  readonly topTerms: readonly TermScore[];
  readonly topFeatures: readonly FeatureContrast[];
  /** Every feature against the population (not printed by `show`, used by comparisons). */
  readonly contrasts: readonly FeatureContrast[];
  /** Surrogate-model drivers: what separates the segment, by mean |contribution|. */
  readonly drivers: readonly { feature: string; description: string; importance: number; direction: 'higher' | 'lower' }[];
}

/** A stored segment as the database returns it: the JSON columns are read here, not trusted to a type. */
export interface StoredSegment {
  readonly segmentIndex: number;
  readonly label: string;
  readonly size: number;
  readonly share: number;
  readonly stability: number | null;
  readonly profile: unknown;
  readonly description: unknown;
  readonly persona: unknown;
  readonly evidence: unknown;
  readonly value: unknown;
  readonly channels: unknown;
  readonly campaign: unknown;
  readonly topTerms: unknown;
  readonly topFeatures: unknown;
}

export function segmentView(s: StoredSegment): SegmentView {
  const plan = (s.channels as ChannelPlan | null) ?? null;
  return {
    id: s.segmentIndex,
    label: s.label,
    size: s.size,
    share: s.share,
    stability: s.stability,
    unstable: s.stability !== null && s.stability < unstableBelow,
    claims: (s.profile as { claims?: Claim[] } | null)?.claims ?? [],
    description: (s.description as SegmentDescription | null) ?? null,
    persona: s.persona ?? null,
    evidence: (s.evidence as SegmentEvidence[] | null) ?? [],
    value: (s.value as SegmentValue | null) ?? null,
    channels: plan?.channels ?? [],
    channelPlan: plan,
    campaign: (s.campaign as CampaignDraft | null) ?? null,
    topTerms: (s.topTerms as TermScore[] | null) ?? [],
    topFeatures: (s.topFeatures as FeatureContrast[] | null) ?? [],
    contrasts: (s.profile as { contrasts?: FeatureContrast[] } | null)?.contrasts ?? [],
    drivers: (s.profile as { drivers?: SegmentView['drivers'] } | null)?.drivers ?? [],
  };
}

