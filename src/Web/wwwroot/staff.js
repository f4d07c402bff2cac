// LoCoPi staff watch-over page: log in as town staff (HttpOnly session cookie), then show the watched
// residents not seen for the inactivity period, live on /hubs/staff. On every (re)connect the page
// joins the hub first and then reads the whole list, so nothing pushed meanwhile is missed; each
// entry and each "seen again" carries its journal seq, and the newer one per resident wins.
(() => {
  'use strict';

  const texts = {
    ja: {
      title: '見守り（町の窓口） — LoCoPi', heading: '見守り（町の窓口）', disconnected: '未接続', connecting: '接続中…',
      connected: 'リアルタイム受信中', reconnecting: '再接続中…', loginHeading: '職員ログイン', tenant: '自治体 ID',
      account: 'アカウント ID', password: 'パスワード', login: 'ログイン',
      listHeading: 'しばらくカードのご利用がない方',
      note: 'カードを忘れた、手がふさがっていた――タッチがないのはよくあることです。気になる方がいれば、ご家族と相談のうえ、無理のない形でご様子をうかがってください。',
      none: 'いま、該当する方はいません。',
      loginFailed: 'ログインできませんでした。入力内容を確かめて、もう一度お試しください。',
      failed: '接続できませんでした。しばらくしてからもう一度お試しください。',
      otherLang: 'English', otherLangHref: '?lang=en', locale: 'ja-JP',
      lastSeen: (when, place) => place ? `最後のご利用：${when}（${place}）` : `最後のご利用：${when}（見守り開始の時点）`,
      honorific: (name) => `${name}さん`,
    },
    en: {
      title: 'Watch-over (town desk) — LoCoPi', heading: 'Watch-over (town desk)', disconnected: 'Disconnected',
      connecting: 'Connecting…', connected: 'Live', reconnecting: 'Reconnecting…', loginHeading: 'Staff log in',
      tenant: 'Municipality ID', account: 'Account ID', password: 'Password', login: 'Log in',
      listHeading: 'People who have not used their card for a while',
      note: 'A forgotten card or full hands — a missing touch is common. If someone is on your mind, agree with their family on a gentle way to check in.',
      none: 'No one at the moment.',
      loginFailed: 'Could not log in. Please check what you entered and try again.',
      failed: 'Could not connect. Please try again shortly.',
      otherLang: '日本語', otherLangHref: '?lang=ja', locale: 'en-GB',
      lastSeen: (when, place) => place ? `Last card use: ${when} (${place})` : `Last card use: ${when} (when watch-over began)`,
      honorific: (name) => name,
    },
  };
  const { $ } = LoCoPiPage;
  const t = texts[LoCoPiPage.lang];
  const when = LoCoPiPage.tokyoTime(t.locale);
  const latest = new Map(); // residentId -> seq of the newest change applied (on or off the list)

  function setStatus(state) {
    const pill = $('connection');
    pill.dataset.state = state;
    pill.textContent = t[state];
  }

  function isNewer(residentId, seq) {
    if ((latest.get(residentId) || 0) >= seq) return false;
    latest.set(residentId, seq);
    return true;
  }

  function refreshEmpty() {
    $('none').hidden = $('inactive').children.length > 0;
  }

  function showInactive(r) {
    if (!isNewer(r.residentId, r.seq)) return;
    $('inactive').querySelector(`li[data-resident="${CSS.escape(r.residentId)}"]`)?.remove();
    const item = document.createElement('li');
    item.dataset.resident = r.residentId;
    item.dataset.seq = String(r.seq);
    item.dataset.lastSeen = String(Date.parse(r.lastSeenAt));
    const name = document.createElement('strong');
    name.textContent = t.honorific(r.displayName || r.residentId);
    const seen = document.createElement('span');
    seen.textContent = t.lastSeen(when.format(new Date(r.lastSeenAt)), r.lastPlaceName || r.lastPlaceId);
    item.append(name, document.createTextNode(' '), seen);
    // The longest quiet first.
    const list = $('inactive');
    const after = [...list.children].find((li) => Number(li.dataset.lastSeen) > Date.parse(r.lastSeenAt));
    list.insertBefore(item, after || null);
    refreshEmpty();
  }

  function showSeen(s) {
    if (!isNewer(s.residentId, s.seq)) return;
    $('inactive').querySelector(`li[data-resident="${CSS.escape(s.residentId)}"]`)?.remove();
    refreshEmpty();
  }

  async function resync(connection) {
    (await connection.invoke('inactivity')).forEach(showInactive);
    refreshEmpty();
  }

  async function connect() {
    setStatus('connecting');
    const connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/staff')
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000])
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on('inactive', showInactive);
    connection.on('seen', showSeen);
    connection.onreconnecting(() => setStatus('reconnecting'));
    connection.onreconnected(async () => {
      setStatus('connected');
      await resync(connection);
    });
    connection.onclose(() => {
      setStatus('disconnected');
      LoCoPiPage.backToLoginIfLoggedOut('/api/v1/staff/inactivity').catch(() => {});
    });
    await connection.start();
    await resync(connection);
    setStatus('connected');
  }

  async function showApp() {
    // The list endpoint answers 401/403 unless a staff session is present.
    const response = await fetch('/api/v1/staff/inactivity', { credentials: 'same-origin' });
    if (response.status === 401 || response.status === 403) return false;
    if (!response.ok) throw new Error(String(response.status));
    (await response.json()).forEach(showInactive);
    refreshEmpty();
    $('login').hidden = true;
    $('app').hidden = false;
    await connect();
    return true;
  }

  // Logged in, but not as staff (the list answers 403): the form says the login did not work.
  LoCoPiPage.start(t, async () => {
    if (!(await showApp())) $('error').textContent = t.loginFailed;
  });
  showApp().then((loggedIn) => { if (!loggedIn) $('login').hidden = false; }, () => { $('login').hidden = false; });
})();
