// The insights page: sign-in (the desk's accounts), the analytics charts (Chart.js), the grouped unanswered
// questions and the review queue. Every customer-provided string is set with textContent, never parsed as HTML.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const state = { session: null, labels: [], charts: {} };
  const palette = ['#0f6b5c', '#3b82c4', '#d08a1c', '#b5462f', '#7a5cc4', '#2d9a6a', '#c45c9a', '#5f6f6b'];
  const sentimentColours = { negative: '#b5462f', neutral: '#9aa8a5', positive: '#2d9a6a' };

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

  // --- sign-in (the desk's session) ------------------------------------------------------------------------
  async function start() {
    try {
      const session = await api('GET', '/api/v1/desk/session');
      if (session.agent || session.open) return signedIn(session);
      showSignIn(false);
    } catch (error) {
      showSignIn(false);
    }
  }

  function showSignIn(open) {
    $('sign-in').hidden = false;
    $('insights').hidden = true;
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

  async function signedIn(session) {
    state.session = session;
    $('sign-in').hidden = true;
    $('insights').hidden = false;
    $('me').hidden = false;
    $('me-name').textContent = session.agent || '';
    try {
      state.labels = await api('GET', '/api/v1/insights/intents');
    } catch (error) { state.labels = []; }
    refresh();
  }

  $('period').addEventListener('change', refresh);

  // --- analytics -------------------------------------------------------------------------------------------
  function periodQuery() {
    const days = Number($('period').value);
    const to = new Date();
    const from = new Date(to.getTime() - days * 86400000);
    const bucket = days <= 2 ? 'hour' : 'day';
    return { query: 'from=' + encodeURIComponent(from.toISOString()) + '&to=' + encodeURIComponent(to.toISOString()), bucket };
  }

  function percent(rate) { return rate === null || rate === undefined ? '–' : (Math.round(rate * 1000) / 10) + ' %'; }

  function pointLabel(start, bucket) {
    const d = new Date(start);
    return bucket === 'hour' ? d.toISOString().slice(5, 13).replace('T', ' ') + 'h' : d.toISOString().slice(0, 10);
  }

  function draw(id, config) {
    if (state.charts[id]) state.charts[id].destroy();
    config.options = Object.assign({ responsive: true, maintainAspectRatio: false, animation: false }, config.options || {});
    state.charts[id] = new Chart($(id), config);
  }

  async function refresh() {
    $('load-error').textContent = '';
    const { query, bucket } = periodQuery();
    try {
      const [summary, series] = await Promise.all([
        api('GET', '/api/v1/insights/summary?' + query),
        api('GET', '/api/v1/insights/series?' + query + '&bucket=' + bucket),
      ]);
      showSummary(summary);
      showSeries(summary, series);
    } catch (error) {
      $('load-error').textContent = 'Could not load the analytics: ' + error.message;
    }
    await Promise.all([showQuestions(), showReview()]);
  }

  function showSummary(s) {
    $('t-conversations').textContent = s.conversations;
    $('t-turns').textContent = s.turns;
    $('t-containment').textContent = percent(s.containmentRate);
    $('t-handoff').textContent = percent(s.handoffRate);
    $('t-oos').textContent = percent(s.outOfScopeRate);
    $('t-clarifications').textContent = s.clarifications;
    $('t-promotions').textContent = s.promotionsOffered;
    $('t-codes').textContent = s.codesChecked;

    const top = s.intents.slice(0, 10);
    draw('c-intents', {
      type: 'bar',
      data: { labels: top.map((i) => i.key), datasets: [{ label: 'messages', data: top.map((i) => i.count), backgroundColor: palette[0] }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } },
    });
    draw('c-handoffs', {
      type: 'doughnut',
      data: { labels: s.handoffReasons.map((r) => r.key), datasets: [{ data: s.handoffReasons.map((r) => r.count), backgroundColor: palette }] },
    });
    draw('c-purchase', {
      type: 'bar',
      data: { labels: s.purchaseIntent.map((b) => b.key + '–'), datasets: [{ label: 'messages', data: s.purchaseIntent.map((b) => b.count), backgroundColor: palette[2] }] },
      options: { plugins: { legend: { display: false } } },
    });
  }

  function showSeries(summary, series) {
    const labels = series.points.map((p) => pointLabel(p.start, series.bucket));
    const count = (p, field) => p.counts[field] || 0;
    draw('c-traffic', {
      type: 'line',
      data: {
        labels,
        datasets: [
          { label: 'messages', data: series.points.map((p) => count(p, 'turns')), borderColor: palette[0], backgroundColor: palette[0] },
          { label: 'conversations', data: series.points.map((p) => count(p, 'conversations')), borderColor: palette[1], backgroundColor: palette[1] },
          { label: 'handoffs', data: series.points.map((p) => count(p, 'handoffs')), borderColor: palette[3], backgroundColor: palette[3] },
          { label: 'out of scope', data: series.points.map((p) => count(p, 'out_of_scope')), borderColor: palette[2], backgroundColor: palette[2] },
        ],
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    const topIntents = summary.intents.slice(0, 5).map((i) => i.key);
    draw('c-intent-trend', {
      type: 'line',
      data: {
        labels,
        datasets: topIntents.map((intent, i) => ({
          label: intent, data: series.points.map((p) => count(p, 'intent:' + intent)), borderColor: palette[i], backgroundColor: palette[i],
        })),
      },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
    });
    draw('c-sentiment', {
      type: 'bar',
      data: {
        labels,
        datasets: ['negative', 'neutral', 'positive'].map((s) => ({
          label: s, data: series.points.map((p) => count(p, 'sentiment:' + s)), backgroundColor: sentimentColours[s],
        })),
      },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } },
    });
  }

  // --- unanswered questions and review ---------------------------------------------------------------------
  async function showQuestions() {
    const list = $('questions');
    list.replaceChildren();
    let groups = [];
    try { groups = await api('GET', '/api/v1/insights/questions?limit=10'); } catch (error) { $('load-error').textContent = error.message; }
    $('questions-empty').hidden = groups.length > 0;
    for (const g of groups) {
      const li = el('li');
      li.append(el('span', 'n', g.count + '×'), el('span', 'example', g.examples[0]));
      if (g.examples.length > 1) li.append(el('div', 'more', 'also: ' + g.examples.slice(1).join(' · ')));
      list.append(li);
    }
  }

  async function showReview() {
    const list = $('review');
    list.replaceChildren();
    let items = [];
    try { items = await api('GET', '/api/v1/insights/review?limit=100'); } catch (error) { $('load-error').textContent = error.message; }
    $('review-count').textContent = items.filter((i) => i.status === 'open').length;
    $('review-empty').hidden = items.length > 0;
    for (const item of items) list.append(reviewItem(item));
  }

  function reviewItem(item) {
    const li = el('li');
    li.dataset.id = item.id;
    li.append(el('p', 'text', item.text));
    const reading = el('div', 'reading');
    reading.append(el('span', 'chip ' + item.source, item.source.replace(/_/g, ' ')),
      el('span', null, 'read as ' + item.intent + ' (' + Math.round(item.confidence * 100) + ' %)'),
      el('span', null, 'sentiment ' + item.sentiment));
    if (item.status !== 'open') reading.append(el('span', 'chip decided', item.status.replace('_', ' ') + (item.label ? ': ' + item.label : '')));
    li.append(reading);

    const words = el('div', 'words');
    const strongest = Math.max(0.0001, ...item.explanation.map((w) => Math.abs(w.intent)));
    for (const w of item.explanation) {
      const level = w.intent < 0 ? 'against' : 'w' + Math.max(1, Math.ceil((w.intent / strongest) * 4));
      const word = el('span', 'word ' + level, w.word);
      word.title = 'intent ' + (w.intent >= 0 ? '+' : '') + w.intent.toFixed(3) + ', sentiment ' + (w.sentiment >= 0 ? '+' : '') + w.sentiment.toFixed(3);
      words.append(word);
    }
    li.append(words);
    if (item.status === 'open') li.append(actions(item));
    return li;
  }

  function actions(item) {
    const box = el('div', 'actions');
    const confirm = el('button', null, 'Reading is right');
    confirm.addEventListener('click', () => decide(item, { status: 'confirmed' }, box));
    const select = el('select');
    select.setAttribute('aria-label', 'Correct intent');
    select.append(el('option', null, 'correct to…'));
    for (const label of state.labels) { const o = el('option', null, label); o.value = label; select.append(o); }
    select.firstChild.value = '';
    const correct = el('button', 'primary', 'Correct');
    correct.addEventListener('click', () => { if (select.value) decide(item, { status: 'corrected', label: select.value }, box); });
    const name = el('input');
    name.placeholder = 'new_intent_name';
    name.setAttribute('aria-label', 'New intent name');
    const create = el('button', null, 'New intent');
    create.addEventListener('click', () => { if (name.value.trim()) decide(item, { status: 'new_intent', label: name.value.trim() }, box); });
    box.append(confirm, select, correct, name, create, el('span', 'error'));
    return box;
  }

  async function decide(item, decision, box) {
    try {
      await api('POST', '/api/v1/insights/review/' + encodeURIComponent(item.id) + '/decision', decision);
      await Promise.all([showQuestions(), showReview()]);
    } catch (error) {
      box.querySelector('.error').textContent = error.message;
    }
  }

  start();
})();
