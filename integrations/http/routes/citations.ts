/** The answer text with a numbered source list, so citations like [1] resolve for a person reading it. */
import type { ChatAnswer } from '../../../agent/chat-types.ts';

export function withCitations(answer: Pick<ChatAnswer, 'answer' | 'evidence'>): string {
  if (!answer.evidence.length) return answer.answer;
  const sources = answer.evidence.map((e) => `[${e.n}] “${e.text}” — customer ${e.customerId}${e.segmentId !== null ? `, segment ${e.segmentId}` : ''}${e.runId !== null ? ` of run ${e.runId}` : ''}`);
  return `${answer.answer}\n\nSources:\n${sources.join('\n')}`;
}
