/**
 * Length rules, measured after removing @mentions and URLs (a tweet that is only "@brand" says nothing).
 * Three steps so the table shows each separately: empty, then too short, then too long.
 */
import type { QualityReason, QualityText, QualityVerdict, TextFilterStep } from '../../types.ts';
import { codePointLength, countWordChars, stripMentionsAndUrls } from '../normalise.ts';

function dropWhere(name: QualityReason, options: Readonly<Record<string, unknown>>, drop: (stripped: string) => boolean): TextFilterStep {
  return {
    name,
    options,
    apply(texts: readonly QualityText[]): QualityVerdict[] {
      return texts.filter((t) => drop(stripMentionsAndUrls(t.text).trim())).map((t) => ({ id: t.id, kept: false, reason: name }));
    },
  };
}

/** Nothing at all left once mentions and URLs are gone. */
export function emptyStep(): TextFilterStep {
  return dropWhere('empty', {}, (s) => s === '');
}

/** Fewer than minChars letters or digits (emoji-only, "ok", "?!"). */
export function tooShortStep(minChars: number): TextFilterStep {
  return dropWhere('too_short', { minChars }, (s) => countWordChars(s) < minChars);
}

/** More than maxChars characters (code points): pasted logs and documents, not customer voice. */
export function tooLongStep(maxChars: number): TextFilterStep {
  return dropWhere('too_long', { maxChars }, (s) => codePointLength(s) > maxChars);
}
