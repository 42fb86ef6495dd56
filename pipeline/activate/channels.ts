/**
 * The channel mapper: which channels reach a segment, in what tone, with what kind of offer and when,
 * derived from behaviour (channel shares, visits, deals, hours) and text style (sentiment, emoji,
 * questions, length). Every recommendation carries the evidence that produced it.
 */
import { hasTerm, mean, z, type SegmentSignals } from './signals.ts';

export type Channel = 'web' | 'app' | 'email' | 'store' | 'catalog' | 'social' | 'sms' | 'deals';

export interface ChannelScore {
  readonly channel: Channel;
  /** Relative fit, higher is better; 0 = neutral. */
  readonly score: number;
  readonly why: string;
}

export interface ChannelPlan {
  readonly channels: readonly ChannelScore[];
  readonly tone: { readonly style: string; readonly why: string };
  readonly offer: { readonly type: string; readonly why: string };
  readonly sendTime: { readonly window: string; readonly why: string };
}

const channelFeatures: Readonly<Record<Channel, readonly string[]>> = {
  web: ['share_web', 'web_visits_month'],
  app: ['share_app'],
  store: ['share_store'],
  catalog: ['share_catalog'],
  deals: ['share_deals'],
  email: ['campaign_acceptance_rate', 'share_email'],
  social: ['mention_density', 'share_social', 'emoji_rate'],
  sms: ['share_sms'],
};

export function mapChannels(s: SegmentSignals): ChannelPlan {
  const channels = (Object.keys(channelFeatures) as Channel[])
    .map((channel) => {
      const present = channelFeatures[channel].filter((f) => s.contrasts.some((c) => c.feature === f));
      const score = present.reduce((sum, f) => sum + z(s, f), 0) / Math.max(1, present.length);
      const strongest = present.sort((a, b) => Math.abs(z(s, b)) - Math.abs(z(s, a)))[0];
      const why = strongest ? `${strongest.replace(/_/g, ' ')} ${describeZ(z(s, strongest))}` : 'no data for this channel';
      return { channel, score: round(score), why, present: present.length };
    })
    // A channel is named only on this segment's own material signal (|z| ≥ 0.3 on one of its features):
    // a population-wide habit is not a reason to pick the channel for one segment.
    .filter((c) => c.present > 0 && channelFeatures[c.channel].some((f) => Math.abs(z(s, f)) >= 0.3))
    .map(({ present: _present, ...c }) => c)
    .sort((a, b) => b.score - a.score || (a.channel < b.channel ? -1 : 1));
  return { channels: channels.length ? channels : fallbackChannels(s), tone: toneFor(s), offer: offerFor(s), sendTime: sendTimeFor(s) };
}

/**
 * Data without any channel signal (a bare transaction log): say so, and fall back to the channel every
 * customer with an order history can be reached on.
 */
function fallbackChannels(s: SegmentSignals): ChannelScore[] {
  const lapsed = z(s, 'recency_days') > 0.5;
  return [
    { channel: 'email', score: 0, why: `no channel signal in this data for this segment; email is a neutral default that reaches every customer with an order history${lapsed ? ' and suits a win-back' : ''}` },
  ];
}

function toneFor(s: SegmentSignals): { style: string; why: string } {
  if (hasTerm(s, /fraud|scam|fake|legit|refund|privacy|data|trust|secure|authentic|chargeback/)) {
    return { style: 'reassuring and transparent: proof, guarantees, plain facts', why: 'their texts talk about trust, fraud or refunds' };
  }
  if (z(s, 'sentiment_mean') < -0.5) return { style: 'empathetic and solution-first', why: `sentiment ${describeZ(z(s, 'sentiment_mean'))}` };
  if (z(s, 'emoji_rate') > 0.5 || z(s, 'exclamation_rate') > 0.5) return { style: 'upbeat and playful', why: 'they write with emoji and exclamation marks' };
  if (z(s, 'question_rate') > 0.5 || z(s, 'mean_length_chars') > 0.5) return { style: 'informative and detailed', why: 'they ask questions and write at length' };
  if (z(s, 'monetary_total') > 0.5 || z(s, 'avg_order_value') > 0.5) return { style: 'premium and personal', why: 'they spend well above average' };
  return { style: 'friendly and concise', why: 'no strong style signal' };
}

function offerFor(s: SegmentSignals): { type: string; why: string } {
  if (z(s, 'cancellation_rate') > 0.5) return { type: 'risk-free purchase: free returns, buyer protection', why: `cancellation rate ${describeZ(z(s, 'cancellation_rate'))}` };
  if (z(s, 'share_deals') > 0.5 || hasTerm(s, /coupon|promo|discount|sale|price|cheaper|deal/)) {
    return { type: 'time-limited discount or coupon', why: 'they buy on deals and talk about prices' };
  }
  if (z(s, 'monetary_total') > 0.5 || z(s, 'avg_order_value') > 0.5) return { type: 'loyalty perks and early access, not discounts', why: 'high spend: discounts would give margin away' };
  if (z(s, 'recency_days') > 0.5) return { type: 'win-back incentive', why: `days since last purchase ${describeZ(z(s, 'recency_days'))}` };
  if (z(s, 'frequency_orders') < -0.5) return { type: 'second-purchase incentive', why: 'they order rarely' };
  return { type: 'product recommendations based on past purchases', why: 'no strong price signal' };
}

const periods = [
  ['night', '22:00–02:00'],
  ['morning', '08:00–11:00'],
  ['afternoon', '12:00–16:00'],
  ['evening', '18:00–21:00'],
] as const;

function sendTimeFor(s: SegmentSignals): { window: string; why: string } {
  const scored = periods
    .map(([name, window]) => ({ name, window, share: mean(s, `text_${name}_share`), zz: z(s, `text_${name}_share`) }))
    .filter((p) => p.share !== null);
  if (z(s, 'evening_order_share') > 0.5) return { window: '18:00–21:00', why: 'they order in the evening more than others' };
  if (!scored.length) return { window: '10:00–12:00 on weekdays', why: 'no activity-time data: a neutral default' };
  const best = scored.sort((a, b) => (b.share as number) - (a.share as number) || b.zz - a.zz)[0]!;
  // The busiest period only matters when this segment leans to it more than everyone does.
  if (best.zz < 0.3) return { window: '10:00–12:00 on weekdays', why: `no time-of-day signal of their own (their busiest period, the ${best.name}, is as busy for everyone): a neutral default` };
  const weekend = z(s, 'text_weekend_share') > 0.5 || z(s, 'weekend_order_share') > 0.5;
  return {
    window: `${best.window}${weekend ? ' at weekends' : ''}`,
    why: `${Math.round((best.share as number) * 100)}% of their messages are sent in the ${best.name}`,
  };
}

function describeZ(v: number): string {
  if (v > 1) return 'far above average';
  if (v > 0.3) return 'above average';
  if (v < -1) return 'far below average';
  if (v < -0.3) return 'below average';
  return 'about average';
}

function round(v: number): number {
  return Math.round(v * 1000) / 1000;
}
