/**
 * A hand-made run snapshot for the metric tests: three segments of a bicycle-repair shop with their own
 * words, statistics and cards that are right by construction, and helpers to break a card on purpose.
 */
import type { CardUnderTest, RunSnapshot, SegmentSnapshot } from './snapshot.ts';

const texts = [
  [
    'my chain keeps slipping on the steep climb, please tune the gears',
    'the derailleur makes a grinding noise whenever I shift gears',
    'can you adjust the chain tension before the weekend climb',
    'gears skip under load on every hill, the chain needs a look',
  ],
  [
    'the invoice charged me twice for the brake pads, refund please',
    'why is the invoice higher than the quoted price for pads',
    'I paid the deposit but the invoice still shows it as unpaid',
    'please send a corrected invoice with the discount applied',
  ],
  [
    'the rental bike had a flat tyre when I picked it up at the station',
    'booking a rental for the family trip, do you have child seats',
    'rental return was late because of the flat tyre, sorry',
    'is the rental helmet included with the family booking',
  ],
];

const features = (i: number) => [
  { feature: 'repair_orders', description: 'repair orders per year', segmentMean: [6, 1, 0.5][i] as number, populationMean: 2.5, z: [1.6, -0.6, -0.9][i] as number },
  { feature: 'invoice_disputes', description: 'invoice disputes raised', segmentMean: [0.1, 2, 0.2][i] as number, populationMean: 0.77, z: [-0.7, 1.5, -0.6][i] as number },
  { feature: 'rental_days', description: 'rental days booked', segmentMean: [0, 0.5, 9][i] as number, populationMean: 3.2, z: [-0.8, -0.7, 1.7][i] as number },
  { feature: 'age', description: 'age (Age)', segmentMean: [34, 51, 41][i] as number, populationMean: 42, z: [-0.6, 0.7, 0][i] as number },
];

const cards: CardUnderTest[] = [
  {
    name: 'Gearhead Gus',
    archetype: 'Drivetrain tinkerer',
    ageBand: '25–34',
    occupation: 'not in the data',
    bio: 'Gus climbs hills every weekend and brings the bike in whenever the chain or gears misbehave.',
    goals: ['Keep the gears shifting cleanly on climbs', 'Get repair orders turned around before the weekend'],
    frustrations: ['Chain slipping under load', 'Derailleur noise after a repair'],
    motivations: ['Smooth rides', 'Fast service'],
    preferredChannels: ['email'],
    quotes: ['my chain keeps slipping on the steep climb', '“the derailleur makes a grinding noise whenever I shift gears”'],
    keyStats: [
      { key: 'size', value: 40, display: '40' },
      { key: 'feature.repair_orders.mean', value: 6, display: '6' },
    ],
  },
  {
    name: 'Billing Betty',
    archetype: 'Invoice checker',
    ageBand: '45–54',
    occupation: 'likely office worker',
    bio: 'Betty reads every invoice line and disputes charges that differ from the quoted price.',
    goals: ['Pay exactly the quoted price on every invoice', 'Receive a correct invoice the first time'],
    frustrations: ['Invoice disputes that take weeks', 'Deposits missing from the invoice'],
    motivations: ['Transparent pricing', 'Quick refunds'],
    preferredChannels: ['email', 'phone'],
    quotes: ['the invoice charged me twice for the brake pads'],
    keyStats: [
      { key: 'share_pct', value: 30, display: '30%' },
      { key: 'feature.invoice_disputes.mean', value: 2, display: '2' },
    ],
  },
  {
    name: 'Family Fiona',
    archetype: 'Weekend renter',
    ageBand: '35–44',
    occupation: 'not in the data',
    bio: 'Fiona books rental bikes for family trips and needs child seats and helmets ready at the station.',
    goals: ['Book a family rental in one go', 'Get helmets included with the rental'],
    frustrations: ['Flat tyre at pickup', 'Late return fees for rental bikes'],
    motivations: ['Family days out', 'Everything ready at pickup'],
    preferredChannels: ['app'],
    quotes: ['is the rental helmet included with the family booking'],
    keyStats: [
      { key: 'size', value: 30, display: '30' },
      { key: 'feature.rental_days.mean', value: 9, display: '9' },
    ],
  },
];

const sizes = [40, 30, 30];

export function fixtureSegment(i: number, card: CardUnderTest | null = cards[i] as CardUnderTest): SegmentSnapshot {
  const f = features(i);
  const stats = new Map<string, number>([
    ['size', sizes[i] as number],
    ['share_pct', ((sizes[i] as number) / 100) * 100],
  ]);
  for (const x of f) stats.set(`feature.${x.feature}.mean`, x.segmentMean).set(`feature.${x.feature}.population_mean`, x.populationMean);
  return {
    index: i,
    label: ['Repairs', 'Invoices', 'Rentals'][i] as string,
    card,
    texts: texts[i] as string[],
    description: ['Frequent repair orders on chains and gears', 'Raise invoice disputes', 'Book rental days for families'][i] as string,
    topTerms: [['chain', 'gears', 'climb'], ['invoice', 'refund', 'pads'], ['rental', 'family', 'tyre']][i] as string[],
    stats,
    features: f,
    channels: [['email', 'in-store'], ['email', 'phone'], ['app', 'social media']][i] as string[],
    stability: [0.95, 0.9, 0.85][i] as number,
  };
}

export function fixtureRun(override: (segments: SegmentSnapshot[]) => SegmentSnapshot[] = (s) => s): RunSnapshot {
  return { runId: 1, customers: 100, segments: override([0, 1, 2].map((i) => fixtureSegment(i))), columns: ['customer_id', 'age', 'city'] };
}

export function fixtureCard(i: number): CardUnderTest {
  return structuredClone(cards[i] as CardUnderTest);
}

/** The run with segment `i`'s card replaced. */
export function withCard(i: number, card: CardUnderTest | null): RunSnapshot {
  return fixtureRun((segments) => segments.map((s) => (s.index === i ? { ...s, card } : s)));
}
