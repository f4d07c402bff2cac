// LoCoPi family page: log in (the server sets an HttpOnly session cookie, so no token is kept in
// script), list the watched people and the inbox, and receive alerts live on /hubs/watch.
// Alerts carry the journal seq; the page keeps the highest it has shown and, after a reconnect,
// asks the hub for everything after it, so nothing is missed and nothing is shown twice.
(() => {
  'use strict';

  const texts = {
    ja: {
      title: '見守り — LoCoPi', heading: '見守り', disconnected: '未接続', connecting: '接続中…',
      connected: 'リアルタイム受信中', reconnecting: '再接続中…', loginHeading: 'ログイン', tenant: '自治体 ID',
      account: 'アカウント ID', password: 'パスワード', login: 'ログイン', watchedHeading: '見守っている方',
      alertsHeading: 'お知らせ', noAlerts: 'まだお知らせはありません。', noWatched: '見守りの登録はまだありません。',
      loginFailed: 'ログインできませんでした。入力内容を確かめて、もう一度お試しください。',
      failed: '接続できませんでした。しばらくしてからもう一度お試しください。',
      otherLang: 'English', otherLangHref: '?lang=en', locale: 'ja-JP', someone: 'ご家族', somewhere: '施設',
      kinds: {
        visit: (p, n) => `${n}さんが${p}でタッチしました`,
        repeat_visit: (p, n) => `${n}さんが${p}でタッチしました`,
        boarded: (p, n) => `${n}さんが${p}でバスに乗りました`,
        alighted: (p, n) => `${n}さんが${p}でバスを降りました`,
        checked_in: (p, n) => `${n}さんが${p}に到着しました`,
        checked_out: (p, n) => `${n}さんが${p}を出ました`,
        other: (p, n) => `${n}さんが${p}でタッチしました`,
        // Gentle on purpose: a quiet couple of days is usually nothing; it only invites a call.
        inactivity: (p, n) => `${n}さんのカードのご利用が、ここしばらくありません。よろしければ、ご様子をうかがってみてください。`,
      },
    },
    en: {
      title: 'Watch-over — LoCoPi', heading: 'Watch-over', disconnected: 'Disconnected', connecting: 'Connecting…',
      connected: 'Live', reconnecting: 'Reconnecting…', loginHeading: 'Log in', tenant: 'Municipality ID',
      account: 'Account ID', password: 'Password', login: 'Log in', watchedHeading: 'People you watch over',
      alertsHeading: 'Notifications', noAlerts: 'No notifications yet.', noWatched: 'No one is linked to this account yet.',
      loginFailed: 'Could not log in. Please check what you entered and try again.',
      failed: 'Could not connect. Please try again shortly.',
      otherLang: '日本語', otherLangHref: '?lang=ja', locale: 'en-GB', someone: 'Your family member', somewhere: 'a facility',
      kinds: {
        visit: (p, n) => `${n} touched in at ${p}`,
        repeat_visit: (p, n) => `${n} touched in at ${p}`,
        boarded: (p, n) => `${n} boarded the bus at ${p}`,
        alighted: (p, n) => `${n} got off the bus at ${p}`,
        checked_in: (p, n) => `${n} arrived at ${p}`,
        checked_out: (p, n) => `${n} left ${p}`,
        other: (p, n) => `${n} touched in at ${p}`,
        inactivity: (p, n) => `${n} has not used their card for a little while. You may like to check in with them.`,
      },
    },
  };
  const { $ } = LoCoPiPage;
  const t = texts[LoCoPiPage.lang];
  const when = LoCoPiPage.tokyoTime(t.locale);
  const shown = new Set(); // seq/resident of every alert on the page
  let lastSeq = 0;
  let connection = null;

  function setStatus(state) {
    const pill = $('connection');
    pill.dataset.state = state;
    pill.textContent = t[state];
  }

  function showAlert(alert, fresh) {
    // One journal event may alert about several people (a guardian's check-in for siblings).
    const key = `${alert.seq}/${alert.residentId}`;
    if (shown.has(key)) return;
    shown.add(key);
    lastSeq = Math.max(lastSeq, alert.seq);
    const item = document.createElement('li');
    item.dataset.seq = String(alert.seq);
    item.dataset.resident = alert.residentId;
    if (fresh) item.classList.add('fresh');
    const text = (t.kinds[alert.kind] || t.kinds.other)(alert.placeName || t.somewhere, alert.displayName || t.someone);
    const time = document.createElement('time');
    time.dateTime = alert.at;
    time.textContent = when.format(new Date(alert.at));
    item.append(time, document.createTextNode(text));
    // Newest first: insert before the first item with a smaller seq.
    const list = $('alerts');
    const after = [...list.children].find((li) => Number(li.dataset.seq) < alert.seq);
    // (Alerts sharing a seq keep their arrival order.)
    list.insertBefore(item, after || null);
    $('no-alerts').hidden = true;
  }

  async function getJson(path) {
    const response = await fetch(path, { credentials: 'same-origin' });
    if (response.status === 401) return null;
    if (!response.ok) throw new Error(String(response.status));
    return response.json();
  }

  async function connect() {
    setStatus('connecting');
    connection = new signalR.HubConnectionBuilder()
      .withUrl('/hubs/watch')
      .withAutomaticReconnect([0, 1000, 2000, 5000, 10000])
      .configureLogging(signalR.LogLevel.Warning)
      .build();
    connection.on('alert', (alert) => showAlert(alert, true));
    connection.onreconnecting(() => setStatus('reconnecting'));
    connection.onreconnected(async () => {
      setStatus('connected');
      (await connection.invoke('resume', Math.max(0, lastSeq - 1))).forEach((a) => showAlert(a, true));
    });
    connection.onclose(() => {
      setStatus('disconnected');
      LoCoPiPage.backToLoginIfLoggedOut('/api/v1/me/watched').catch(() => {});
    });
    await connection.start();
    setStatus('connected');
    // Anything stored between loading the inbox and joining the hub. One below the last seq, so
    // a sibling's alert sharing that seq is not missed; what is already shown is skipped by key.
    (await connection.invoke('resume', Math.max(0, lastSeq - 1))).forEach((a) => showAlert(a, true));
  }

  async function showApp() {
    const watched = await getJson('/api/v1/me/watched');
    if (watched === null) return false;
    const list = $('watched');
    list.replaceChildren(...watched.map((w) => {
      const li = document.createElement('li');
      li.dataset.resident = w.residentId;
      li.textContent = w.displayName || w.residentId;
      return li;
    }));
    if (watched.length === 0) list.textContent = t.noWatched;
    const inbox = await getJson('/api/v1/me/alerts');
    if (inbox === null) return false;
    inbox.forEach((a) => showAlert(a, false));
    $('login').hidden = true;
    $('app').hidden = false;
    await connect();
    return true;
  }

  LoCoPiPage.start(t, showApp);
  showApp().then((loggedIn) => { if (!loggedIn) $('login').hidden = false; }, () => { $('login').hidden = false; });
})();
