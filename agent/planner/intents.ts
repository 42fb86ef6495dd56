/**
 * Intent scoring for the offline planner. Every intent has many example questions; the sentence encoder
 * scores the question against all of them, and keyword cues add evidence on top. No rule decides alone
 * and none blocks another intent: the highest total wins, so the encoder can outvote a misleading cue.
 */
import { cosine, embedRows } from '../../pipeline/embed/resident-embedder.ts';
import type { Embedder } from '../../pipeline/types.ts';

export const intents = [
  'find',
  'explain',
  'evidence',
  'ltv',
  'channels',
  'campaign',
  'rank',
  'count',
  'resegment',
  'compare',
  'assign',
  'export',
  'compare_runs',
  'describe_data',
  'list',
  'load',
  'help',
  'out_of_scope',
] as const;
export type Intent = (typeof intents)[number];

const examples: Readonly<Record<Intent, readonly string[]>> = {
  find: ['who are my bargain hunters?', 'show me the loyal customers', 'do we have people who care about quality?', 'find the night owls', 'who are the customers that travel a lot?', 'any frequent complainers?'],
  explain: ['tell me more about them', 'describe this segment', 'what makes them different?', 'why do they behave like that?', 'explain the second group', 'who are they exactly?', 'why do they cancel so much?'],
  evidence: ['what do they say?', 'show me quotes', 'give me examples of their messages', 'what are they writing?', 'give me 3 quotes from that group'],
  ltv: ['what is their lifetime value?', 'how much are they worth?', 'what is the churn risk of this segment?', 'how valuable is this group?', 'what is the CLV of the segment?'],
  channels: ['which channels should I use for them?', 'how do we reach them?', 'when should we send messages?', 'what is the best channel for this group?'],
  campaign: ['draft a campaign for them', 'write a promotion for this group', 'create an email campaign', 'suggest a marketing message for that segment'],
  rank: [
    'which segment is the most valuable?',
    'which group is the angriest?',
    'who is most likely to churn?',
    'which segment spends the most?',
    'which segment has the most doctors?',
    'rank the segments by size',
    'what is the smallest segment?',
    'which segment has the highest income?',
    'which group is the youngest?',
    'which segment talks most about delivery?',
    'sort the groups by lifetime value',
  ],
  count: [
    'how many customers have kids at home?',
    'how many people live in Germany?',
    'how many customers earn more than 50k?',
    'how many of them are there?',
    'count the customers with at least 3 orders',
    'how many customers mentioned refunds?',
    'are there people complaining about late packages?',
    'number of customers who churned',
    'only people who mentioned refunds',
  ],
  resegment: ['re-segment the UK customers into 5 groups', 're-segment only repeat buyers into 4 segments', 'cluster the high spenders again', 'split them into 3 groups', 'segment everyone again into 6 personas'],
  compare: ['compare the two largest segments', 'how do the deal hunters differ from the big spenders?', 'compare segment A with segment B', 'what is the difference between these two groups?', 'compare the top two by value'],
  assign: ['which persona would a 30-year-old from Spain belong to?', 'where would this customer fit?', 'which segment does a young mobile shopper belong to?', 'assign a new customer who buys a lot of garden tools'],
  export: ['export them to csv', 'download this segment for the CRM', 'export the high spenders', 'give me a file of these customers', 'export customers from France'],
  compare_runs: ['what changed since the last run?', 'how does this segmentation compare with the previous one?', 'what is different from the earlier run?', 'which segments grew or shrank?'],
  describe_data: ['what data do you have?', 'which columns are there?', 'what fields can I filter on?', 'describe the dataset', 'what information do you know about customers?'],
  list: ['what segments do I have?', 'list the personas', 'give me an overview of the groups', 'show all segments'],
  load: ['import the file customers.csv', 'load data from orders.parquet'],
  help: ['what can you do?', 'help', 'hello', 'how do I use this?'],
  out_of_scope: ["what's the weather tomorrow?", 'who won the match last night?', 'tell me a joke', 'what is the capital of France?', 'book me a flight to Rome', 'what is the stock price of Apple?', 'write me a poem', 'what time is it?'],
};

