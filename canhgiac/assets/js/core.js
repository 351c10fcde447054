/* Cảnh giác: shared client code. Plain ES2017, no framework, no network, no cookies.
 * Loaded (deferred, before the component modules) on pages that have a component: it holds the storage of
 * progress (keys start with "cg:"; sessionStorage, or localStorage once the reader opts in), small DOM helpers,
 * and `CanhGiac.register`, which starts one instance of a component per element that names it in data-module.
 * The page works without any script; components only enhance. */
(() => {
  'use strict';

  const PREFIX = 'cg:';
  const LOCAL = 'localStorage';
  const SESSION = 'sessionStorage';

  const $make = (tag, className, text) => {
    const $el = document.createElement(tag);
    if (className) $el.className = className;
    if (text) $el.textContent = text;
    return $el;
  };

  const $button = (className, text, action) => {
    const $b = $make('button', className, text);
    $b.type = 'button';
    $b.dataset.action = action;
    return $b;
  };

  // UI strings come from the page (rendered per language), never from this file.
  const strings = ($el) => {
    try {
      return JSON.parse($el.getAttribute('data-i18n')) || {};
    } catch (error) {
      return {};
    }
  };

  const shuffled = (items) => {
    const a = items.slice();
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(Math.random() * (i + 1));
      [a[i], a[j]] = [a[j], a[i]];
    }
    return a;
  };

  // Storage may be missing or throw (private mode, storage disabled): then progress is simply not kept.
  const area = (name) => {
    try {
      return window[name] || null;
    } catch (error) {
      return null;
    }
  };

  const Store = {
    key: (id) => PREFIX + 'progress:' + id,
    get(name, id) {
      try {
        return JSON.parse(area(name).getItem(Store.key(id)));
      } catch (error) {
        return null;
      }
    },
    set(name, id, value) {
      try {
        area(name).setItem(Store.key(id), JSON.stringify(value));
      } catch (error) { /* storage full or unavailable: keep going without it */ }
    },
    remove(name, id) {
      try {
        area(name).removeItem(Store.key(id));
      } catch (error) { /* unavailable: nothing to remove */ }
    },
    read: (id) => Store.get(LOCAL, id) || Store.get(SESSION, id),
    // Wipe everything this site stored, in both areas (the progress page's button; later the quick exit).
    clear() {
      for (const name of [LOCAL, SESSION]) {
        const s = area(name);
        if (!s) continue;
        for (let i = s.length - 1; i >= 0; i--) {
          const key = s.key(i);
          if (key && key.indexOf(PREFIX) === 0) s.removeItem(key);
        }
      }
    },
  };

  const registered = [];

  // One instance per element; an error stays in its own component and never breaks the rest of the page.
  const start = () => {
    for (const Module of registered) {
      for (const $el of document.querySelectorAll('[data-module="' + Module.moduleName + '"]')) {
        if ($el.hasAttribute('data-cg-init')) continue;
        $el.setAttribute('data-cg-init', '');
        try {
          new Module($el).init();
        } catch (error) {
          console.error(Module.moduleName, error);
        }
      }
    }
  };

  let ready = document.readyState !== 'loading';
  if (!ready) {
    document.addEventListener('DOMContentLoaded', () => {
      ready = true;
      start();
    });
  }

  /** Add a component class (with a static moduleName); it starts once the DOM is ready. */
  const register = (Module) => {
    registered.push(Module);
    if (ready) start();
  };

  // Trainer notes print open. The stylesheet does it with ::details-content; browsers without it get this.
  const printing = (on) => {
    for (const $d of document.querySelectorAll(on ? 'details.trainer:not([open])' : 'details[data-cg-print]')) {
      $d.open = on;
      $d.toggleAttribute('data-cg-print', on);
    }
  };
  window.addEventListener('beforeprint', () => printing(true));
  window.addEventListener('afterprint', () => printing(false));

  window.CanhGiac = Object.freeze({ PREFIX, LOCAL, SESSION, Store, strings, shuffled, $make, $button, register });
})();
