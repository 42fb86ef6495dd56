import { describe, expect, it } from 'vitest';
import type { SegmentValue } from '../types.ts';
import { noDatesNote, snapshotNote } from '../value/segment-value.ts';
import { bio } from './card-parts.ts';
import { contrast, segment } from './test-helpers.ts';

const proxy = (note: string): SegmentValue => ({
  method: 'snapshot-proxy', note, horizonMonths: 0, customers: 40, meanClv: 72.4, totalClv: 2896, expectedPurchases: null, probabilityAlive: null, churnRisk: null, currency: null,
});

describe('card bio when purchases have no dates', () => {
  const busy = {
    index: 0,
    label: 'Evening readers',
    terms: ['chapter', 'bookmark', 'audiobook'],
    features: [contrast('visits', 'visits per month', 9, 3, 1.4), contrast('pages', 'pages read', 300, 90, 1.1)],
    extra: [contrast('plan_family', '1 when plan is "family"', 0.8, 0.3, 1.2)],
    peakHour: 21,
  };

  it('says value uses the spend proxy because there are no dates, even when the bio is full', () => {
    const text = bio('Ines', segment({ ...busy, value: proxy(noDatesNote) }));
    expect(text).toContain('Each has spent 72 on average (the transactions have no dates, so value uses the spend proxy).');
    expect(text.split(/(?<=\.)\s+(?=[A-Z])/).length).toBeLessThanOrEqual(4);
  });

  it('keeps the usual proxy wording when the data simply has no transactions', () => {
    const text = bio('Ines', segment({ index: 1, label: 'Quiet', value: proxy(snapshotNote) }));
    expect(text).toContain('current spend, used as a value proxy');
    expect(text).not.toContain('no dates');
  });
});
