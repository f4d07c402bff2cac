// LoCoPi resident page (マイページ): log in (the server sets an HttpOnly session cookie, so no token
// is kept in script), then show the resident's own points, coin balance, grants and recent history
// from GET /api/v1/me/resident. The server decides whose data it is from the login alone.
(() => {
  'use strict';

  const texts = {
    ja: {
      title: 'マイページ — LoCoPi', heading: 'マイページ', loginHeading: 'ログイン', tenant: '自治体 ID',
      account: 'アカウント ID', password: 'パスワード', login: 'ログイン',
      pointsHeading: 'ポイント残高', coinHeading: 'あさひまちコイン残高', grantsHeading: '給付（有効期限つき）',
      touchesHeading: '最近のタッチ', moneyHeading: 'コインの利用履歴',
      noGrants: '使える給付はありません。', noTouches: 'まだタッチの記録はありません。', noMoney: 'まだ利用の記録はありません。',
      loginFailed: 'ログインできませんでした。入力内容を確かめて、もう一度お試しください。',
      failed: '接続できませんでした。しばらくしてからもう一度お試しください。',
      unlinked: 'このアカウントには、まだ住民の情報が結び付けられていません。お手数ですが、町役場の窓口にお問い合わせください。',
      notResident: 'このページは住民の方のアカウントでご利用いただけます。住民のアカウントでログインしてください。',
      otherLang: 'English', otherLangHref: '?lang=en', locale: 'ja-JP', somewhere: '施設',
      greeting: (n) => `${n}さん、こんにちは`,
      yen: (n) => `${n.toLocaleString('ja-JP')}円`,
      points: (n) => `${n.toLocaleString('ja-JP')}ポイント`,
      paid: (n) => `うちチャージ分 ${n.toLocaleString('ja-JP')}円`,
      until: (y, m, d) => `${y}年${m}月${d}日まで`,
      at: (place, what) => `${place}　${what}`,
      outcomes: {
        visit: '来館', repeat_visit: '来館（本日2回目以降）', boarded: '乗車', alighted: '降車',
        checked_in: '到着', checked_out: '出発', other: 'タッチ',
      },
      kinds: { payment: '支払い', charge: 'チャージ', refund: '返金', grant: '給付', expiry: '期限切れ', other: '取引' },
    },
    en: {
      title: 'My page — LoCoPi', heading: 'My page', loginHeading: 'Log in', tenant: 'Municipality ID',
      account: 'Account ID', password: 'Password', login: 'Log in',
      pointsHeading: 'Points', coinHeading: 'Asahi-machi coin balance', grantsHeading: 'Grants (with expiry)',
      touchesHeading: 'Recent touches', moneyHeading: 'Coin history',
      noGrants: 'No grants to spend.', noTouches: 'No touches yet.', noMoney: 'No coin activity yet.',
      loginFailed: 'Could not log in. Please check what you entered and try again.',
      failed: 'Could not connect. Please try again shortly.',
      unlinked: 'This account is not linked to a resident yet. Please ask at the town office.',
      notResident: 'This page is for residents\' accounts. Please log in with a resident account.',
      otherLang: '日本語', otherLangHref: '?lang=ja', locale: 'en-GB', somewhere: 'a facility',
      greeting: (n) => `Hello, ${n}`,
      yen: (n) => `¥${n.toLocaleString('en-GB')}`,
      points: (n) => `${n.toLocaleString('en-GB')} points`,
      paid: (n) => `of which charged: ¥${n.toLocaleString('en-GB')}`,
      until: (y, m, d) => `until ${new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', dateStyle: 'long' }).format(Date.UTC(y, m - 1, d))}`,
      at: (place, what) => `${what} — ${place}`,
      outcomes: {
        visit: 'Visit', repeat_visit: 'Visit (again today)', boarded: 'Boarded', alighted: 'Got off',
        checked_in: 'Arrived', checked_out: 'Left', other: 'Touch',
      },
      kinds: { payment: 'Payment', charge: 'Charge', refund: 'Refund', grant: 'Grant', expiry: 'Expired', other: 'Entry' },
    },
  };
  const { $ } = LoCoPiPage;
  const t = texts[LoCoPiPage.lang];
  const when = LoCoPiPage.tokyoTime(t.locale);
  // Money that left the wallet is shown with a minus sign.
  const outgoing = new Set(['payment', 'refund', 'expiry']);

  function item(at, what, figure, minus) {
    const li = document.createElement('li');
    const time = document.createElement('time');
    time.dateTime = at;
    time.textContent = when.format(new Date(at));
    const text = document.createElement('span');
    text.className = 'what';
    text.textContent = what;
    li.append(time, text);
    if (figure) {
      const amount = document.createElement('span');
      amount.className = minus ? 'yen minus' : 'yen';
      amount.textContent = figure;
      li.append(amount);
    }
    return li;
  }

  function fill(listId, emptyId, items) {
    $(listId).replaceChildren(...items);
    $(emptyId).hidden = items.length > 0;
  }

  function render(me) {
    $('greeting').textContent = me.displayName ? t.greeting(me.displayName) : '';
    $('points').textContent = t.points(me.pointsBalance);
    $('balance').textContent = t.yen(me.balanceYen);
    $('paid').textContent = t.paid(me.paidYen);
    fill('grants', 'no-grants', me.grants.map((g) => {
      const [y, m, d] = g.usableUntil.split('-').map(Number);
      const li = document.createElement('li');
      li.dataset.grant = g.grantId;
      const what = document.createElement('span');
      what.className = 'what';
      what.textContent = g.reason;
      const amount = document.createElement('span');
      amount.className = 'yen';
      amount.textContent = t.yen(g.remainingYen);
      const until = document.createElement('span');
      until.className = 'until';
      until.textContent = t.until(y, m, d);
      li.append(what, amount, until);
      return li;
    }));
    fill('touches', 'no-touches', me.recentTouches.map((x) => {
      const li = item(x.touchedAt, t.at(x.placeName || t.somewhere, t.outcomes[x.outcome] || t.outcomes.other),
        x.pointsAwarded > 0 ? `+${t.points(x.pointsAwarded)}` : '', false);
      li.dataset.touch = x.touchId;
      return li;
    }));
    fill('money', 'no-money', me.recentMoney.map((x) => {
      const minus = outgoing.has(x.kind);
      const what = t.kinds[x.kind] || t.kinds.other;
      const li = item(x.at, x.placeName ? t.at(x.placeName, what) : what, `${minus ? '−' : '+'}${t.yen(x.amountYen)}`, minus);
      li.dataset.kind = x.kind;
      return li;
    }));
  }

  function showLogin(message) {
    LoCoPiPage.showLoginForm();
    $('error').textContent = message || '';
  }

  // True when the page could be shown; false when a login is needed (no cookie, or it is no longer valid).
  async function showApp() {
    const response = await fetch('/api/v1/me/resident', { credentials: 'same-origin' });
    if (response.status === 401) return false;
    if (response.status === 403) {
      showLogin(t.notResident);
      return true;
    }
    if (response.status === 404) {
      $('login').hidden = true;
      $('unlinked').textContent = t.unlinked;
      $('unlinked').hidden = false;
      return true;
    }
    if (!response.ok) throw new Error(String(response.status));
    render(await response.json());
    $('login').hidden = true;
    $('unlinked').hidden = true;
    $('app').hidden = false;
    return true;
  }

  LoCoPiPage.start(t, async () => {
    if (!(await showApp())) showLogin(t.loginFailed);
  });
  showApp().then((shown) => { if (!shown) showLogin(); }, () => showLogin(t.failed));
})();
