/**
 * The answer text with a numbered source list, so citations like [1] resolve for a person reading it.
 * Sources name the persona and the time written (in the configured zone); customer, segment and run ids
 * stay in the JSON `evidence` array.
 */
import type { ChatAnswer, ChatEvidence } from '../../../agent/chat-types.ts';
import { sourceText } from '../../../agent/planner/answers.ts';

export function sourceLine(e: ChatEvidence): string {
  const where = [e.segmentName ? `from ${e.segmentName}` : '', e.when ?? ''].filter(Boolean).join(', ');
  return `[${e.n}] “${sourceText(e.text)}”${where ? ` — ${where}` : ''}`;
}

export function withCitations(answer: Pick<ChatAnswer, 'answer' | 'evidence'>): string {
  if (!answer.evidence.length) return answer.answer;
  return `${answer.answer}\n\nSources:\n${answer.evidence.map(sourceLine).join('\n')}`;
}
