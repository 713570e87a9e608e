// The agent desk: sign-in, the live queue (server-sent events), an opened conversation, replies, handback.
// Every customer-provided string is set with textContent, never parsed as HTML.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { session: null, queue: [], selected: null, known: null, unseen: 0, events: null, lastTyping: 0, refreshing: false, again: false,
    intents: null, correcting: null, corrected: {} };
  const baseTitle = document.title;

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  async function api(method, path, body) {
    const headers = {};
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (state.session && state.session.csrfToken) headers['X-Desk-Csrf'] = state.session.csrfToken;
    const response = await fetch(path, { method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body) });
    const type = response.headers.get('content-type') || '';
    const data = type.includes('json') ? await response.json() : null;
    if (!response.ok) {
      const error = new Error((data && (data.detail || data.title)) || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return data;
  }

  // --- sign-in ---------------------------------------------------------------------------------------------
  async function start() {
    try {
      const session = await api('GET', '/api/v1/desk/session');
      if (session.agent) return signedIn(session);
      showSignIn(session.open);
    } catch (error) {
      showSignIn(false);
    }
  }

  function showSignIn(open) {
    $('sign-in').hidden = false;
    $('desk').hidden = true;
    $('me').hidden = true;
    $('secret-label').hidden = open;
    $('open-hint').hidden = !open;
    $('sign-in-name').value = localStorage.getItem('desk.name') || '';
    $('sign-in-name').focus();
  }

  $('sign-in-form').addEventListener('submit', async (event) => {
    event.preventDefault();
    $('sign-in-error').textContent = '';
    const name = $('sign-in-name').value.trim();
    try {
      const session = await api('POST', '/api/v1/desk/session', { name, secret: $('sign-in-secret').value });
      $('sign-in-secret').value = '';
      localStorage.setItem('desk.name', name);
      signedIn(session);
    } catch (error) {
      $('sign-in-error').textContent = error.message;
    }
  });

  $('sign-out').addEventListener('click', async () => {
    if (state.events) state.events.close();
    await fetch('/api/v1/desk/session', { method: 'DELETE', credentials: 'same-origin' });
    state.session = null;
    showSignIn(false);
  });

  function signedIn(session) {
    state.session = session;
    $('sign-in').hidden = true;
    $('desk').hidden = false;
    $('me').hidden = false;
    $('me-name').textContent = session.agent;
    listen();
    refresh();
    // Waiting times move on by themselves; the stream covers everything else.
    setInterval(refresh, 20000);
  }

  // --- live updates ----------------------------------------------------------------------------------------
  function listen() {
    if (state.events) state.events.close();
    const events = new EventSource('/api/v1/desk/events');
    state.events = events;
    events.addEventListener('ready', () => { $('live').textContent = 'live'; $('live').classList.add('on'); refresh(); });
    events.addEventListener('change', () => refresh());
    events.addEventListener('unavailable', () => { $('live').textContent = 'store unavailable'; $('live').classList.remove('on'); });
    events.onerror = () => { $('live').textContent = 'reconnecting…'; $('live').classList.remove('on'); };
  }

  async function refresh() {
    // One refresh at a time; a change during one asks for another right after.
    if (state.refreshing) { state.again = true; return; }
    state.refreshing = true;
    try {
      do {
        state.again = false;
        await loadQueue();
        if (state.selected) await loadConversation(state.selected);
      } while (state.again);
    } catch (error) {
      if (error.status === 401) { showSignIn(false); }
      else console.warn('desk refresh failed', error);
    } finally {
      state.refreshing = false;
    }
  }

  // --- queue -----------------------------------------------------------------------------------------------
  async function loadQueue() {
    const queue = await api('GET', '/api/v1/handoffs');
    const ids = new Set(queue.map((q) => q.conversationId));
    if (state.known === null) state.known = ids; // what was waiting at sign-in is not "new"
    const arrived = queue.filter((q) => !state.known.has(q.conversationId) && !q.claim);
    for (const q of arrived) state.known.add(q.conversationId);
    if (arrived.length > 0 && (document.hidden || !document.hasFocus())) state.unseen += arrived.length;
    state.newIds = new Set([...(state.newIds || []), ...arrived.map((q) => q.conversationId)]);
    state.queue = queue;
    updateTitle();
    renderQueue();
  }

  function updateTitle() {
    const waiting = state.queue.filter((q) => !q.claim).length;
    document.title = (state.unseen > 0 ? '(' + state.unseen + ' new) ' : '') + (waiting > 0 ? waiting + ' waiting · ' : '') + baseTitle;
  }

  window.addEventListener('focus', () => { state.unseen = 0; updateTitle(); });

  function renderQueue() {
    const list = $('queue-list');
    list.replaceChildren();
    $('queue-count').textContent = String(state.queue.length);
    $('queue-empty').hidden = state.queue.length > 0;
    for (const q of state.queue) {
      const item = el('li', 'item');
      item.dataset.conversationId = q.conversationId;
      if (q.conversationId === state.selected) item.classList.add('selected');
      if (state.newIds.has(q.conversationId)) item.classList.add('new');
      const row = el('div', 'row');
      row.append(el('span', 'who', customerName(q.userId)), el('span', 'wait', waited(q.waitingSeconds)));
      item.append(row);
      const last = q.lastCustomerMessage;
      item.append(el('p', 'last', last ? last.text : q.summary));
      const chips = el('div', 'chips');
      chips.append(el('span', 'chip reason', reasonText(q.reason)));
      if (last && last.intent) chips.append(el('span', 'chip', last.intent));
      if (last && last.sentiment) chips.append(el('span', 'chip ' + last.sentiment, last.sentiment));
      if (q.claim) chips.append(el('span', 'chip claimed', 'with ' + q.claim.agent));
      item.append(chips);
      item.addEventListener('click', () => select(q.conversationId));
      list.append(item);
    }
  }

  function customerName(userId) {
    return userId && userId.startsWith('dl_') ? 'Web visitor ' + userId.slice(3, 9) : (userId || 'customer');
  }

  function waited(seconds) {
    const minutes = Math.floor(seconds / 60);
    if (minutes < 1) return 'just now';
    if (minutes < 60) return minutes + ' min';
    return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
  }

  function reasonText(reason) {
    return { requested: 'asked for a person', frustration: 'frustrated', escalation: 'bot could not help' }[reason] || reason;
  }

  async function select(conversationId) {
    state.selected = conversationId;
    state.correcting = null;
    state.newIds.delete(conversationId);
    state.unseen = 0;
    updateTitle();
    renderQueue();
    $('conv-error').textContent = '';
    await loadConversation(conversationId);
    $('reply').focus();
  }

  // --- conversation ----------------------------------------------------------------------------------------
  async function loadConversation(conversationId) {
    let c;
    try {
      c = await api('GET', '/api/v1/conversations/' + encodeURIComponent(conversationId) + '/transcript');
    } catch (error) {
      if (error.status === 404) { state.selected = null; $('open').hidden = true; $('placeholder').hidden = false; $('context').hidden = true; return; }
      throw error;
    }
    if (state.selected !== conversationId) return;
    $('placeholder').hidden = true;
    $('open').hidden = false;
    $('conv-title').textContent = customerName(c.userId);
    const mine = c.claim && c.claim.agent.toLowerCase() === state.session.agent.toLowerCase();
    const status = !c.handedOff ? 'back with the bot' : c.claim ? (mine ? 'claimed by you' : 'claimed by ' + c.claim.agent) : 'waiting for a person';
    $('conv-meta').textContent = [c.channelId, c.reason ? reasonText(c.reason) : null, status].filter(Boolean).join(' · ');
    $('claim').hidden = !c.handedOff || !!c.claim;
    $('handback').disabled = !c.handedOff || (c.claim && !mine);
    $('close').disabled = !c.handedOff || (c.claim && !mine);
    $('send').disabled = !c.handedOff || (c.claim && !mine);
    $('reply').disabled = $('send').disabled;
    renderTranscript(c.entries);
    renderSuggestions(c.handedOff && (!c.claim || mine) ? c.suggestions : []);
    renderContext(c);
  }

  function renderTranscript(entries) {
    const list = $('transcript');
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.replaceChildren();
    let index = 0;
    for (const e of entries) {
      const line = el('li', 'line ' + e.role);
      line.dataset.role = e.role;
      line.append(el('div', 'bubble', e.text));
      const by = [];
      if (e.role === 'customer') {
        by.push('customer');
        if (e.intent) by.push(e.intent + ' ' + Math.round((e.confidence || 0) * 100) + '%');
        if (e.sentiment) by.push(e.sentiment);
      } else if (e.role === 'agent') by.push(e.agent);
      else if (e.role === 'bot') by.push('bot');
      if (e.utc) by.push(new Date(e.utc).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' }));
      if (e.role !== 'event') line.append(el('span', 'by', by.join(' · ')));
      if (e.role === 'customer' && e.intent) line.append(correction(index));
      list.append(line);
      index++;
    }
    if (atBottom || entries.length < 30) list.scrollTop = list.scrollHeight;
  }

  // The agent marks the model's reading of a customer line as wrong and picks the right intent: a corrected review
  // item that goes into the training export. The open form survives the re-renders of live updates.
  function correction(index) {
    const box = el('div', 'fix');
    const key = state.selected + '#' + index;
    if (state.corrected[key]) {
      box.append(el('span', 'fixed', 'corrected → ' + state.corrected[key]));
      return box;
    }
    if (state.correcting === null || state.correcting.index !== index) {
      const open = el('button', 'wrong', 'Wrong reading?');
      open.type = 'button';
      open.addEventListener('click', async () => {
        state.correcting = { index, label: '' };
        try {
          if (!state.intents) state.intents = await api('GET', '/api/v1/insights/intents');
        } catch (error) {
          $('conv-error').textContent = error.message;
          state.correcting = null;
        }
        loadConversation(state.selected);
      });
      box.append(open);
      return box;
    }
    const pick = el('select');
    pick.setAttribute('aria-label', 'The right intent');
    pick.append(el('option', null, 'the right intent…'));
    pick.options[0].value = '';
    for (const name of state.intents || []) {
      const option = el('option', null, name);
      option.value = name;
      pick.append(option);
    }
    pick.value = state.correcting.label;
    pick.addEventListener('change', () => { state.correcting.label = pick.value; });
    const save = el('button', 'primary', 'Save correction');
    save.type = 'button';
    save.addEventListener('click', async () => {
      if (!pick.value) return;
      const label = pick.value;
      if (await act('/corrections', { entry: index, label })) {
        state.corrected[key] = label;
        state.correcting = null;
      }
    });
    const cancel = el('button', null, 'Cancel');
    cancel.type = 'button';
    cancel.addEventListener('click', () => { state.correcting = null; loadConversation(state.selected); });
    box.append(pick, save, cancel);
    return box;
  }

  function renderSuggestions(suggestions) {
    const box = $('suggestions');
    box.replaceChildren();
    for (const s of suggestions || []) {
      const button = el('button', null, s);
      button.type = 'button';
      button.addEventListener('click', () => { $('reply').value = s; $('reply').focus(); });
      box.append(button);
    }
  }

  function renderContext(c) {
    $('context').hidden = false;
    $('ctx-user').textContent = (c.userId || '') + (c.channelId ? ' · ' + c.channelId : '');
    const intent = $('ctx-intent');
    intent.replaceChildren();
    const pi = c.customer && c.customer.purchaseIntent;
    if (pi) {
      intent.append(el('div', null, Math.round(pi.probability * 100) + '% likely to buy (' + pi.level + ')'));
      const gauge = el('div', 'gauge');
      const bar = el('span');
      bar.style.width = Math.round(pi.probability * 100) + '%';
      gauge.append(bar);
      intent.append(gauge);
      for (const f of (pi.factors || []).slice(0, 4)) {
        const row = el('div', 'factor');
        row.append(el('span', null, f.feature + ' = ' + f.value), el('span', null, (f.contribution >= 0 ? '+' : '') + f.contribution.toFixed(2)));
        intent.append(row);
      }
    } else intent.append(el('p', 'empty', 'No shopping activity in this session.'));

    const orders = $('ctx-orders');
    orders.replaceChildren();
    for (const o of c.orders || []) {
      const li = el('li', null, o.number + ' · ' + o.status + ' · ' + o.total.toFixed(2) + ' ' + o.currency);
      li.append(el('span', 'sub', o.items.join(', ')));
      orders.append(li);
    }
    if (!c.orders || c.orders.length === 0) orders.append(el('li', 'empty', 'No orders (anonymous or new customer).'));

    const events = $('ctx-events');
    events.replaceChildren();
    const recent = (c.customer && c.customer.recentEvents) || [];
    for (const e of recent.slice(-6).reverse()) {
      events.append(el('li', null, e.type + (e.query ? ' "' + e.query + '"' : '') + (e.productId ? ' ' + e.productId : '')));
    }
    const turns = (c.customer && c.customer.recentChatTurns) || [];
    if (recent.length === 0 && turns.length === 0) events.append(el('li', 'empty', 'Nothing recorded.'));
    else if (recent.length === 0) events.append(el('li', null, turns.length + ' chat turns, last intent ' + turns[turns.length - 1].intent));
  }

  async function act(path, body) {
    $('conv-error').textContent = '';
    try {
      await api('POST', '/api/v1/conversations/' + encodeURIComponent(state.selected) + path, body);
      return true;
    } catch (error) {
      $('conv-error').textContent = error.message;
      return false;
    } finally {
      refresh();
    }
  }

  $('claim').addEventListener('click', () => act('/claim', {}));
  $('handback').addEventListener('click', async () => { if (await act('/handback', { note: $('note').value || null })) $('note').value = ''; });
  $('close').addEventListener('click', async () => { if (await act('/close', { note: $('note').value || null })) $('note').value = ''; });

  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const text = $('reply').value.trim();
    if (!text || !state.selected) return;
    $('send').disabled = true;
    if (await act('/messages', { text })) $('reply').value = '';
    $('send').disabled = false;
  });

  $('reply').addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && !event.shiftKey) { event.preventDefault(); $('composer').requestSubmit(); }
  });

  // The customer sees "typing…" while the agent writes: at most one signal every 3 seconds.
  $('reply').addEventListener('input', () => {
    const now = Date.now();
    if (!state.selected || now - state.lastTyping < 3000 || !$('reply').value.trim()) return;
    state.lastTyping = now;
    api('POST', '/api/v1/conversations/' + encodeURIComponent(state.selected) + '/typing', {}).catch(() => {});
  });

  start();
})();
