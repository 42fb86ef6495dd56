import { describe, expect, it } from 'vitest';
import { maskUrl, readableSegment, trimUrl } from './pii-url.ts';

describe('maskUrl', () => {
  it.each([
    ['https://example.com/help/returns', 'https://example.com/help/returns'],
    ['https://example.com/blog/2023/10/new-arrivals', 'https://example.com/blog/2023/10/new-arrivals'],
    ['https://example.com/search?q=blue+shoes&page=2', 'https://example.com/search?q=blue+shoes&page=2'],
    ['https://example.com/track?orderId=123', 'https://example.com/track'],
    ['https://example.com/a?utm_source=x&ref=jane', 'https://example.com/a'],
    ['https://example.com/p/AbCdEfGhIjK', 'https://example.com/p/[redacted]'],
    ['https://bit.ly/summer-sale', 'https://bit.ly/[redacted]'],
    ['https://example.com/invoice/INV-2023-004711.pdf', 'https://example.com/invoice/[redacted]'],
    ['https://t.co/', 'https://t.co/'],
  ])('%s → %s', (raw, masked) => {
    expect(maskUrl(raw)).toBe(masked);
  });

  it('tells words from tokens', () => {
    expect(['help', 'returns-policy', 'en-gb', 'index.html', 'v2', '2023'].every(readableSegment)).toBe(true);
    expect(['0G98RtNxPK', 'dMQ1WZXJOk', '8f3a9c2e77b1', '123456', 'jane%40x.com', '%E0%A4'].some(readableSegment)).toBe(false);
  });

  it('leaves sentence punctuation outside the link', () => {
    expect(trimUrl('https://example.com/a).')).toBe('https://example.com/a');
    expect(trimUrl('https://example.com/Foo_(bar)')).toBe('https://example.com/Foo_(bar)');
  });
});
