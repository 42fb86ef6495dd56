import { describe, expect, it } from 'vitest';
import type { FeatureContrast } from '../describe/top-features.ts';
import { draftCampaign, rankCampaigns } from './campaign.ts';
import { mapChannels } from './channels.ts';
import type { SegmentSignals } from './signals.ts';

const c = (feature: string, zz: number, segmentMean = 0.5): FeatureContrast => ({
  feature,
  description: feature,
  block: 'behavioural',
  segmentMean,
  populationMean: 0.3,
  lift: null,
  z: zz,
  direction: zz >= 0 ? 'higher' : 'lower',
});

const skeptics: SegmentSignals = {
  index: 0,
  label: 'Trust skeptics',
  size: 60,
  share: 0.16,
  contrasts: [c('share_web', 1.4), c('share_app', -1.1), c('cancellation_rate', 2.1), c('text_morning_share', 0.2, 0.4), c('text_evening_share', -0.3, 0.2)],
  topTerms: [{ term: 'fraud', score: 1, texts: 9 }, { term: 'refund', score: 0.8, texts: 7 }],
  value: { meanClv: 40, churnRisk: 'medium', proxy: false },
};

const nightOwls: SegmentSignals = {
  index: 1,
  label: 'Night browsers',
  size: 50,
  share: 0.14,
  contrasts: [c('share_app', 1.8), c('share_web', -1.2), c('text_night_share', 2.5, 0.8), c('emoji_rate', 0.9)],
  topTerms: [{ term: 'app', score: 1, texts: 12 }, { term: 'wishlist', score: 0.7, texts: 6 }],
  value: { meanClv: 120, churnRisk: 'low', proxy: false },
};

describe('channel mapper', () => {
  it('ranks channels by behaviour and explains why', () => {
    const plan = mapChannels(skeptics);
    expect(plan.channels[0]?.channel).toBe('web');
    expect(plan.channels.at(-1)?.channel).toBe('app');
    expect(plan.tone.style).toMatch(/reassuring/);
    expect(plan.offer.type).toMatch(/risk-free/);
    // Their busiest period (morning, z 0.2) is not a signal of their own: a labelled neutral default.
    expect(plan.sendTime.window).toBe('10:00–12:00 on weekdays');
    expect(plan.sendTime.why).toMatch(/no time-of-day signal of their own/);
  });

  it('says there is no channel signal instead of planning from habits everyone shares', () => {
    const flat: SegmentSignals = { ...skeptics, index: 2, contrasts: [c('share_web', 0.1), c('share_app', -0.05), c('mention_density', 0.2)], topTerms: [] };
    const plan = mapChannels(flat);
    expect(plan.channels).toHaveLength(1);
    expect(plan.channels[0]!.why).toMatch(/^no channel signal in this data/);
  });

  it('sends to night owls at night, in the app, playfully', () => {
    const plan = mapChannels(nightOwls);
    expect(plan.channels[0]?.channel).toBe('app');
    expect(plan.sendTime.window).toBe('22:00–02:00');
    expect(plan.tone.style).toMatch(/playful/);
  });
});

describe('campaign drafts', () => {
  it('drafts an objective, plan and KPI per segment and ranks by value at stake', () => {
    const drafts = rankCampaigns([draftCampaign(skeptics, mapChannels(skeptics)), draftCampaign(nightOwls, mapChannels(nightOwls))]);
    expect(drafts[0]).toMatchObject({ segmentIndex: 1, rank: 1, valueAtStake: 6000 });
    expect(drafts[1]).toMatchObject({ segmentIndex: 0, rank: 2, valueAtStake: 2400 });
    expect(drafts[1]?.objective).toMatch(/trust|refund/i);
    expect(drafts[1]?.kpi.metric).toMatch(/refund/);
    expect(drafts[1]?.channelPlan[0]).toMatchObject({ channel: 'web', role: 'lead channel' });
  });
});
