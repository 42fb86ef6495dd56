/* The chat page: posts to /api/chat, keeps one thread per conversation, shows evidence as cards. */
(function () {
  'use strict';
  var key = 'persona-thread';
  function newThread() {
    var id = 'web-' + (window.crypto && crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2));
    sessionStorage.setItem(key, id);
    return id;
  }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text != null) e.textContent = text;
    return e;
  }
  function segmentHref(runId, segmentId) {
    return Number.isInteger(runId) && Number.isInteger(segmentId) ? '/runs/' + runId + '/segments/' + segmentId : null;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var form = document.getElementById('chat-form');
    if (!form) return;
    var list = document.getElementById('messages');
    var input = document.getElementById('question');
    var status = document.getElementById('chat-status');
    var threadLabel = document.getElementById('thread-id');
    var csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
    var thread = sessionStorage.getItem(key) || newThread();
    // Opened from a run or segment page: the first question of each thread carries that context, which
    // becomes the conversation's focus; later questions follow the conversation.
    var context = form.dataset.run ? { runId: Number(form.dataset.run), segmentId: form.dataset.segment ? Number(form.dataset.segment) : null } : null;
    var contextPending = context !== null;
    threadLabel.textContent = thread.slice(0, 12);
    document.getElementById('new-thread').addEventListener('click', function () {
      thread = newThread();
      threadLabel.textContent = thread.slice(0, 12);
      contextPending = context !== null;
      list.textContent = '';
      input.focus();
    });
    function add(role, text) {
      var li = el('li', 'msg msg-' + role);
      li.appendChild(el('p', 'who', role === 'user' ? 'You' : 'Persona Explorer'));
      text.split(/\n{2,}/).forEach(function (para) {
        // **bold** from the answer templates becomes <strong>; everything stays text nodes.
        var p = el('p', 'text');
        para.split('**').forEach(function (part, i) {
          if (i % 2) p.appendChild(el('strong', null, part));
          else p.appendChild(document.createTextNode(part));
        });
        li.appendChild(p);
      });
      list.appendChild(li);
      return li;
    }
    function evidence(li, answer) {
      if (answer.cards && answer.cards.length) {
        var cards = el('div', 'persona-cards');
        answer.cards.forEach(function (c) {
          var card = el('article', 'card');
          var h = el('h3');
          var href = segmentHref(c.runId, c.segmentId);
          var a = el(href ? 'a' : 'span', null, c.name + ' (' + c.label + ')');
          if (href) a.href = href;
          h.appendChild(a);
          card.appendChild(h);
          card.appendChild(el('p', null, c.archetype + ' · ' + Number(c.size).toLocaleString('en-US') + ' customers (' + (c.share * 100).toFixed(1) + '%)'));
          cards.appendChild(card);
        });
        li.appendChild(cards);
      }
      if (!answer.evidence || !answer.evidence.length) return;
      li.appendChild(el('p', 'who', 'Evidence'));
      var ol = el('ol', 'evidence');
      answer.evidence.forEach(function (e) {
        var item = el('li', 'quote evidence-card');
        item.value = e.n;
        item.appendChild(el('blockquote', null, e.text));
        var meta = el('p', 'meta');
        meta.appendChild(document.createTextNode('[' + e.n + '] ' + (e.textId ? 'text ' + e.textId + ' · ' : '') + 'customer ' + e.customerId + (e.at ? ' · ' + e.at.slice(0, 16).replace('T', ' ') + ' UTC' : '') + ' · '));
        var href = segmentHref(e.runId, e.segmentId);
        if (href) {
          var a = el('a', null, 'segment ' + e.segmentId + ' of run ' + e.runId);
          a.href = href;
          meta.appendChild(a);
        }
        item.appendChild(meta);
        ol.appendChild(item);
      });
      li.appendChild(ol);
    }
    function send(text) {
      add('user', text);
      status.textContent = 'Thinking…';
      form.querySelector('button[type="submit"]').disabled = true;
      return fetch('/api/chat', {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
        body: JSON.stringify(contextPending ? { message: text, threadId: thread, context: context } : { message: text, threadId: thread }),
      })
        .then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (res) {
          if (!res.ok) throw new Error((res.body && res.body.error && res.body.error.message) || 'the request failed');
          contextPending = false;
          var li = add('assistant', res.body.answer || '');
          evidence(li, res.body);
          status.textContent = '';
          document.body.setAttribute('data-chat-answers', String(list.querySelectorAll('.msg-assistant').length));
        })
        .catch(function (err) {
          status.textContent = 'Error: ' + (err.message || err);
          document.body.setAttribute('data-chat-error', status.textContent);
        })
        .finally(function () { form.querySelector('button[type="submit"]').disabled = false; });
    }
    form.addEventListener('submit', function (ev) {
      ev.preventDefault();
      var text = input.value.trim();
      if (!text) return;
      input.value = '';
      send(text);
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) form.requestSubmit();
    });
    // Opened from a segment's "ask" box: send that question straight away.
    if (new URLSearchParams(window.location.search).get('q') && input.value.trim()) form.requestSubmit();
  });
})();
