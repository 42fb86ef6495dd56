/**
 * A small member table in a vocabulary none of the bundled datasets use (a fitness club: professions,
 * regions, visits, an "Exited" flag): the agent gate's data. Four planted groups, seeded.
 */
import { writeFileSync } from 'node:fs';
import { createRng, type Rng } from '../../lib/rng.ts';

interface Group {
  readonly size: number;
  readonly professions: readonly string[];
  readonly regions: readonly string[];
  readonly age: readonly [number, number];
  readonly income: readonly [number, number];
  readonly visits: readonly [number, number];
  readonly kids: readonly [number, number];
  readonly premium: number;
  readonly exited: number;
}

const groups: readonly Group[] = [
  { size: 70, professions: ['Doctor', 'Doctor', 'Lawyer'], regions: ['United Kingdom', 'Netherlands'], age: [40, 60], income: [90_000, 140_000], visits: [10, 18], kids: [0, 2], premium: 0.85, exited: 0.05 },
  { size: 55, professions: ['Teacher', 'Teacher', 'Nurse'], regions: ['New Zealand', 'United Kingdom'], age: [28, 45], income: [35_000, 55_000], visits: [2, 6], kids: [1, 3], premium: 0.2, exited: 0.55 },
  { size: 45, professions: ['Engineer', 'Artist'], regions: ['Chile', 'Netherlands'], age: [20, 32], income: [30_000, 70_000], visits: [6, 12], kids: [0, 0], premium: 0.4, exited: 0.2 },
  { size: 30, professions: ['Farmer', 'Nurse'], regions: ['New Zealand', 'Chile'], age: [50, 70], income: [25_000, 45_000], visits: [1, 4], kids: [0, 1], premium: 0.1, exited: 0.35 },
];

const between = (rng: Rng, [lo, hi]: readonly [number, number]) => lo + rng.next() * (hi - lo);
const pick = <T>(rng: Rng, items: readonly T[]) => items[rng.int(items.length)] as T;

export const generatedColumns = ['member_id', 'Profession', 'Region', 'Age', 'Kids', 'AnnualIncome', 'VisitsPerMonth', 'Premium', 'MonthlySpend', 'Exited'] as const;

export function generateMembers(seed = 7): string[][] {
  const rng = createRng(seed);
  const rows: string[][] = [];
  let id = 1;
  for (const g of groups) {
    for (let i = 0; i < g.size; i++) {
      const premium = rng.next() < g.premium;
      const visits = Math.round(between(rng, g.visits));
      rows.push([
        `M-${String(id++).padStart(4, '0')}`,
        pick(rng, g.professions),
        pick(rng, g.regions),
        String(Math.round(between(rng, g.age))),
        String(Math.round(between(rng, g.kids))),
        String(Math.round(between(rng, g.income) / 100) * 100),
        String(visits),
        premium ? 'Yes' : 'No',
        (visits * (premium ? 6.5 : 3.2) + 20).toFixed(2),
        rng.next() < g.exited ? 'Yes' : 'No',
      ]);
    }
  }
  return rows;
}

export function writeMembersCsv(file: string, seed = 7): void {
  const lines = [generatedColumns.join(','), ...generateMembers(seed).map((r) => r.join(','))];
  writeFileSync(file, `${lines.join('\n')}\n`);
}
