// What the login pages (/family, /staff, /me) share: the page language and its texts on the
// [data-i18n] elements, the login form (POST /api/v1/login; the server sets an HttpOnly session
// cookie, so no token is kept in script), the return to that form once the session has ended, and
// times in Japan time. Each page keeps its own texts and rendering; it loads this script first and
// uses the one global LoCoPiPage. The pages' markup shares the ids used here: login, tenant,
// account, password, error, app and lang-switch.
const LoCoPiPage = (() => {
  'use strict';

  const $ = (id) => document.getElementById(id);
  // The server writes the language into <html lang> (?lang=, then the browser's first language).
  const lang = document.documentElement.lang === 'en' ? 'en' : 'ja';

  function translatePage(t) {
    document.querySelectorAll('[data-i18n]').forEach((el) => {
      const value = t[el.dataset.i18n];
      if (typeof value === 'string') el.textContent = value;
    });
    document.title = t.title;
    $('lang-switch').textContent = t.otherLang;
    $('lang-switch').href = t.otherLangHref;
  }

  // Times as people in Japan write them: 11月22日 14:05 (Japan time, 24-hour clock).
  function tokyoTime(locale) {
    return new Intl.DateTimeFormat(locale, {
      timeZone: 'Asia/Tokyo', month: 'long', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false,
    });
  }

  function showLoginForm() {
    $('app').hidden = true;
    $('login').hidden = false;
  }

  // A session that ended (the login expired) while the page was open: back to the login form.
  // sessionCheckPath is one of the page's own endpoints, which answers 401 once that has happened.
  async function backToLoginIfLoggedOut(sessionCheckPath) {
    const response = await fetch(sessionCheckPath, { credentials: 'same-origin' });
    if (response.status === 401) showLoginForm();
  }

  // The detail of a problem+json answer, or the generic failure text.
  async function problemDetail(response, t) {
    try {
      return (await response.json()).detail || t.loginFailed;
    } catch {
      return t.loginFailed;
    }
  }

  async function login(event, t, afterLogin) {
    event.preventDefault();
    $('error').textContent = '';
    const body = { tenantId: $('tenant').value.trim(), accountId: $('account').value.trim(), password: $('password').value };
    try {
      const response = await fetch('/api/v1/login', {
        method: 'POST',
        credentials: 'same-origin',
        // Problems come in the page's language (a locked account's wait is in the detail).
        headers: { 'Content-Type': 'application/json', 'Accept-Language': lang },
        body: JSON.stringify(body),
      });
      $('password').value = '';
      if (response.status === 429) {
        $('error').textContent = await problemDetail(response, t);
        return;
      }
      if (!response.ok) {
        $('error').textContent = t.loginFailed;
        return;
      }
      await afterLogin();
    } catch {
      $('error').textContent = t.failed;
    }
  }

  // Texts on the page, the tenant from ?tenant= in the form, and the form wired: after a successful
  // login the page's afterLogin shows it (and says so itself if it still cannot).
  function start(t, afterLogin) {
    translatePage(t);
    $('tenant').value = new URLSearchParams(location.search).get('tenant') || '';
    $('login').addEventListener('submit', (event) => login(event, t, afterLogin));
  }

  return { $, lang, tokyoTime, showLoginForm, backToLoginIfLoggedOut, start };
})();
