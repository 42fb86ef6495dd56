/**
 * A campaign draft per segment (objective, audience, message, offer, channel plan, KPI), and the drafts
 * ranked by the value at stake (segment size × mean predicted lifetime value, or size alone when no
 * value model could be fitted).
 */
import type { ChannelPlan } from './channels.ts';
import { hasTerm, z, type SegmentSignals } from './signals.ts';

export interface CampaignDraft {
  readonly segmentIndex: number;
  readonly name: string;
  readonly objective: string;
  readonly audience: { readonly segment: string; readonly customers: number; readonly share: number };
  readonly message: string;
  readonly offer: string;
  readonly channelPlan: readonly { readonly channel: string; readonly role: string; readonly timing: string }[];
  readonly kpi: { readonly metric: string; readonly target: string };
  /** What ranks the draft: size × mean predicted CLV (or size when value is unknown). */
  readonly valueAtStake: number;
  readonly rank: number;
}

export function draftCampaign(s: SegmentSignals, plan: ChannelPlan): Omit<CampaignDraft, 'rank'> {
  const objective = objectiveFor(s);
  const top = plan.channels.filter((c) => c.score > 0).slice(0, 3);
  const channels = top.length ? top : plan.channels.slice(0, 2);
  return {
    segmentIndex: s.index,
    name: `${s.label}: ${objective.short}`,
    objective: objective.text,
    audience: { segment: s.label, customers: s.size, share: s.share },
    message: messageFor(s, plan),
    offer: plan.offer.type,
    channelPlan: channels.map((c, i) => ({
      channel: c.channel,
      role: i === 0 ? 'lead channel' : 'follow-up',
      timing: i === 0 ? plan.sendTime.window : `${2 + i * 2} days later, ${plan.sendTime.window}`,
    })),
    kpi: objective.kpi,
    valueAtStake: Math.round(s.size * (s.value?.meanClv ?? 1) * 100) / 100,
  };
}

export function rankCampaigns(drafts: readonly Omit<CampaignDraft, 'rank'>[]): CampaignDraft[] {
  return [...drafts]
    .sort((a, b) => b.valueAtStake - a.valueAtStake || a.segmentIndex - b.segmentIndex)
    .map((d, i) => ({ ...d, rank: i + 1 }));
}

function objectiveFor(s: SegmentSignals): { short: string; text: string; kpi: { metric: string; target: string } } {
  if (hasTerm(s, /fraud|scam|fake|legit|refund|privacy|trust|chargeback/) || z(s, 'cancellation_rate') > 0.5) {
    return {
      short: 'rebuild trust',
      text: 'Reduce cancellations and refund requests by proving the shop is safe and genuine',
      kpi: { metric: 'cancellation and refund-request rate', target: 'down 20% within 90 days' },
    };
  }
  if (s.value?.churnRisk === 'high' || z(s, 'recency_days') > 0.7) {
    return {
      short: 'win back',
      text: 'Bring lapsing customers back before they churn',
      kpi: { metric: 'reactivation rate (a purchase within 60 days)', target: '15% of the segment' },
    };
  }
  if (z(s, 'monetary_total') > 0.5 || z(s, 'avg_order_value') > 0.5) {
    return {
      short: 'retain and grow',
      text: 'Keep the most valuable customers loyal and grow their share of wallet',
      kpi: { metric: 'repeat purchase rate and average order value', target: 'hold retention, +10% order value' },
    };
  }
  if (z(s, 'frequency_orders') < -0.3) {
    return {
      short: 'second purchase',
      text: 'Turn occasional buyers into repeat customers',
      kpi: { metric: 'share of customers with a second order within 60 days', target: '+5 points' },
    };
  }
  return {
    short: 'engage',
    text: 'Deepen engagement with relevant recommendations',
    kpi: { metric: 'click-through and conversion rate', target: '+10% against the current baseline' },
  };
}

function messageFor(s: SegmentSignals, plan: ChannelPlan): string {
  const themes = s.topTerms.slice(0, 3).map((t) => t.term);
  const about = themes.length ? ` about ${themes.join(', ')}` : '';
  return `Speak to what they raise${about}, in a ${plan.tone.style} voice; lead with: ${plan.offer.type}.`;
}
