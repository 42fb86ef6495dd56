import { describe, expect, it } from 'vitest';
import { pseudonymise } from './pseudonym.ts';

describe('pseudonymise', () => {
  it('is sha256 of salt, NUL, id, cut to 8 hex digits (values from an independent sha256)', () => {
    expect(pseudonymise('115712', 'run-42-1')).toBe('cust-069091fb');
    expect(pseudonymise('115713', 'run-42-1')).toBe('cust-9f0788d3');
  });

  it('is stable within a run and different across runs', () => {
    expect(pseudonymise('115712', 'run-42-1')).toBe(pseudonymise('115712', 'run-42-1'));
    expect(pseudonymise('115712', 'run-7-1')).toBe('cust-3b3ac4f6');
  });

  it('keeps salt and id apart and refuses an empty salt', () => {
    expect(pseudonymise('c', 'ab')).not.toBe(pseudonymise('bc', 'a'));
    expect(() => pseudonymise('115712', '')).toThrow(/salt/);
  });

  it('gives distinct ids to a thousand customers', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => pseudonymise(`C${String(i).padStart(5, '0')}`, 'run-1-1'));
    expect(new Set(ids).size).toBe(1000);
    expect(ids.every((id) => /^cust-[0-9a-f]{8}$/.test(id))).toBe(true);
  });
});
