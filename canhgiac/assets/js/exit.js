/* Cảnh giác: the quick exit, standalone, loaded first on every page. Without it the link is a plain link to
 * quick_exit_url. With it, the link or Shift pressed three times (GOV.UK's "Exit this page": 5 s window, lights)
 * blanks the page, erases what the site stored and leaves with location.replace (Back does not return); offline,
 * to about:blank. It erases (docs/readme/developing.md) all storage at a domain's root, only the "cg:" keys under
 * a sub-path, framed or in a SCORM package (data-cg-own); the "cg-" caches; the workers scoped in the site. */
(() => {
  'use strict';

  const $root = document.querySelector('[data-module="cg-exit"]');
  const $link = $root && $root.querySelector('a[href]');
  if (!$link || $root.hasAttribute('data-cg-init')) return;
  $root.setAttribute('data-cg-init', '');

  const PRESSES = 3;
  const WINDOW_MS = 5000;      // each Shift press gives another 5 seconds, as GOV.UK does
  const WIPE_WAIT_MS = 800;    // the page is blank meanwhile; storage wiping rarely needs more than a few ms
  const BLANK = 'about:blank';

  let t = {};
  try {
    t = JSON.parse($root.getAttribute('data-i18n')) || {};
  } catch (error) { /* no strings: the exit still works, silently */ }

  const make = (tag, className) => {
    const $el = document.createElement(tag);
    $el.className = className;
    return $el;
  };

  // Three lights that fill as Shift is pressed (hidden from assistive technology: the status line speaks).
  const $lights = make('span', 'cg-exit__lights');
  $lights.setAttribute('aria-hidden', 'true');
  for (let i = 0; i < PRESSES; i++) $lights.append(make('span', 'cg-exit__light'));
  $link.append($lights);
  const $status = make('span', 'cg-visually-hidden');
  $status.setAttribute('role', 'status');
  $root.append($status);

  let $overlay = null;
  let leaving = false;

  const settle = (promise) => Promise.resolve(promise).catch(() => undefined);

  const script = document.currentScript || document.querySelector('script[src$="exit.js"]');
  const BASE = script ? new URL('../../', script.src).href : location.href.replace(/[^/]*$/, '');   // the site's folder
  let framed = true;
  try {
    framed = window.top !== window.self;
  } catch (error) { /* treated as framed */ }
  const OWN_ONLY = framed || $link.hasAttribute('data-cg-own') || new URL(BASE).pathname !== '/';

  /** Erase everything the site keeps in this browser; resolves when done (or after WIPE_WAIT_MS). */
  const wipe = () => {
    for (const name of ['localStorage', 'sessionStorage']) {
      try {
        const area = window[name];
        if (!OWN_ONLY) area.clear();
        else Object.keys(area).filter((key) => key.indexOf('cg:') === 0).forEach((key) => area.removeItem(key));
      } catch (error) { /* storage disabled: nothing stored */ }
    }
    const jobs = [];
    try {
      if (window.caches) {
        jobs.push(settle(caches.keys().then((keys) =>
          Promise.all(keys.filter((key) => key.indexOf('cg-') === 0).map((key) => caches.delete(key))))));
      }
    } catch (error) { /* no Cache Storage (file://, old browser) */ }
    try {
      if (navigator.serviceWorker && navigator.serviceWorker.getRegistrations) {
        jobs.push(settle(navigator.serviceWorker.getRegistrations().then((registrations) =>
          Promise.all(registrations.filter((registration) => registration.scope.indexOf(BASE) === 0)
            .map((registration) => registration.unregister())))));
      }
    } catch (error) { /* no service workers here */ }
    const timeout = new Promise((resolve) => window.setTimeout(resolve, WIPE_WAIT_MS));
    return Promise.race([Promise.all(jobs), timeout]);
  };

  /** Replace this page in history; from inside a frame (an LMS), replace the whole window when allowed. */
  const leave = (url) => {
    if (window.top !== window.self) {
      try {
        window.top.location.replace(url);
        return;
      } catch (error) { /* a sandboxed frame may not: leave the frame */ }
    }
    window.location.replace(url);
  };

  const exit = () => {
    if (leaving) return;
    leaving = true;
    // Blank at once: hide everything behind a plain overlay, and give the tab a neutral title.
    document.documentElement.classList.add('cg-exiting');
    $overlay = make('div', 'cg-exit-overlay');
    $overlay.setAttribute('role', 'alert');
    document.body.append($overlay);
    $overlay.textContent = t.exit_activated || '';
    document.title = t.exit_activated || '\u00a0';
    try {
      if (window.speechSynthesis) window.speechSynthesis.cancel();   // a lesson being read aloud (listen.js) falls silent
    } catch (error) { /* no speech here */ }
    const target = navigator.onLine === false ? BLANK : $link.href;
    wipe().then(() => leave(target), () => leave(target));
  };

  // Shift pressed three times
  let presses = 0;
  let lastWasModified = false;   // Shift+A fires keyup A (shiftKey) then keyup Shift: that Shift does not count
  let timer = null;
  let quietTimer = null;

  const showPresses = () => {
    $lights.classList.toggle('cg-exit__lights--on', presses > 0);
    Array.prototype.forEach.call($lights.children, ($light, i) => {
      $light.classList.toggle('cg-exit__light--on', i < presses);
    });
  };

  const reset = (announce) => {
    window.clearTimeout(timer);
    timer = null;
    presses = 0;
    showPresses();
    $status.textContent = announce ? (t.exit_timed_out || '') : '';
    window.clearTimeout(quietTimer);
    if (announce) quietTimer = window.setTimeout(() => { $status.textContent = ''; }, WINDOW_MS);
  };

  document.addEventListener('keyup', (event) => {
    if (event.key === 'Shift' && !lastWasModified) {
      presses += 1;
      showPresses();
      window.clearTimeout(timer);
      window.clearTimeout(quietTimer);
      if (presses >= PRESSES) {
        reset(false);
        exit();
      } else {
        $status.textContent = (presses === 1 ? t.exit_press_two : t.exit_press_one) || '';
        timer = window.setTimeout(() => reset(true), WINDOW_MS);
      }
    } else if (timer) {
      reset(true);   // any other key breaks the sequence
    }
    lastWasModified = event.shiftKey;
  }, true);

  // The link: a click, a tap, or Enter
  $link.addEventListener('click', (event) => {
    event.preventDefault();
    exit();
  });

  // A page shown again from the back-forward cache must not stay blank.
  window.addEventListener('pageshow', (event) => {
    if (!event.persisted) return;
    leaving = false;
    document.documentElement.classList.remove('cg-exiting');
    if ($overlay) $overlay.remove();
    $overlay = null;
    reset(false);
  });
})();
