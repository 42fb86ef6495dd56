/**
 * Cards in a run must read as different people: no two share a name, and no two share more than half
 * of their goals or of their frustrations (compared case- and space-insensitively).
 */
import type { PersonaCard } from './card-schema.ts';

const norm = (s: string) => s.toLowerCase().replace(/\s+/g, ' ').trim();

/** Items two lists share, as a share of the shorter list. */
export function overlap(a: readonly string[], b: readonly string[]): number {
  if (!a.length || !b.length) return 0;
  const other = new Set(b.map(norm));
  const shared = new Set(a.map(norm).filter((x) => other.has(x))).size;
  return shared / Math.min(a.length, b.length);
}

/** Why two cards are too alike, or null when they are distinct. */
export function tooAlike(a: PersonaCard, b: PersonaCard): string | null {
  if (norm(a.name) === norm(b.name)) return `same name "${a.name}"`;
  for (const field of ['goals', 'frustrations'] as const) {
    const o = overlap(a[field], b[field]);
    if (o > 0.5) return `shares ${Math.round(o * 100)}% of its ${field} with "${b.name}"`;
  }
  return null;
}

/** Every pair of cards in a run that is too alike (empty when the run's cards are distinct). */
export function distinctnessProblems(cards: readonly PersonaCard[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < cards.length; i++) {
    for (let j = i + 1; j < cards.length; j++) {
      const why = tooAlike(cards[i] as PersonaCard, cards[j] as PersonaCard);
      if (why) out.push(`cards ${i} and ${j}: ${why}`);
    }
  }
  return out;
}
