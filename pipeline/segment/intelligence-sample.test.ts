/**
 * Segment intelligence on the bundled sample: descriptions, cards, evidence, value, channels and
 * campaigns for every segment, grounded and distinct.
 */
import { describe, it } from 'vitest';
import { expectCompleteIntelligence } from '../../test/check-intelligence.ts';
import { openDemoFixture } from '../../test/demo-fixture.ts';

describe('segment intelligence on the bundled sample', () => {
  it('is complete, grounded and distinct', async () => {
    const demo = await openDemoFixture();
    try {
      await expectCompleteIntelligence(demo.db, demo.runId, 'text');
    } finally {
      await demo.close();
    }
  });
});
