// LoCoPi live dashboard: joins a tenant on /hubs/live and keeps one card per place, titled with
// the place's name (asked once per place with placeInfo; facilities' names only, never a person's).
// Updates carry the journal seq of the last touch they include; anything not newer than what a
// card shows is dropped, so a late or duplicated push never moves a counter backwards.
(() => {
  'use strict';

  const texts = {
    ja: {
      title: '施設利用状況ダッシュボード — LoCoPi', heading: '施設利用状況ダッシュボード',
      disconnected: '未接続', connecting: '接続中…', connected: '接続中（リアルタイム）', reconnecting: '再接続中…',
      loginHeading: '接続設定', loginHint: '管理者トークンはこのタブを閉じると消えます（sessionStorage に保存）。',
      tenant: '自治体 ID', token: '管理者トークン', connect: '表示する', forget: 'トークンを消去',
      totalTouches: '本日のタッチ合計', totalVisits: '本日の来訪者合計', totalInside: '現在の在館者', updated: '最終更新',
      empty: 'まだタッチがありません。カードがタッチされると施設がここに表示されます。',
      footer: '表示しているのは施設名と集計値のみです。個人を識別する情報は表示しません。',
      runtimeHeading: 'サーバー稼働状況', activations: 'アクティベーション', callsPerSecond: '呼び出し/秒',
      latencyP99: '応答時間 p99', storageP99: '保存 p99',
      touches: 'タッチ', visits: '来訪者', inside: '在館', evacuees: '避難者', capacity: '定員', hourLabel: (h, n) => `${h}時台 ${n}件`,
      unauthorized: '管理者トークンが正しくありません。入力し直してください。',
      failed: '接続できませんでした。しばらくしてからもう一度お試しください。',
      otherLang: 'English', otherLangHref: '?lang=en', locale: 'ja-JP',
    },
    en: {
      title: 'Facility activity dashboard — LoCoPi', heading: 'Facility activity dashboard',
      disconnected: 'Disconnected', connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…',
      loginHeading: 'Connection', loginHint: 'The admin token is forgotten when this tab closes (sessionStorage).',
      tenant: 'Municipality ID', token: 'Admin token', connect: 'Show', forget: 'Forget token',
      totalTouches: 'Touches today', totalVisits: 'Visitors today', totalInside: 'Inside now', updated: 'Last update',
      empty: 'No touches yet. Places appear here as soon as a card is touched.',
      footer: 'Only place names and aggregate counts are shown; nothing here identifies a person.',
      runtimeHeading: 'Server', activations: 'Activations', callsPerSecond: 'Calls/s',
      latencyP99: 'Call p99', storageP99: 'Storage write p99',
      touches: 'Touches', visits: 'Visitors', inside: 'Inside', evacuees: 'Evacuees', capacity: 'capacity', hourLabel: (h, n) => `${h}:00 ${n} touches`,
      unauthorized: 'The admin token is not valid. Please enter it again.',
      failed: 'Could not connect. Please try again shortly.',
      otherLang: '日本語', otherLangHref: '?lang=ja', locale: 'en-GB',
    },
  };
  const lang = document.documentElement.lang === 'en' ? 'en' : 'ja';
  const t = texts[lang];
  const timeZone = 'Asia/Tokyo';
  const dateTime = new Intl.DateTimeFormat(t.locale, {
    timeZone, year: 'numeric', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
  });
  const dateOnly = new Intl.DateTimeFormat(t.locale, { timeZone: 'UTC', year: 'numeric', month: 'long', day: 'numeric' });
  const hourNow = () => Number(new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', hour12: false }).format(new Date()));

  const $ = (id) => document.getElementById(id);
  const cards = new Map(); // placeId -> { element, view }
  const infos = new Map(); // placeId -> { name, kind, capacity }, or null while asked / when undefined
  let connection = null;
  let currentTenant = '';

  function translatePage() {
    document.querySelectorAll('[data-i18n]').forEach((el) => {
      const value = t[el.dataset.i18n];
      if (typeof value === 'string') el.textContent = value;
    });
    $('lang-switch').textContent = t.otherLang;
    $('lang-switch').href = t.otherLangHref;
  }

  function setStatus(key, cls) {
    const pill = $('connection');
    pill.textContent = t[key];
    pill.className = `pill ${cls}`;
    pill.dataset.state = key;
  }

  function cardFor(placeId) {
    let card = cards.get(placeId);
    if (card) return card;
    const element = $('place-card').content.firstElementChild.cloneNode(true);
    element.dataset.place = placeId;
    element.querySelector('.place-name').textContent = placeId;
    element.querySelector('.place-id').textContent = placeId;
    element.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t[el.dataset.i18n]; });
    const hours = element.querySelector('.hours');
    for (let h = 0; h < 24; h++) hours.appendChild(document.createElement('span'));
    card = { element, view: null };
    cards.set(placeId, card);
    const list = $('places');
    const after = [...list.children].find((el) => el.dataset.place > placeId);
    list.insertBefore(element, after ?? null);
    $('empty').hidden = true;
    describe([placeId]);
    return card;
  }

  // Asks the hub once per place for its name and capacity; a card shows its ID until then.
  async function describe(placeIds) {
    const unknown = placeIds.filter((id) => !infos.has(id));
    if (unknown.length === 0 || !connection) return;
    unknown.forEach((id) => infos.set(id, null));
    try {
      const answer = await connection.invoke('placeInfo', currentTenant, unknown);
      for (const info of answer) {
        infos.set(info.placeId, info);
        const card = cards.get(info.placeId);
        if (card) showInfo(card);
      }
    } catch {
      unknown.forEach((id) => infos.delete(id)); // asked again with the next push
    }
  }

  function showInfo(card) {
    const info = infos.get(card.element.dataset.place);
    if (!info) return;
    const el = card.element;
    el.querySelector('.place-name').textContent = info.name;
    el.classList.toggle('named', info.name !== info.placeId);
    el.classList.toggle('shelter', info.kind === 'shelter');
    el.querySelector('.inside dt').textContent = info.kind === 'shelter' ? t.evacuees : t.inside;
    if (card.view) showInside(card);
  }

  // "12 / 300" where the place has a capacity (a shelter's beds); the bare count otherwise.
  function showInside(card) {
    const { element: el, view } = card;
    const capacity = infos.get(el.dataset.place)?.capacity;
    const hasCapacity = typeof capacity === 'number';
    const hasInside = typeof view.inside === 'number' || hasCapacity;
    el.classList.toggle('has-inside', hasInside);
    const field = el.querySelector('[data-field="inside"]');
    field.textContent = hasInside ? (view.inside ?? 0).toLocaleString(t.locale) : '';
    if (hasCapacity) {
      const of = document.createElement('span');
      of.className = 'capacity';
      of.title = t.capacity;
      of.textContent = ` / ${capacity.toLocaleString(t.locale)}`;
      field.appendChild(of);
      el.classList.toggle('nearly-full', (view.inside ?? 0) >= capacity * 0.9);
    }
  }

  function apply(view) {
    const card = cardFor(view.placeId);
    if (card.view && card.view.seq >= view.seq) return; // stale or duplicate push
    const changed = card.view !== null;
    card.view = view;
    const el = card.element;
    el.dataset.seq = String(view.seq);
    el.querySelector('.date').textContent = dateOnly.format(new Date(`${view.date}T00:00:00Z`));
    el.querySelector('[data-field="touches"]').textContent = view.today.touches.toLocaleString(t.locale);
    el.querySelector('[data-field="visits"]').textContent = view.today.visits.toLocaleString(t.locale);
    showInside(card);
    const max = Math.max(1, ...view.byHour.map((b) => b.touches));
    const now = hourNow();
    el.querySelectorAll('.hours span').forEach((bar, h) => {
      const n = view.byHour[h]?.touches ?? 0;
      bar.style.height = `${Math.round((n / max) * 100)}%`;
      bar.title = t.hourLabel(h, n);
      bar.classList.toggle('now', h === now);
    });
    if (changed) {
      el.classList.add('flash');
      requestAnimationFrame(() => requestAnimationFrame(() => el.classList.remove('flash')));
    }
    updateSummary();
  }

  let lastRuntimeTime = 0;
  function applyRuntime(stats) {
    const time = Date.parse(stats.time);
    if (time <= lastRuntimeTime) return; // a late push of an older second
    lastRuntimeTime = time;
    $('runtime').hidden = false;
    $('rt-activations').textContent = stats.activations.toLocaleString(t.locale);
    $('rt-calls').textContent = Math.round(stats.callsPerSecond).toLocaleString(t.locale);
    $('rt-p99').textContent = stats.callLatencyMs.p99.toFixed(1);
    $('rt-storage').textContent = stats.storageWriteLatencyMs.p99.toFixed(1);
  }

  function updateSummary() {
    let touches = 0; let visits = 0; let inside = 0; let anyInside = false;
    for (const { view } of cards.values()) {
      if (!view) continue;
      touches += view.today.touches;
      visits += view.today.visits;
      if (typeof view.inside === 'number') { inside += view.inside; anyInside = true; }
    }
    $('total-touches').textContent = touches.toLocaleString(t.locale);
    $('total-visits').textContent = visits.toLocaleString(t.locale);
    $('total-inside').textContent = anyInside ? inside.toLocaleString(t.locale) : '–';
    $('updated').textContent = dateTime.format(new Date());
  }

  async function connect(tenant, token) {
    if (connection) await connection.stop();
    cards.clear();
    infos.clear();
    currentTenant = tenant;
    $('places').replaceChildren();
    $('empty').hidden = false;
    $('error').textContent = '';
    setStatus('connecting', 'pill-wait');
    connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/live', { accessTokenFactory: () => token })
      .withAutomaticReconnect()
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on('placeStats', apply);
    connection.on('runtimeStats', applyRuntime);
    connection.onreconnecting(() => setStatus('reconnecting', 'pill-wait'));
    connection.onreconnected(async () => { setStatus('connected', 'pill-on'); await join(tenant); });
    connection.onclose(() => setStatus('disconnected', 'pill-off'));
    try {
      await connection.start();
      await join(tenant);
      setStatus('connected', 'pill-on');
      await fillTenantPicker();
    } catch (err) {
      setStatus('disconnected', 'pill-off');
      $('error').textContent = String(err).includes('401') ? t.unauthorized : t.failed;
    }
  }

  async function fillTenantPicker() {
    const tenants = await connection.invoke('tenants');
    $('tenants').replaceChildren(...tenants.map((id) => Object.assign(document.createElement('option'), { value: id })));
  }

  async function join(tenant) {
    await connection.invoke('joinRuntime');
    const answer = await connection.invoke('joinTenant', tenant);
    describe(answer.places.map((view) => view.placeId)); // one call for the whole town, not one per card
    answer.places.forEach(apply);
    updateSummary();
  }

  function start() {
    translatePage();
    setInterval(() => { $('clock').textContent = dateTime.format(new Date()); }, 1000);
    $('clock').textContent = dateTime.format(new Date());
    const params = new URLSearchParams(location.search);
    $('tenant').value = params.get('tenant') ?? sessionStorage.getItem('locopi.tenant') ?? 'asahi';
    $('token').value = sessionStorage.getItem('locopi.adminToken') ?? '';
    $('login').addEventListener('submit', (e) => {
      e.preventDefault();
      const tenant = $('tenant').value.trim();
      const token = $('token').value.trim();
      sessionStorage.setItem('locopi.tenant', tenant);
      sessionStorage.setItem('locopi.adminToken', token);
      connect(tenant, token);
    });
    $('forget').addEventListener('click', () => {
      sessionStorage.removeItem('locopi.adminToken');
      $('token').value = '';
    });
    if ($('token').value) connect($('tenant').value, $('token').value);
  }

  start();
})();
