/**
 * Persona first names: a fixed list, chosen per segment from a generator seeded by its label, so the
 * same segment gets the same name in every run. The name alliterates with the persona's epithet when a
 * free name with that initial exists ("Wary Wendy"); names are never reused within a run.
 */
import { createRng } from '../../lib/rng.ts';

export const firstNames: readonly string[] = [
  'Amara', 'Arjun', 'Aisha', 'Anton', 'Bianca', 'Bruno', 'Bea', 'Basil', 'Clara', 'Chidi', 'Carmen', 'Conor',
  'Daniel', 'Dana', 'Dev', 'Delia', 'Elena', 'Emeka', 'Elif', 'Ezra', 'Freya', 'Felix', 'Fatima', 'Finn',
  'Grace', 'Gabriel', 'Gemma', 'Goran', 'Hana', 'Hugo', 'Hattie', 'Hamid', 'Ingrid', 'Imran', 'Iris', 'Ivo',
  'Jonas', 'Jade', 'Javier', 'Juno', 'Kofi', 'Kira', 'Kenji', 'Keira', 'Lena', 'Leo', 'Lucia', 'Luca',
  'Maya', 'Marco', 'Mina', 'Mateo', 'Nora', 'Nikhil', 'Nadia', 'Noah', 'Owen', 'Olga', 'Omar', 'Olive',
  'Priya', 'Paolo', 'Petra', 'Pablo', 'Quinn', 'Ravi', 'Rosa', 'Rhys', 'Rania', 'Sofia', 'Samir', 'Sadie',
  'Stefan', 'Tessa', 'Tomas', 'Tara', 'Theo', 'Uma', 'Ulrich', 'Una', 'Victor', 'Vera', 'Vikram', 'Viola',
  'Wendy', 'Wes', 'Wanda', 'Wim', 'Yusuf', 'Yara', 'Yuki', 'Zara', 'Zane', 'Zeynep',
];

/** A first name for a segment, unique among `used` (which it extends). */
export function pickFirstName(label: string, epithet: string, used: Set<string>): string {
  const rng = createRng(0).fork(`persona-name:${label}`);
  const initial = epithet.charAt(0).toUpperCase();
  const rotate = (names: readonly string[]) => {
    const start = names.length ? rng.int(names.length) : 0;
    return [...names.slice(start), ...names.slice(0, start)];
  };
  let name = rotate(firstNames.filter((n) => n.startsWith(initial))).find((n) => !used.has(n)) ?? rotate(firstNames).find((n) => !used.has(n));
  // More segments than names: number them, still unique.
  for (let k = 2; !name; k++) name = firstNames.map((n) => `${n} ${k}`).find((n) => !used.has(n));
  used.add(name);
  return name;
}
