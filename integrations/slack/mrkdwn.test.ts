import { describe, expect, it } from 'vitest';
import { answerMrkdwn, clip, escapeSlack, neutralise, splitText } from './mrkdwn.ts';

describe('mrkdwn', () => {
  it('escapes Slack’s control characters', () => {
    expect(escapeSlack('a & b <c> <!channel>')).toBe('a &amp; b &lt;c&gt; &lt;!channel&gt;');
  });

  it('makes customer text inert: no mentions, no formatting, no broadcasts, no block quote', () => {
    expect(neutralise('<!channel> hi <@U123> *bold* _it_ ~x~ `c`')).toBe('&lt;!channel&gt; hi &lt;@U123&gt; \u2217bold\u2217 \u02cdit\u02cd \u223cx\u223c \u02cbc\u02cb');
    expect(neutralise('ping @here and @Everyone')).toBe('ping @\u2060here and @\u2060Everyone');
    expect(neutralise('> quoted')).toBe('\u00ad&gt; quoted');
    expect(neutralise('go to www.x.example or https://x.example/p')).toBe('go to www[.]x.example or https[:]//x.example/p');
    expect(neutralise('a\u202eb\u0007c\u001b[31m')).toBe('abc[31m');
  });

  it('keeps no formatting or link from the answer, which quotes customers: only bullets and our citations', () => {
    const known = new Set([1, 2]);
    expect(answerMrkdwn('**Tessa** — trust skeptics [1]', known)).toBe('Tessa — trust skeptics `[1]`');
    expect(answerMrkdwn('see [1, 2] and [7]', known)).toBe('see `[1] [2]` and [7]');
    expect(answerMrkdwn('# Segments\n- one\n* two', known)).toBe('Segments\n• one\n• two');
    expect(answerMrkdwn('[docs](https://example.com/a?b=1&c=2)', known)).toBe('[docs] (https[:]//example.com/a?b=1&amp;c=2)');
    expect(answerMrkdwn('They say **“*fake*” <!here> **reviews** [2]', known)).toBe('They say \u2217\u2217“\u2217fake\u2217” &lt;!here&gt; reviews `[2]`');
    expect(answerMrkdwn('A < B & C > D', known)).toBe('A &lt; B &amp; C &gt; D');
  });

  it('splits long text at paragraph, line or word breaks, never inside an entity', () => {
    expect(splitText('aaaa bbbb\n\ncccc dddd', 12)).toEqual(['aaaa bbbb', 'cccc dddd']);
    expect(splitText('aaaa bbbb cccc', 10)).toEqual(['aaaa bbbb', 'cccc']);
    const pieces = splitText('x'.repeat(8) + '&amp;' + 'y'.repeat(8), 10);
    expect(pieces).toEqual(['x'.repeat(8), '&amp;' + 'y'.repeat(5), 'yyy']);
    expect(splitText('', 10)).toEqual([]);
    for (const p of splitText('word '.repeat(2000), 3000)) expect(p.length).toBeLessThanOrEqual(3000);
  });

  it('clips with an ellipsis', () => {
    expect(clip('abcdef', 4)).toBe('abc…');
    expect(clip('abc', 4)).toBe('abc');
  });
});
