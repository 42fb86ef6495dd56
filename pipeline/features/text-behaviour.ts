/**
 * How customers write, from their kept texts: volume, length, punctuation and shouting, emoji, links,
 * mentions, thread depth, time of day and week (UTC), and lexicon sentiment. All in the `behavioural`
 * block. text_count is zero for customers without texts; the other columns are imputed later.
 */
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
}

export function extractTextBehaviour(texts: readonly TextInput[], index: ReadonlyMap<string, number>): Extraction {
  const out = new FeatureCollector(index.size);
  const writers: (Writer | undefined)[] = new Array(index.size);
  let unknown = 0;
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
    w.sentiment += sentimentScore(body);
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
  const parts = dayParts.map((p, i) =>
    out.column('behavioural', `text_${p}_share`, `share of texts written ${dayPartHours[i]} h (UTC)`, { unit: 'share' }),
  );
  const weekend = out.column('behavioural', 'text_weekend_share', 'share of texts written on a Saturday or Sunday (UTC)', { unit: 'share' });
  const sentiment = out.column('behavioural', 'sentiment_mean', 'average sentiment of the texts, from −1 (negative) to 1 (positive)', { unit: 'score' });

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
    sentiment[row] = w.sentiment / n;
    if (w.timed === 0) continue;
    parts.forEach((p, i) => (p[row] = (w.parts[i] as number) / w.timed));
    weekend[row] = w.weekend / w.timed;
  }
  out.count('texts_unknown_customer', unknown);
  out.count('customers_without_texts', without);
  return out.result();
}

function blank(): Writer {
  return { texts: 0, chars: 0, questions: 0, exclamations: 0, upper: 0, cased: 0, emoji: 0, urls: 0, mentions: 0, depth: 0, timed: 0, parts: [0, 0, 0, 0], weekend: 0, sentiment: 0 };
}
