/** Which fragment pools each planted segment writes from. */
import type { SegmentId } from '../segments.ts';
import { appDeals, courierVisit, presents } from './bridges.ts';
import { dealsTopic } from './deals.ts';
import { deliveryTopic } from './delivery.ts';
import { giftsTopic } from './gifts.ts';
import { mobileTopic } from './mobile.ts';
import type { TopicPools } from './pools.ts';
import { premiumTopic } from './premium.ts';
import { trustTopic } from './trust.ts';

export type { TopicPools } from './pools.ts';

export const topics: Readonly<Record<SegmentId, TopicPools>> = {
  trust_skeptics: trustTopic,
  deal_hunters: dealsTopic,
  loyal_premium: premiumTopic,
  delivery_complainers: deliveryTopic,
  gift_shoppers: giftsTopic,
  mobile_night: mobileTopic,
};

/** A concern two segments share; its texts borrow openers, details and closers from both voices. */
export interface Bridge {
  readonly between: readonly [SegmentId, SegmentId];
  readonly pools: TopicPools;
}

function bridge(a: SegmentId, b: SegmentId, cores: readonly string[]): Bridge {
  const [x, y] = [topics[a], topics[b]];
  return {
    between: [a, b],
    pools: { openers: [...x.openers, ...y.openers], cores, details: [...x.details, ...y.details], closers: [...x.closers, ...y.closers] },
  };
}

/** Trust skeptics share none: their worries stay their own, so "who are my trust skeptics?" has a clean answer. */
export const bridges: readonly Bridge[] = [
  bridge('deal_hunters', 'mobile_night', appDeals),
  bridge('loyal_premium', 'delivery_complainers', courierVisit),
  bridge('loyal_premium', 'gift_shoppers', presents),
];
