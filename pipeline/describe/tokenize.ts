/**
 * Words for term statistics: lower-cased, any alphabet, no URLs, @handles, numbers or stop words. Stop
 * words are a short hand-kept English list (the maintained English list also drops content words such
 * as "order" and "problem") plus the maintained `stopwords-iso` lists for pt, es, fr and de.
 */
import { isoStopwords } from './language.ts';

const english = `a about above after again against all am an and any are aren't as at be because been before being below between both but by
can can't cannot could couldn't did didn't do does doesn't doing don't down during each few for from further get got had hadn't
has hasn't have haven't having he he'd he'll he's her here here's hers herself him himself his how how's i i'd i'll i'm i've if
in into is isn't it it's its itself just let's me more most mustn't my myself no nor not now of off on once only or other ought
our ours ourselves out over own same shan't she she'd she'll she's should shouldn't so some such than that that's the their
theirs them themselves then there there's these they they'd they'll they're they've this those through to too under until up
very was wasn't we we'd we'll we're we've were weren't what what's when when's where where's which while who who's whom why
why's will with won't would wouldn't you you'd you'll you're you've your yours yourself yourselves also still even really
im ive dont cant wont didnt doesnt isnt thats youre hi hello hey thanks thank please pls plz yes yeah ok okay amp via just one
get got going would could us like want need know think make lot bit`.split(/\s+/);

const stopWords: ReadonlySet<string> = new Set([...english, ...(['pt', 'es', 'fr', 'de'] as const).flatMap((l) => [...isoStopwords(l)])]);

export function isStopWord(word: string): boolean {
  return stopWords.has(word) || stopWords.has(word.replace(/'/g, ''));
}

export function tokenize(text: string): string[] {
  const cleaned = text
    .toLowerCase()
    .normalize('NFC')
    .replace(/https?:\/\/\S+/g, ' ')
    .replace(/[@#][\p{L}\p{N}_]+/gu, ' ')
    .replace(/[’`]/g, "'");
  const words = cleaned.match(/\p{L}[\p{L}']*\p{L}|\p{L}/gu) ?? [];
  return words.filter((w) => w.length >= 3 && !isStopWord(w));
}

/** Unigrams plus adjacent-word bigrams (over the filtered words, so "not working" survives as "working"). */
export function terms(text: string, ngrams: 1 | 2 | 3 = 2): string[] {
  const words = tokenize(text);
  const out = [...words];
  for (let n = 2; n <= ngrams; n++) {
    for (let i = 0; i + n <= words.length; i++) out.push(words.slice(i, i + n).join(' '));
  }
  return out;
}
