/* Cảnh giác: the quick exit. Standalone (needs no other module), loaded first on every page.
 * The link works without this script (a plain link to locality.yml's quick_exit_url). With it, pressing the link,
 * or Shift three times in a row, blanks the page at once, erases what the site stored (localStorage,
 * sessionStorage, the "cg-" caches, service workers) and leaves with location.replace, so Back does not return.
 * Offline it goes to about:blank: a browser error page would show the address it could not reach.
 * What it erases depends on where the site is. On its own at a domain's root: all of the origin's localStorage and
 * sessionStorage, as it always did. Under a sub-path (other sites may share the origin), inside a frame (an LMS
 * page) or inside a SCORM package (an LMS serves it, with its own storage on the same origin; the package marks the
 * link data-cg-own): only the site's own data, the "cg:" keys. Always: the "cg-" caches and the service workers
 * whose scope is the site's folder or below it, never another site's worker on the same origin.
 * The behaviour follows GOV.UK Frontend's "Exit this page" component (Shift×3 with a 5 s window, the indicator). */
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

  // The site's folder: this script is assets/canhgiac/exit.js under it (the page's folder if it cannot be told).
  const script = document.currentScript || document.querySelector('script[src$="exit.js"]');
  const BASE = new URL(script ? '../../' : './', script ? script.src : location.href).href;
  const framed = (() => {
    try {
      return window.top !== window.self;
    } catch (error) {
      return true;   // a browser that will not even compare: treat it as framed
    }
  })();
  const OWN_ONLY = framed || $link.hasAttribute('data-cg-own') || new URL(BASE).pathname !== '/';

  /** Erase everything the site keeps in this browser; resolves when done (or after WIPE_WAIT_MS). */
  const wipe = () => {
    for (const name of ['localStorage', 'sessionStorage']) {
      try {
        const area = window[name];
        if (!OWN_ONLY) {
          area.clear();
          continue;
        }
        const ours = [];
        for (let i = 0; i < area.length; i++) if (String(area.key(i)).indexOf('cg:') === 0) ours.push(area.key(i));
        ours.forEach((key) => area.removeItem(key));
      } catch (error) { /* storage disabled or blocked: nothing stored there */ }
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
      } catch (error) { /* a sandboxed or foreign frame may not navigate the top window: leave the frame */ }
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
    const target = navigator.onLine === false ? BLANK : $link.href;
    wipe().then(() => leave(target), () => leave(target));
  };

  // -- Shift pressed three times --------------------------------------------------------------------------
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

  // -- The link: a click, a tap, or Enter ---------------------------------------------------------------------
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
