import { describe, expect, it } from 'vitest';
import { questionText } from './handlers.ts';

describe('questionText', () => {
  it('removes our mention and turns Slack markup back into the text the person typed', () => {
    expect(questionText('<@UBOT> who are my trust skeptics?', 'UBOT')).toBe('who are my trust skeptics?');
    expect(questionText('hey <@UBOT|persona>, compare <@U123|ana>’s segment', 'UBOT')).toBe('hey , compare @ana’s segment');
    expect(questionText('<@UBOT> re-segment customers with &gt;= 3 orders &amp; <#C1|uk> <https://x.io/a|this> <!here>', 'UBOT')).toBe(
      're-segment customers with >= 3 orders & #uk this @here',
    );
    // Without our id (not known yet) only a leading mention is taken as addressed to us.
    expect(questionText('<@U0BOT> hi <@U9>')).toBe('hi <@U9>');
  });
});
