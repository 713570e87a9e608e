/*
 * IntentBot embed for shop pages: <script src="https://bot.example/embed.js" async></script>
 * Adds a chat launcher (bottom right) that opens the bot's own page in an iframe, so the shop page needs no
 * Web Chat, no token handling and no secret: the iframe is on the bot's origin and gets its token there.
 * Optional attributes on the script tag: data-title (launcher label), data-color (launcher colour).
 */
(function () {
  if (window.__intentbotEmbed) return;
  window.__intentbotEmbed = true;
  var script = document.currentScript || document.querySelector('script[src$="/embed.js"]');
  var origin = new URL(script.src, location.href).origin;
  var title = (script && script.getAttribute('data-title')) || 'Chat with us';
  var color = (script && script.getAttribute('data-color')) || '#0f6b5c';

  function start() {
    var frame = document.createElement('iframe');
    frame.src = origin + '/?embed=1';
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
      var open = frame.style.display === 'none';
      frame.style.display = open ? 'block' : 'none';
      button.setAttribute('aria-expanded', String(open));
    });
    document.body.appendChild(frame);
    document.body.appendChild(button);
  }

  if (document.body) start(); else document.addEventListener('DOMContentLoaded', start);
})();
