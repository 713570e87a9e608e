/*
 * IntentBot embed for shop pages: <script src="https://bot.example/embed.js" async></script>
 * Adds a chat launcher (bottom right) that opens the bot's own page in an iframe, so the shop page needs no
 * Web Chat, no token handling and no secret: the iframe is on the bot's origin and gets its token there.
 * Optional attributes on the script tag: data-title (launcher label), data-color (launcher colour), and
 * data-token-url: for a signed-in customer, an endpoint of the shop's own backend (same origin as the shop page,
 * so its session cookie goes along) that answers {"token": "..."}: a Direct Line token for that customer, issued
 * by the shop's backend with its secret (docs/signed-in-customer.md). Without it, or if it fails, the chat starts
 * as a guest.
 */
(function () {
  if (window.__intentbotEmbed) return;
  window.__intentbotEmbed = true;
  var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  var origin = new URL(script.src, location.href).origin;
  var title = (script && script.getAttribute('data-title')) || 'Chat with us';
  var color = (script && script.getAttribute('data-color')) || '#0f6b5c';
  var tokenUrl = script && script.getAttribute('data-token-url');

  // The token travels in the fragment: the iframe's page reads it and removes it, and no server ever logs it.
  function chatAddress(done) {
    var guest = origin + '/?embed=1';
    if (!tokenUrl) return done(guest);
    fetch(tokenUrl, { method: 'POST', credentials: 'same-origin' })
      .then(function (r) { if (!r.ok) throw new Error('token ' + r.status); return r.json(); })
      .then(function (body) { done(body && body.token ? guest + '#token=' + encodeURIComponent(body.token) : guest); })
      .catch(function (error) { console.warn('IntentBot: signed-in token unavailable, chatting as a guest', error); done(guest); });
  }

  function start() {
    var frame = document.createElement('iframe');
    frame.title = title;
    frame.allow = 'clipboard-write';
    frame.style.cssText = 'position:fixed;right:20px;bottom:90px;width:380px;height:600px;max-width:calc(100vw - 40px);' +
      'max-height:calc(100vh - 110px);border:0;border-radius:16px;box-shadow:0 12px 40px rgba(0,0,0,.25);z-index:2147483646;display:none;background:#fff';

    var button = document.createElement('button');
    button.type = 'button';
    button.setAttribute('aria-label', title);
    button.setAttribute('aria-expanded', 'false');
    // An inline icon: no font or image request, and it renders the same everywhere.
    button.innerHTML = '<svg width="26" height="26" viewBox="0 0 24 24" fill="none" stroke="currentColor" stroke-width="2" ' +
      'stroke-linecap="round" stroke-linejoin="round" aria-hidden="true"><path d="M21 12a8 8 0 0 1-11.6 7.1L4 20l1-4.6A8 8 0 1 1 21 12z"/></svg>';
    button.style.cssText = 'position:fixed;right:20px;bottom:20px;width:56px;height:56px;border-radius:50%;border:0;cursor:pointer;' +
      'display:grid;place-items:center;color:#fff;background:' + color + ';box-shadow:0 6px 20px rgba(0,0,0,.25);z-index:2147483647';
    button.addEventListener('click', function () {
      // Loaded on the first open: a token is only fetched (and a conversation only started) when the customer wants to chat.
      if (!frame.src) chatAddress(function (address) { frame.src = address; });
      var open = frame.style.display === 'none';
      frame.style.display = open ? 'block' : 'none';
      button.setAttribute('aria-expanded', String(open));
    });
    document.body.appendChild(frame);
    document.body.appendChild(button);
  }

  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
