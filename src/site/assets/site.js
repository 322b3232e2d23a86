// Broadsheet: theme and density toggles, relative times, broken images, keyboard shortcuts.
(function () {
  'use strict';
  var d = document.documentElement;
  var zh = (d.lang || '').indexOf('zh') === 0;
  var store = {
    get: function (k) { try { return localStorage.getItem(k); } catch (e) { return null; } },
    set: function (k, v) { try { localStorage.setItem(k, v); } catch (e) {} }
  };

  function dark() {
    var t = d.getAttribute('data-theme');
    return t ? t === 'dark' : window.matchMedia('(prefers-color-scheme: dark)').matches;
  }
  var themeBtn = document.getElementById('theme');
  function showTheme() {
    if (!themeBtn) return;
    themeBtn.setAttribute('aria-pressed', String(dark()));
    themeBtn.querySelector('span').textContent = dark() ? (zh ? '浅色' : 'Light') : (zh ? '深色' : 'Dark');
  }
  if (themeBtn) themeBtn.addEventListener('click', function () {
    var next = dark() ? 'light' : 'dark';
    d.setAttribute('data-theme', next);
    store.set('bs-theme', next);
    showTheme();
  });
  showTheme();

  // Lists in three views, in turn: list (dense), cards (with excerpts), titles only; the label shows the current one.
  var viewBtn = document.getElementById('view');
  if (viewBtn) viewBtn.addEventListener('click', function () {
    var next = d.classList.contains('view-cards') ? 'compact' : d.classList.contains('compact') ? 'list' : 'cards';
    d.classList.toggle('view-cards', next === 'cards');
    d.classList.toggle('compact', next === 'compact');
    store.set('bs-view', next);
  });

  // On phones the category tree is a menu: the button opens it in place (without JS it links to the category page).
  var menu = document.getElementById('menu');
  if (menu) menu.addEventListener('click', function (e) {
    if (window.matchMedia('(min-width: 960px)').matches) return;
    e.preventDefault();
    var open = d.classList.toggle('nav-open');
    menu.setAttribute('aria-expanded', String(open));
    if (open) { var first = document.querySelector('#nav a'); if (first) first.focus(); }
  });

  // Times: the page carries the instant; the reader's clock and zone say how long ago.
  var exact = new Intl.DateTimeFormat(d.lang || undefined, { dateStyle: 'full', timeStyle: 'short' });
  function ago(ms) {
    var m = Math.round(ms / 60000);
    if (m < 1) return zh ? '刚刚' : 'just now';
    if (m < 60) return zh ? m + ' 分钟前' : m + ' min ago';
    var h = Math.round(m / 60);
    if (h < 24) return zh ? h + ' 小时前' : h + ' h ago';
    var days = Math.round(h / 24);
    if (days < 30) return zh ? days + ' 天前' : days + ' d ago';
    return null;
  }
  function times() {
    var now = Date.now();
    var list = document.querySelectorAll('time[datetime]');
    for (var i = 0; i < list.length; i++) {
      var t = list[i];
      var at = Date.parse(t.getAttribute('datetime'));
      if (isNaN(at)) continue;
      t.title = exact.format(at);
      if (t.hasAttribute('data-rel')) {
        var rel = ago(now - at);
        if (rel) t.textContent = rel;
      }
    }
  }
  times();
  setInterval(times, 60000);

  // Day headings say 今天 / 昨天 (the reader's day, so pages stay the same between builds).
  function dayKey(ms) { var x = new Date(ms); return x.getFullYear() + '-' + ('0' + (x.getMonth() + 1)).slice(-2) + '-' + ('0' + x.getDate()).slice(-2); }
  var named = {};
  named[dayKey(Date.now())] = d.getAttribute('data-today');
  named[dayKey(Date.now() - 864e5)] = d.getAttribute('data-yesterday');
  var heads = document.querySelectorAll('h2.day[data-day]');
  for (var j = 0; j < heads.length; j++) {
    var word = named[heads[j].getAttribute('data-day')];
    if (word) heads[j].textContent = word + ' · ' + heads[j].textContent;
  }

  // A thumbnail the site could not make falls back to the picture's own address; a broken image then
  // hides itself (and its thumbnail box) instead of showing a broken icon.
  function broken(img) {
    var original = img.getAttribute('data-fallback');
    if (original) { img.removeAttribute('data-fallback'); img.src = original; return; }
    (img.closest('.thumb') || img).classList.add('broken');
  }
  document.addEventListener('error', function (e) { if (e.target && e.target.tagName === 'IMG') broken(e.target); }, true);
  var imgs = document.images;
  for (var k = 0; k < imgs.length; k++) if (imgs[k].complete && imgs[k].naturalWidth === 0 && imgs[k].getAttribute('src')) broken(imgs[k]);

  // Search: the header's box loads the index's list only once focused; the search page runs itself.
  var box = document.querySelector('.search-box');
  if (box) box.querySelector('input').addEventListener('focus', function () {
    import(box.getAttribute('data-module')).then(function (m) { m.warm(box.getAttribute('data-index')); });
  }, { once: true });
  var searchPage = document.getElementById('search-form');
  if (searchPage) import(searchPage.getAttribute('data-module')).then(function (m) { m.mount(searchPage); });

  // Keys as in feed readers: j/k next/previous, o or Enter open, v original, g h home, / search.
  var cards = document.querySelectorAll('.card h3 a');
  var at = -1;
  var pendingG = false;
  function focusCard(i) {
    if (!cards.length) return;
    at = Math.max(0, Math.min(cards.length - 1, i));
    cards[at].focus();
    cards[at].closest('.card').scrollIntoView({ block: 'nearest' });
  }
  document.addEventListener('keydown', function (e) {
    if (e.metaKey || e.ctrlKey || e.altKey) return;
    var tag = (e.target && e.target.tagName) || '';
    if (tag === 'INPUT' || tag === 'TEXTAREA' || tag === 'SELECT' || (e.target && e.target.isContentEditable)) return;
    var current = document.activeElement && document.activeElement.closest ? document.activeElement.closest('.card') : null;
    if (current) at = Array.prototype.indexOf.call(cards, current.querySelector('h3 a'));
    if (pendingG) {
      pendingG = false;
      if (e.key === 'h') { var home = document.querySelector('.brand'); if (home) location.href = home.href; }
      return;
    }
    switch (e.key) {
      case 'j': focusCard(at + 1); break;
      case 'k': focusCard(at - 1); break;
      case 'o': if (at >= 0 && cards[at]) cards[at].click(); break;
      case 'v': {
        var orig = current ? current.getAttribute('data-original') : null;
        var link = orig || (document.querySelector('.original') || {}).href;
        if (link) window.open(link, '_blank', 'noopener,noreferrer');
        break;
      }
      case 'g': pendingG = true; break;
      case '/': {
        var q = document.getElementById('search-q') || document.querySelector('.search-box input');
        if (q) { e.preventDefault(); q.focus(); }
        break;
      }
      default: return;
    }
  });
})();
