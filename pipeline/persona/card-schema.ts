/** The persona card: one schema for both writers, the database, the API and the Slack blocks. */
import { z } from 'zod';

export const keyStatSchema = z.object({
  key: z.string().min(1).describe('The key of the statistic this number quotes, exactly as given'),
  label: z.string().min(1).max(200).describe('What the number means, in plain words'),
  value: z.number().describe('The statistic’s value, exactly as given'),
  display: z.string().min(1).max(60).describe('How the number is shown, e.g. "16.1%" or "3.3×"'),
});

export const personaCardSchema = z.object({
  name: z.string().min(3).max(80).describe('A memorable persona name with a short descriptor, e.g. "Tessa, the trust skeptic"'),
  archetype: z.string().min(3).max(60).describe('The archetype in two to four words'),
  ageBand: z.string().min(1).max(40).describe('Age band such as "35–44", or "not in the data"'),
  occupation: z.string().min(1).max(80).describe('Occupation if the data shows it, else "not in the data"'),
  bio: z.string().min(20).max(700).describe('Two to four sentences describing the segment as one person, from the statistics'),
  goals: z.array(z.string().min(3).max(300)).min(2).max(5).describe('What they want to achieve'),
  frustrations: z.array(z.string().min(3).max(300)).min(2).max(5).describe('What gets in their way'),
  motivations: z.array(z.string().min(3).max(300)).min(2).max(5).describe('What moves them to act'),
  preferredChannels: z.array(z.string().min(2).max(40)).min(1).max(4).describe('Channels that reach them'),
  quotes: z.array(z.string().min(1).max(400)).max(4).describe('Verbatim snippets of the segment’s evidence texts'),
  keyStats: z.array(keyStatSchema).min(2).max(6).describe('Numbers that define the segment, each naming its statistic'),
});

export type PersonaCard = z.infer<typeof personaCardSchema>;
export type KeyStat = z.infer<typeof keyStatSchema>;
