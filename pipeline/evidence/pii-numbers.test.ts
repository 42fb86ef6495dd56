import { describe, expect, it } from 'vitest';
import { classifyDigitRun, luhnValid } from './pii-numbers.ts';

describe('digit runs', () => {
  it('checks card numbers with Luhn (worked example: 79927398713)', () => {
    // From the right, every second digit doubled (digits of the product summed): 3+2+7+7+9+6+7+4+9+9+7 = 70.
    expect(luhnValid('79927398713')).toBe(true);
    expect(luhnValid('79927398710')).toBe(false);
  });

  it.each([
    ['4111111111111111', '', 'card'],
    ['4111111111111112', '', 'number'],
    ['0111111111111111', '', 'number'], // no card number starts with 0
    ['7703743799', 'Phone#: ', 'phone'],
    ['7703743799', 'order no. ', 'number'],
    ['7703743799', 'call me about order ', 'number'], // the nearer cue wins
    ['7703743799', 'order: call ', 'phone'],
    ['123456789', '', 'number'],
    ['12345678', '', null],
    ['1234567', '', null],
    ['+44 20 7946 0958', '', 'phone'],
    ['+1 234', '', null],
    ['2019-2020', '', null],
    ['05.01.2023', '', null],
    ['1.0.65.320', '', null],
    ['1 000 000 000', '', null],
  ] as const)('%s after %j is %s', (run, before, kind) => {
    expect(classifyDigitRun(run, before)).toBe(kind);
  });
});