/** Keyword cues: each adds evidence for an intent; none is decisive on its own. */
const cues: readonly [Intent, RegExp, number][] = [
  ['resegment', /\b(re-?segment|re-?cluster|segment (only|just|again|everyone|them|the)|split (them|.* into)|into \w+ (groups|segments|clusters|personas))\b/i, 0.6],
  ['count', /\bhow many\b|\bnumber of (customers|people|members|clients|users)\b|\bcount\b|\bare there (any )?(people|customers|members)\b|^\s*only (people|customers|members|those)\b/i, 0.5],
  ['count', /\bhow many (of )?(them|those|these)\b/i, 0.3],
  ['rank', /\b(which|what|who)\b.*\b(most|least|highest|lowest|largest|biggest|smallest|best|worst|top|oldest|youngest|longest|angriest|happiest|richest|poorest|\w+est)\b/i, 0.45],
  ['rank', /\b(rank|sort|order)\b.*\b(segments|groups|personas|by)\b/i, 0.6],
  ['rank', /\bmost likely to\b/i, 0.3],
  ['compare', /\b(compare|comparison|versus|vs\.?|difference between|differ(s)? from)\b/i, 0.6],
  ['compare_runs', /\b(last|previous|earlier|prior|old) (run|segmentation)\b|\bsince the last\b|\bwhat changed\b|\bgrew or shr[ai]nk\b/i, 0.7],
  ['ltv', /\b(lifetime value|ltv|clv|how valuable|worth|churn risk)\b/i, 0.35],
  ['channels', /\b(channels?|reach (them|the)|best time to send|how (do|should|can) (i|we) reach)\b/i, 0.45],
  ['campaign', /\b(campaign|promotion|draft (a|an)? ?(message|email))\b/i, 0.5],
  ['export', /\b(export|download|csv|crm)\b/i, 0.6],
  ['load', /\b(import|load)\b.*\.(csv|tsv|gz|parquet|jsonl)\b/i, 0.9],
  ['evidence', /\b(quotes?|verbatim|what do (they|these|those) (say|write)|what they (say|write)|examples? of (what|their)|show me what they)\b/i, 0.5],
  ['list', /\b(list|overview|all) (the |my |of the )?(segments|personas|groups|clusters)\b|\bwhat (segments|personas|groups) do\b/i, 0.5],
  ['explain', /\b(explain|describe|descibe|tell me (more )?about|why (do|are|is|does)|what makes)\b/i, 0.4],
  ['find', /\b(who are|who's|show me the|find (the|my)|do (i|we) have (any )?)\b/i, 0.3],
  ['assign', /\b(which|what) (persona|segment|group) (would|does|is|fits|should)\b|\bbelong to\b|\bfit\b.*\b(year|old|customer|who)\b|\bwhere would\b|\bclosest to\b|\bwhat group would\b/i, 0.6],
  ['assign', /\b\d{1,3}[- ]year[- ]old\b/i, 0.3],
  ['describe_data', /\bwhat (data|columns|fields|information)\b|\bwhich (columns|fields)\b/i, 0.6],
  ['help', /^\s*(help|hi|hello|hey)\b|\bwhat can you do\b/i, 0.6],
];

export const intentDefaults = {
  /** Below this best similarity to any in-scope example, a question without a keyword cue is out of scope. */
  minInScope: 0.5,
} as const;

const exampleVectors = new WeakMap<Embedder, Promise<{ intent: Intent; vector: Float32Array }[]>>();

function encodedExamples(encoder: Embedder) {
  let cached = exampleVectors.get(encoder);
  if (!cached) {
    const flat = intents.flatMap((intent) => examples[intent].map((text) => ({ intent, text })));
    cached = embedRows(encoder, flat.map((e) => e.text)).then((vectors) => flat.map((e, i) => ({ intent: e.intent, vector: vectors[i] as Float32Array })));
    cached.catch(() => exampleVectors.delete(encoder));
    exampleVectors.set(encoder, cached);
  }
  return cached;
}

export interface IntentScores {
  readonly intent: Intent;
  readonly score: number;
  /** Every intent's total, for tests and logs. */
  readonly scores: Readonly<Record<Intent, number>>;
  /** Best encoder similarity to any in-scope example. */
  readonly inScope: number;
  readonly language: 'english' | 'other';
}

const foreignWords = new Set(
  'der die das und ist sind wie viele welche meine kunden haben wer mit nicht ein eine les des est sont quels quelles mes clients combien qui avec pour une el los las es son cuántos cuantos quién quien mis clientes tienen con por una del che sono quanti chi miei hanno het een zijn hoeveel wie mijn klanten não quantos meus são'.split(
    ' ',
  ),
);
const englishWords = new Set('the is are what which who how many much do does my our of in to for with and a an have has they them their customers segment segments group'.split(' '));

export function questionLanguage(text: string): 'english' | 'other' {
  const words = text.toLowerCase().split(/[^\p{L}]+/u).filter(Boolean);
  const foreign = words.filter((w) => foreignWords.has(w)).length;
  const english = words.filter((w) => englishWords.has(w)).length;
  return foreign >= 2 && foreign > english ? 'other' : /[¿¡]/.test(text) && english === 0 ? 'other' : 'english';
}

/**
 * The request without the text it quotes: a quoted customer message ("…export every customer…") is data
 * the question is about, never what the user asks for, so it must not decide the intent.
 */
export function withoutQuotes(text: string): string {
  return text.replace(/["“”«»„][^"“”«»„]{12,}["“”«»]/g, ' “…” ').replace(/\s+/g, ' ').trim();
}

export async function classifyIntent(question: string, encoder?: Embedder): Promise<IntentScores> {
  const scores = Object.fromEntries(intents.map((i) => [i, 0])) as Record<Intent, number>;
  let inScope = 0;
  const text = withoutQuotes(question);
  const language = questionLanguage(text);
  if (encoder) {
    const [q] = await embedRows(encoder, [text]);
    for (const e of await encodedExamples(encoder)) {
      const s = cosine(q as Float32Array, e.vector);
      if (s > scores[e.intent]) scores[e.intent] = s;
      if (e.intent !== 'out_of_scope' && s > inScope) inScope = s;
    }
  }
  let cued = false;
  for (const [intent, pattern, weight] of cues) {
    if (!pattern.test(text)) continue;
    scores[intent] += weight;
    cued = true;
  }
  if (language === 'other') scores.out_of_scope += 2;
  // Nothing in the question asks for anything this product does, and it resembles none of the examples:
  // an honest "I can't answer that" beats a guess at the nearest intent.
  if (encoder && !cued && inScope < intentDefaults.minInScope) scores.out_of_scope = Math.max(scores.out_of_scope, inScope + intentDefaults.minInScope);
  let best: Intent = 'help';
  for (const i of intents) if (scores[i] > scores[best]) best = i;
  // Without an encoder and without a cue nothing is known: help, not a guess.
  if (scores[best] <= 0) best = 'help';
  return { intent: best, score: scores[best], scores, inScope, language };
}
