/**
 * Intent and slot extraction for the offline planner. Keyword rules decide when they are clear; the
 * sentence encoder compares the question with example questions per intent when they are not.
 */
import { cosine } from '../../pipeline/embed/resident-encoder.ts';
import type { TextEncoder } from '../../tools/types.ts';

export type Intent =
  | 'find'
  | 'explain'
  | 'resegment'
  | 'filter'
  | 'ltv'
  | 'channels'
  | 'campaign'
  | 'evidence'
  | 'compare'
  | 'list'
  | 'export'
  | 'load'
  | 'help';

const rules: readonly [Intent, RegExp][] = [
  ['resegment', /\b(re-?segment|re-?cluster|segment (only|just|again)|split .* into|into \d+ (groups|segments|clusters|personas))\b/i],
  ['filter', /\bhow many (customers|people|buyers)\b/i],
  ['compare', /\b(compare|versus|vs\.?|difference between|differ)\b/i],
  ['ltv', /\b(lifetime value|ltv|clv|worth|how valuable|churn|value of)\b/i],
  ['channels', /\b(channels?|how (do|should) (i|we) reach|best time to send|where to reach)\b/i],
  ['campaign', /\b(campaign|draft (a|an)? ?(message|email)|promotion)\b/i],
  // Before export: "import x.csv" names a file, it does not ask for a CSV export.
  ['load', /\b(import|load) (the )?(file|data|dataset)?\s*\S+\.(csv|tsv|gz|parquet|jsonl)\b/i],
  ['export', /\b(export|download|csv|crm)\b/i],
  ['evidence', /\b(quotes?|evidence|what do (they|these|those) (say|write)|examples? of what|verbatim)\b/i],
  ['list', /\b(list|overview|all|what|which) (the |my |of the )?(segments|personas|groups|clusters)\b/i],
  ['explain', /\b(explain|describe|tell me (more )?about (them|this|that|segment \d+)|who are they|more about them)\b/i],
  ['find', /\b(who are|who's|show me|find|tell me about|any|do (i|we) have) (my |the |our )?\w/i],
];

const examples: Readonly<Record<Intent, readonly string[]>> = {
  find: ['who are my trust skeptics?', 'show me the bargain hunters', 'do we have loyal big spenders?'],
  explain: ['tell me more about them', 'describe this segment', 'what makes them different?'],
  resegment: ['re-segment only repeat buyers into 5 groups', 'cluster the UK customers again', 'split high spenders into 3 segments'],
  filter: ['how many customers have at least 3 orders?', 'how many buyers spent over 1000?'],
  ltv: ['what is their lifetime value?', 'how much are they worth?', 'what is the churn risk?'],
  channels: ['which channels should I use for them?', 'how do we reach them?', 'when should we send?'],
  campaign: ['draft a campaign for them', 'write a promotion for this group'],
  evidence: ['what do they say?', 'show me quotes', 'give me examples of their messages'],
  compare: ['compare segment 1 and segment 2', 'how do they differ from the deal hunters?'],
  list: ['what segments do I have?', 'list the personas', 'give me an overview'],
  export: ['export them to csv', 'download this segment for the CRM'],
  load: ['import the file customers.csv'],
  help: ['what can you do?', 'help', 'hello'],
};

export async function classifyIntent(text: string, encoder?: TextEncoder): Promise<{ intent: Intent; by: 'rule' | 'encoder' | 'default'; score: number }> {
  for (const [intent, pattern] of rules) if (pattern.test(text)) return { intent, by: 'rule', score: 1 };
  if (encoder) {
    const entries = Object.entries(examples) as [Intent, readonly string[]][];
    const flat = entries.flatMap(([, e]) => e);
    const [q, ...vectors] = await encoder.encode([text, ...flat]);
    let best: { intent: Intent; score: number } = { intent: 'help', score: 0 };
    let at = 0;
    for (const [intent, list] of entries) {
      for (let i = 0; i < list.length; i++) {
        const score = cosine(q as Float32Array, vectors[at + i] as Float32Array);
        if (score > best.score) best = { intent, score };
      }
      at += list.length;
    }
    if (best.score >= 0.45) return { ...best, by: 'encoder' };
  }
  return { intent: 'help', by: 'default', score: 0 };
}

export interface Slots {
  readonly k?: number;
  readonly minOrders?: number;
  readonly maxOrders?: number;
  readonly minSpend?: number;
  readonly maxSpend?: number;
  readonly country?: string[];
  readonly textContains?: string;
  readonly segmentIds: number[];
  /** The described group ("trust skeptics"), when the question names one instead of "them". */
  readonly phrase: string | null;
  readonly file?: string;
  readonly format?: 'csv' | 'json';
}

const numberWords: Record<string, number> = { two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12 };
const num = (s: string) => numberWords[s.toLowerCase()] ?? Number(s.replace(/,/g, ''));
const N = '(\\d[\\d,]*(?:\\.\\d+)?|two|three|four|five|six|seven|eight|nine|ten|twelve)';

export function extractSlots(text: string): Slots {
  const t = text.replace(/[’]/g, "'");
  const grab = (re: RegExp) => t.match(re)?.[1];
  const k = grab(new RegExp(`into ${N} (?:groups|segments|clusters|personas)`, 'i')) ?? grab(new RegExp(`\\bk\\s*=\\s*${N}`, 'i'));
  const minOrders =
    grab(new RegExp(`(?:at least|minimum of|min(?:imum)?|>=)\\s*${N}\\s*(?:orders|purchases|invoices)`, 'i')) ??
    grab(new RegExp(`(?:more than|over)\\s*${N}\\s*(?:orders|purchases)`, 'i'))?.replace(/^(.*)$/, (m) => String(num(m) + 1)) ??
    (/\b(repeat|returning) (buyers|customers)\b/i.test(t) ? '2' : undefined);
  const maxOrders = grab(new RegExp(`(?:at most|no more than|<=)\\s*${N}\\s*(?:orders|purchases)`, 'i')) ?? (/\bone-?time (buyers|customers)\b/i.test(t) ? '1' : undefined);
  const minSpend = grab(new RegExp(`(?:spent|spend(?:ing)?)\\s*(?:at least|over|more than)\\s*[£$€]?${N}`, 'i'));
  const maxSpend = grab(new RegExp(`(?:spent|spend(?:ing)?)\\s*(?:at most|under|less than)\\s*[£$€]?${N}`, 'i'));
  // A place is a capitalised name after in/from ("customers in Germany", "from the United Kingdom").
  const country = t.match(/\b(?:in|from) (?:the )?([A-Z][\p{L}]+(?: [A-Z][\p{L}]+)*)/u)?.[1];
  const keyword = grab(/\b(?:mention(?:ing|s)?|talking about|who (?:say|write|talk about)|about the word)\s+["“']?([\p{L}\p{N}-]{3,40})/iu);
  const segmentIds = [...t.matchAll(/\bsegments?\s+#?(\d+)(?:\s*(?:and|&|,|vs\.?|versus)\s*#?(\d+))?/gi)].flatMap((m) => [m[1], m[2]].filter(Boolean).map(Number));
  const file = grab(/\b(\S+\.(?:csv|tsv|gz|parquet|jsonl))\b/i);
  return {
    ...(k ? { k: num(k) } : {}),
    ...(minOrders ? { minOrders: num(minOrders) } : {}),
    ...(maxOrders ? { maxOrders: num(maxOrders) } : {}),
    ...(minSpend ? { minSpend: num(minSpend) } : {}),
    ...(maxSpend ? { maxSpend: num(maxSpend) } : {}),
    ...(country ? { country: [country.replace(/^UK$/, 'United Kingdom')] } : {}),
    ...(keyword ? { textContains: keyword.toLowerCase() } : {}),
    segmentIds,
    phrase: describedGroup(t),
    ...(file ? { file } : {}),
    ...(/\bjson\b/i.test(t) ? { format: 'json' as const } : {}),
  };
}

const pronoun = /^(them|they|those|these|this( segment| group| persona)?|that( segment| group| persona)?|it|the segment|segment \d+|him|her)$/i;

/** "who are my trust skeptics?" → "trust skeptics"; "what is their lifetime value?" → null (focus). */
export function describedGroup(text: string): string | null {
  const t = text.trim().replace(/[?!.]+$/, '');
  const patterns = [
    /\b(?:who are|who's|show me|find|tell me about|any|do (?:i|we) have)\s+(?:my|the|our|all)?\s*(.+)$/i,
    /\b(?:for|of|about|to reach|reach)\s+(?:my|the|our)?\s*(.+)$/i,
  ];
  for (const p of patterns) {
    const m = t.match(p);
    const phrase = m?.[1]?.trim().replace(/\s+(segment|group|persona|customers)$/i, '').trim();
    if (phrase && !pronoun.test(phrase) && !/^(them|they|their)\b/i.test(phrase) && phrase.length >= 3) return phrase;
  }
  return null;
}
