/** The chat page: the agent through /api/chat, one thread per conversation, evidence as cards. */
import { html, type SafeHtml } from '../html.ts';
import { page, type PageContext } from '../layout.ts';

export function chatPage(ctx: PageContext, o: { available: boolean; question: string; runId: number | null; segmentId: number | null }): SafeHtml {
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
<ol id="messages" class="messages" aria-live="polite" aria-label="Conversation"></ol>
<form id="chat-form" class="chat-form"${o.runId !== null ? html` data-run="${o.runId}"` : ''}${o.segmentId !== null ? html` data-segment="${o.segmentId}"` : ''}>
<label for="question">Your question</label>
<textarea id="question" name="q" rows="3" maxlength="8000" required>${o.question}</textarea>
<button type="submit">Send</button> <span id="chat-status" role="status"></span>
</form>
<noscript><p>The chat needs JavaScript; <code>persona chat</code> works in a terminal.</p></noscript>`,
  });
}
