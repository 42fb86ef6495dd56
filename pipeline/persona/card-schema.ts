/**
 * The persona card: one schema for both writers, the database, the API and the Slack blocks. The field
 * descriptions double as the model's instructions, so they say what may and may not be written.
 */
import { z } from 'zod';

export const cardLimits = { minItems: 0, maxItems: 5, maxQuotes: 4, minKeyStats: 2, maxKeyStats: 6, maxChannels: 4 } as const;

/** What a card says when the data has no answer; never a guess presented as data. */
export const notInData = 'not in the data';
export const unknownAge = 'unknown';

export const keyStatSchema = z
  .object({
    key: z.string().min(1).max(120).describe('The key of the statistic this number quotes, copied exactly from the statistics given'),
    label: z.string().min(1).max(200).describe('What the number means, in plain words'),
    value: z.number().finite().describe('The statistic’s value, copied exactly from the statistics given'),
    display: z.string().min(1).max(60).describe('How the number is shown, with exactly one number in it, e.g. "16.1%", "3.3×" or "1,204"'),
  })
  .describe('One number that defines the segment, naming the statistic it quotes');

const item = z.string().trim().min(3).max(300);

export const personaCardSchema = z
  .object({
    name: z.string().trim().min(3).max(80).describe('A human persona name with a short descriptor, e.g. "Patient Priya, the careful planner"'),
    archetype: z.string().trim().min(3).max(80).describe('The archetype in two to six words, e.g. "Careful planner"'),
    ageBand: z.string().trim().min(1).max(40).optional().describe('Age band such as "35–44" from an age statistic; left out when the data has no age'),
    occupation: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .optional()
      .describe('Occupation only when the data shows it; otherwise left out (an inference must say so, e.g. "likely …")'),
    bio: z.string().trim().min(40).max(800).describe('Two to four sentences describing the segment as one person, using only the facts given'),
    goals: z.array(item).min(cardLimits.minItems).max(cardLimits.maxItems).describe('Up to five things they want to achieve, specific to this segment'),
    frustrations: z.array(item).min(cardLimits.minItems).max(cardLimits.maxItems).describe('Up to five things that get in their way, specific to this segment'),
    motivations: z.array(item).min(cardLimits.minItems).max(cardLimits.maxItems).describe('Up to five things that move them to act'),
    preferredChannels: z.array(z.string().trim().min(2).max(40)).min(1).max(cardLimits.maxChannels).describe('One to four channels that reach them, best first'),
    quotes: z.array(z.string().min(1).max(400)).max(cardLimits.maxQuotes).describe('Zero to four quotes, each copied verbatim from the segment’s customer texts'),
    keyStats: z.array(keyStatSchema).min(cardLimits.minKeyStats).max(cardLimits.maxKeyStats).describe('Two to six numbers that define the segment, each naming its statistic'),
  })
  .describe('A persona card for one customer segment');

export type PersonaCard = z.infer<typeof personaCardSchema>;
export type KeyStat = z.infer<typeof keyStatSchema>;

/** Schema problems as short lines naming the field, for reports and the model's repair round. */
export function schemaProblems(candidate: unknown): string[] {
  const parsed = personaCardSchema.safeParse(candidate);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join('.') || 'card'}: ${i.message}`);
}
