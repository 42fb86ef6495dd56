/**
 * Turns described segments into what a marketer acts on: plain-English description with activity
 * profiles, a channel plan and a campaign draft per segment (drafts ranked across the run).
 */
import { PersonaError } from '../../lib/errors.ts';
import { draftCampaign, rankCampaigns, type CampaignDraft } from '../activate/campaign.ts';
import { mapChannels, type ChannelPlan } from '../activate/channels.ts';
import type { SegmentSignals } from '../activate/signals.ts';
import { activityFromCounts, activityWidth, type ActivityProfile, type CustomerActivity } from '../describe/activity.ts';
import { reasonFor } from '../describe/reasons.ts';
import type { StageReport } from '../types.ts';
import type { SegmentSummary } from './describe-stage.ts';

export interface SegmentDescription {
  readonly summary: string;
  readonly reasons: readonly string[];
  readonly activity: ActivityProfile;
  /** Mean lexicon sentiment of the segment's texts in [−1, 1], when it has texts. */
  readonly sentiment: number | null;
}

export interface SegmentIntelligence {
  readonly description: SegmentDescription;
  readonly channels: ChannelPlan;
  readonly campaign: CampaignDraft;
}

export interface IntelligenceInput {
  readonly segments: readonly SegmentSummary[];
  readonly customerIds: readonly string[];
  readonly labels: Int32Array;
  /** Activity counts per customer (of texts, else transactions); customers not listed have none. */
  readonly activity: CustomerActivity;
  readonly values?: readonly ({ meanClv: number | null; churnRisk: 'low' | 'medium' | 'high' | null; proxy: boolean } | null)[];
}

export function intelligenceStage(input: IntelligenceInput): { segments: SegmentIntelligence[]; report: StageReport } {
  const started = performance.now();
  const perSegment = segmentActivity(input);
  const signals: SegmentSignals[] = input.segments.map((s) => {
    const value = input.values?.[s.index];
    return {
      index: s.index,
      label: s.label,
      size: s.size,
      share: s.share,
      contrasts: s.contrasts,
      topTerms: s.topTerms,
      ...(value ? { value } : {}),
    };
  });
  const plans = signals.map(mapChannels);
  const campaigns = rankCampaigns(signals.map((s, i) => draftCampaign(s, plans[i] as ChannelPlan)));
  const segments = input.segments.map((s, i) => {
    const sentiment = s.contrasts.find((c) => c.feature === 'sentiment_mean')?.segmentMean ?? null;
    const reasons = s.topFeatures.map((c) => reasonFor(c));
    return {
      description: {
        summary: `${s.label}: ${s.size.toLocaleString('en-US')} customers (${(s.share * 100).toFixed(1)}%). ${reasons.slice(0, 2).join('; ')}.`,
        reasons,
        activity: activityFromCounts(perSegment.subarray(i * activityWidth, (i + 1) * activityWidth)),
        sentiment,
      },
      channels: plans[i] as ChannelPlan,
      campaign: campaigns.find((c) => c.segmentIndex === s.index) as CampaignDraft,
    };
  });
  return {
    segments,
    report: { stage: 'intelligence', ms: Math.round(performance.now() - started), rowsIn: input.segments.length, rowsOut: segments.length, params: {} },
  };
}

/** Each segment's activity counts: the sum of its customers' rows, segment i at row i. */
function segmentActivity(input: IntelligenceInput): Float64Array {
  const { activity } = input;
  if (activity.counts.length !== activity.customerIds.length * activityWidth) {
    throw new PersonaError('shape_mismatch', `intelligence: activity counts hold ${activity.counts.length} values for ${activity.customerIds.length} customers × ${activityWidth}`);
  }
  const row = new Map(activity.customerIds.map((id, i) => [id, i]));
  const out = new Float64Array(input.segments.length * activityWidth);
  input.customerIds.forEach((id, i) => {
    const label = input.labels[i] as number;
    const r = row.get(id);
    if (label < 0 || label >= input.segments.length || r === undefined) return;
    for (let j = 0; j < activityWidth; j++) out[label * activityWidth + j]! += activity.counts[r * activityWidth + j] as number;
  });
  return out;
}
