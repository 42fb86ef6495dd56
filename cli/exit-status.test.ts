import { describe, expect, it } from 'vitest';
import { markCommandFailed, takeCommandFailed } from './exit-status.ts';

describe('command failure flag', () => {
  it('is read once and cleared, so one failed command does not fail the next', () => {
    expect(takeCommandFailed()).toBe(false);
    markCommandFailed();
    expect(takeCommandFailed()).toBe(true);
    expect(takeCommandFailed()).toBe(false);
  });
});
