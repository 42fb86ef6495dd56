/** A stored segment's persona card in the shape chat surfaces render. */
import type { SegmentView } from '../pipeline/segment/segment-view.ts';
import type { ChatCard } from './chat-types.ts';

interface StoredCard {
  name?: string;
  archetype?: string;
  bio?: string;
  goals?: string[];
  frustrations?: string[];
  preferredChannels?: string[];
  quotes?: string[];
  keyStats?: { label?: string; display?: string; value?: number }[];
}

export function chatCard(runId: number, s: SegmentView): ChatCard | null {
  const p = s.persona as StoredCard | null;
  if (!p?.name) return null;
  return {
    runId,
    segmentId: s.id,
    label: s.label,
    size: s.size,
    share: s.share,
    name: p.name,
    archetype: p.archetype ?? '',
    bio: p.bio ?? '',
    goals: p.goals ?? [],
    frustrations: p.frustrations ?? [],
    preferredChannels: p.preferredChannels ?? [],
    quotes: p.quotes ?? [],
    keyStats: (p.keyStats ?? []).map((k) => ({ label: k.label ?? '', display: k.display ?? String(k.value ?? '') })),
  };
}
