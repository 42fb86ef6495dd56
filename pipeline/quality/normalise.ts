/** Text normalisation shared by the filter steps, so "the same text" means the same thing everywhere. */

// URLs go first: a URL may contain "@", which the mention pattern would otherwise split.
const url = /\b(?:https?:\/\/|www\.)\S+/giu;
const mention = /@\w+/gu;
const notWordChars = /[^\p{L}\p{N}]+/gu;
const word = /[\p{L}\p{N}]+(?:['’][\p{L}\p{N}]+)*/gu;

/** The text without @mentions and URLs (each replaced by a space), otherwise untouched. */
export function stripMentionsAndUrls(text: string): string {
  return text.replace(url, ' ').replace(mention, ' ');
}

/** Lower-case, mentions and URLs removed, whitespace collapsed: the key for exact duplicates. */
export function normaliseForDuplicates(text: string): string {
  // Only runs that are not already a single space are rewritten: most texts need no replacement at all.
  return stripMentionsAndUrls(text).toLowerCase().replace(/\s{2,}|[^\S ]/gu, ' ').trim();
}

/** The duplicate key with every run of digits masked: order numbers and dates no longer differ. */
export function maskForTemplate(text: string): string {
  return normaliseForDuplicates(text).replace(/\p{Nd}+/gu, '0');
}

/** Letters and digits in any script; punctuation, emoji and spaces do not count. */
export function countWordChars(text: string): number {
  return codePointLength(text.replace(notWordChars, ''));
}

/** Words of an already normalised text (apostrophes kept inside words). */
export function wordsOf(normalised: string): string[] {
  return normalised.match(word) ?? [];
}

/** Length in code points, so an emoji counts once. */
export function codePointLength(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}
