/**
 * How customers write, from their kept texts: volume, length, punctuation and shouting, emoji, links,
 * mentions, thread depth, time of day and week (UTC), lexicon sentiment and the ratings they gave. All
 * in the `behavioural` block. text_count is zero for customers without texts; the other columns are
 * imputed later. The sentiment lexicon is English: it scores English texts only, and when most texts
 * are in another language there is no sentiment column at all (never a misleading 0); a rating or
 * score column stands in as the satisfaction signal. Timestamps that are all dates without a time give
 * no time-of-day shares.
 */
import { detectLanguage, type Language } from '../describe/language.ts';
import { isDateOnly } from '../describe/activity.ts';
import type { TextInput } from './inputs.ts';
import { sentimentScore } from './sentiment.ts';
import { isWeekend, utcHour } from './time.ts';
import { FeatureCollector, type Extraction } from './types.ts';

const urls = /https?:\/\/\S+|www\.\S+/gi;
const hasUrl = /https?:\/\/\S+|www\.\S+/i;
const mention = /(^|[^\w@])@\w+/g;
const emoji = /\p{Extended_Pictographic}/u;
const dayParts = ['night', 'morning', 'afternoon', 'evening'] as const;
const dayPartHours = ['0–6', '6–12', '12–18', '18–24'] as const;

interface Writer {
  texts: number;
  chars: number;
  questions: number;
  exclamations: number;
  upper: number;
  cased: number;
  emoji: number;
  urls: number;
  mentions: number;
  depth: number;
  timed: number;
  parts: [number, number, number, number];
  weekend: number;
  sentiment: number;
  /** Texts the sentiment lexicon could read (English). */
  scored: number;
  ratingSum: number;
  rated: number;
}

/** The English lexicon reads English texts (and short ones whose language is unclear). */
const lexiconLanguages: ReadonlySet<Language | 'unknown'> = new Set(['en', 'unknown']);

/**
 * The choices made from all customers' texts, so customers the extraction never saw get the same
 * columns: no time-of-day shares when every timestamp was a bare date, a sentiment column when enough
 * texts were English, a rating column when any text carried one. Stored with a run.
 */
export interface TextFit {
  readonly dateOnly: boolean;
  readonly sentiment: boolean;
  readonly rating: boolean;
}

export interface TextExtraction extends Extraction {
  readonly fit: TextFit;
}

