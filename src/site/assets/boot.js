// Runs before the first paint: the remembered theme and list density, and "JS is on".
(function () {
  var d = document.documentElement;
  d.classList.remove('no-js');
  try {
    var t = localStorage.getItem('bs-theme');
    if (t === 'light' || t === 'dark') d.setAttribute('data-theme', t);
    var v = localStorage.getItem('bs-view') || (localStorage.getItem('bs-compact') === '1' ? 'compact' : 'list');
    if (v === 'cards') d.classList.add('view-cards');
    if (v === 'compact') d.classList.add('compact');
  } catch (e) {}
})();
