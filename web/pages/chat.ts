/** The chat page: the agent through /api/chat, one thread per conversation, evidence as cards. */
import { html, type SafeHtml } from '../html.ts';
import { page, type PageContext } from '../layout.ts';

/** The run and segment the chat was opened from; the page sends them with the first question of a thread. */
export interface ChatPageContext {
  readonly runId: number;
  readonly segment: { readonly id: number; readonly label: string } | null;
}

export function chatPage(ctx: PageContext, o: { available: boolean; question: string; context: ChatPageContext | null }): SafeHtml {
  if (!o.available) {
    return page(ctx, { title: 'Chat', active: 'chat', body: html`<h1>Chat</h1><p>The agent is not running on this server.</p>` });
  }
  return page(ctx, {
    title: 'Chat',
    active: 'chat',
    scripts: ['/assets/chat.js'],
    body: html`<h1>Chat</h1>
<p class="help">Ask about your segments: “who are my most valuable customers?”, “what do they complain about?”. Answers cite real, masked quotes; each citation links to its segment.</p>
<div class="chat-bar"><span>Conversation <code id="thread-id">new</code></span> <button type="button" id="new-thread">New conversation</button></div>
${contextLine(o.context)}
<ol id="messages" class="messages" aria-live="polite" aria-label="Conversation"></ol>
<form id="chat-form" class="chat-form"${o.context ? html` data-run="${o.context.runId}"` : ''}${o.context?.segment ? html` data-segment="${o.context.segment.id}"` : ''}>
<label for="question">Your question</label>
<textarea id="question" name="q" rows="3" maxlength="8000" required>${o.question}</textarea>
<button type="submit">Send</button> <span id="chat-status" role="status"></span>
</form>
<noscript><p>The chat needs JavaScript; <code>persona chat</code> works in a terminal.</p></noscript>`,
  });
}

function contextLine(context: ChatPageContext | null): SafeHtml | string {
  if (!context) return '';
  const { runId, segment } = context;
  return segment
    ? html`<p id="chat-context" class="help">Asking about <a href="/runs/${runId}/segments/${segment.id}">${segment.label}</a> (segment ${segment.id} of run ${runId}): “they” means these customers.</p>`
    : html`<p id="chat-context" class="help">Asking about <a href="/runs/${runId}">run ${runId}</a>.</p>`;
}
