/** The login page: the API key in, a session cookie out. */
import { html, type SafeHtml } from '../html.ts';
import { page } from '../layout.ts';

export function loginPage(next: string, error: string | null): SafeHtml {
  return page(
    { csrf: '', loggedIn: false },
    {
      title: 'Log in',
      active: 'none',
      body: html`<h1>Log in</h1>
<p>This server is protected by an API key (<code>PERSONA_API_KEY</code>). Enter it to open the explorer; it is kept in a session cookie, never in the page.</p>
${error ? html`<p class="bad" role="alert" id="login-error">${error}</p>` : ''}
<form method="post" action="/login" class="stack">
<input type="hidden" name="next" value="${next}">
<label for="key">API key</label>
<input id="key" name="key" type="password" autocomplete="current-password" required autofocus>
<button type="submit">Log in</button>
</form>`,
    },
  );
}
