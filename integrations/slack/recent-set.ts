/**
 * A bounded least-recently-used set of keys, for de-duplicating Slack's deliveries (event ids, message
 * channel+ts) in memory: a key seen again is refreshed, and the least recently seen key is forgotten first.
 */
export class RecentSet {
  // A Map iterates in insertion order; re-inserting a key on a hit makes that order recency order.
  private readonly keys = new Map<string, true>();

  constructor(private readonly capacity: number) {}

  get size(): number {
    return this.keys.size;
  }

  has(key: string): boolean {
    return this.keys.has(key);
  }

  /** Records a key; false when it was already there (a duplicate). */
  add(key: string): boolean {
    const seen = this.keys.delete(key);
    this.keys.set(key, true);
    if (this.keys.size > Math.max(1, this.capacity)) this.keys.delete(this.keys.keys().next().value as string);
    return !seen;
  }
}