/** `given`: an earlier extraction's fit, used instead of choosing the columns from these texts. */
export function extractTextBehaviour(texts: readonly TextInput[], index: ReadonlyMap<string, number>, given?: TextFit): TextExtraction {
  const out = new FeatureCollector(index.size);
  const writers: (Writer | undefined)[] = new Array(index.size);
  let unknown = 0;
  const languages = new Map<string, number>();
  const dateOnly = given ? given.dateOnly : isDateOnly(texts.flatMap((t) => (t.at !== null && Number.isFinite(t.at) ? [t.at] : [])));
  for (const t of texts) {
    const row = index.get(t.customerId);
    if (row === undefined) {
      unknown++;
      continue;
    }
    const w = (writers[row] ??= blank());
    const body = t.body;
    w.texts++;
    w.chars += [...body].length;
    if (body.includes('?')) w.questions++;
    if (body.includes('!')) w.exclamations++;
    if (emoji.test(body)) w.emoji++;
    if (hasUrl.test(body)) w.urls++;
    w.mentions += body.match(mention)?.length ?? 0;
    // Links and @handles are not the writer's own capitals.
    const prose = body.replace(urls, ' ').replace(mention, ' ');
    const upper = prose.match(/\p{Lu}/gu)?.length ?? 0;
    w.upper += upper;
    w.cased += upper + (prose.match(/\p{Ll}/gu)?.length ?? 0);
    w.depth += t.threadDepth ?? (t.replyToId !== null && t.replyToId !== '' ? 1 : 0);
    const language = detectLanguage(body).language;
    languages.set(language, (languages.get(language) ?? 0) + 1);
    if (lexiconLanguages.has(language)) {
      // Texts of no clear language are scored too; whether the column is kept depends on the mix.
      w.sentiment += sentimentScore(body);
      w.scored++;
    }
    if (t.rating !== undefined && t.rating !== null && Number.isFinite(t.rating)) {
      w.ratingSum += t.rating;
      w.rated++;
    }
    if (t.at !== null && Number.isFinite(t.at)) {
      w.timed++;
      w.parts[Math.min(3, Math.floor(utcHour(t.at) / 6)) as 0 | 1 | 2 | 3]++;
      if (isWeekend(t.at)) w.weekend++;
    }
  }

  const count = out.column('behavioural', 'text_count', 'number of texts the customer wrote', { unit: 'texts', absent: 'zero' });
  const length = out.column('behavioural', 'mean_length_chars', 'average text length in characters', { unit: 'characters' });
  const question = out.column('behavioural', 'question_rate', 'share of texts that ask a question (contain "?")', { unit: 'share' });
  const exclaim = out.column('behavioural', 'exclamation_rate', 'share of texts with an exclamation mark', { unit: 'share' });
  const caps = out.column('behavioural', 'caps_ratio', 'share of letters written in capitals (links and @handles aside)', { unit: 'share' });
  const emojiRate = out.column('behavioural', 'emoji_rate', 'share of texts with at least one emoji', { unit: 'share' });
  const urlRate = out.column('behavioural', 'url_rate', 'share of texts with a link', { unit: 'share' });
  const mentions = out.column('behavioural', 'mention_density', 'average @mentions per text', { unit: 'mentions' });
  const depth = out.column('behavioural', 'reply_depth', 'average depth in a conversation thread (0 = opens it)', { unit: 'levels' });
  // Dates without a time of day say nothing about the hour: no day-part columns then.
  const parts = dateOnly
    ? []
    : dayParts.map((p, i) => out.column('behavioural', `text_${p}_share`, `share of texts written ${dayPartHours[i]} h (UTC)`, { unit: 'share' }));
  if (dateOnly) out.notes.push('texts: timestamps are dates without a time, so no time-of-day features');
  const weekend = out.column('behavioural', 'text_weekend_share', 'share of texts written on a Saturday or Sunday (UTC)', { unit: 'share' });
  const total = texts.length - unknown;
  const mix = [...languages].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  // Shares among texts whose language is clear; short texts of no clear language follow the majority.
  const known = total - (languages.get('unknown') ?? 0);
  const english = languages.get('en') ?? 0;
  const lexiconShare = known ? english / known : 1;
  if (mix.length) out.notes.push(`texts by language: ${mix.map(([l, c]) => `${l} ${((c / Math.max(1, total)) * 100).toFixed(0)}%`).join(', ')}`);
  const top = mix.find(([l]) => l !== 'unknown');
  if (top && top[0] !== 'en' && top[1] / Math.max(1, known) > 0.5) {
    out.notes.push(
      `most texts are in ${top[0]}: the bundled sentence encoder (USE-lite) is English-only, so text segments rest on words and behaviour more than meaning; for multilingual embeddings use --embedder onnx with a multilingual model folder`,
    );
  }
  const sentiment =
    (given ? given.sentiment : lexiconShare >= 0.5) ? out.column('behavioural', 'sentiment_mean', 'average sentiment of the texts, from −1 (negative) to 1 (positive)', { unit: 'score' }) : null;
  if (!sentiment && total) out.notes.push(`sentiment unavailable: ${((1 - lexiconShare) * 100).toFixed(0)}% of texts are not English and the sentiment lexicon is English-only`);
  const rated = given ? given.rating : texts.some((t) => t.rating !== undefined && t.rating !== null && Number.isFinite(t.rating));
  const rating = rated ? out.column('behavioural', 'rating_mean', 'average rating or score they gave with their texts (satisfaction)', { unit: 'rating' }) : null;

  let without = 0;
  for (let row = 0; row < index.size; row++) {
    const w = writers[row];
    if (!w) {
      without++;
      continue;
    }
    const n = w.texts;
    count[row] = n;
    length[row] = w.chars / n;
    question[row] = w.questions / n;
    exclaim[row] = w.exclamations / n;
    if (w.cased > 0) caps[row] = w.upper / w.cased;
    emojiRate[row] = w.emoji / n;
    urlRate[row] = w.urls / n;
    mentions[row] = w.mentions / n;
    depth[row] = w.depth / n;
    if (sentiment && w.scored > 0) sentiment[row] = w.sentiment / w.scored;
    if (rating && w.rated > 0) rating[row] = w.ratingSum / w.rated;
    if (w.timed === 0) continue;
    parts.forEach((p, i) => (p[row] = (w.parts[i] as number) / w.timed));
    weekend[row] = w.weekend / w.timed;
  }
  out.count('texts_unknown_customer', unknown);
  out.count('customers_without_texts', without);
  return { ...out.result(), fit: { dateOnly, sentiment: sentiment !== null, rating: rated } };
}

function blank(): Writer {
  return { texts: 0, chars: 0, questions: 0, exclamations: 0, upper: 0, cased: 0, emoji: 0, urls: 0, mentions: 0, depth: 0, timed: 0, parts: [0, 0, 0, 0], weekend: 0, sentiment: 0, scored: 0, ratingSum: 0, rated: 0 };
}
