/* Cảnh giác: the offline page (assets/canhgiac/offline.<lang>.html), which the service worker shows for a page not
 * saved on this phone when there is no network. Shows which pages are saved (every page of the language is listed,
 * hidden, with its title; those found in the cache are shown), and "Save for offline" (offline.js) only when the
 * network is back. Needs no other module. */
(() => {
  'use strict';

  const $save = document.querySelector('[data-module="cg-offline"]');
  const canSave = 'serviceWorker' in navigator && !!window.caches && /^https?:$/.test(location.protocol);
  const network = () => {
    if ($save) $save.hidden = !(canSave && navigator.onLine);
  };
  network();
  window.addEventListener('online', network);
  window.addEventListener('offline', network);

  const $saved = document.querySelector('[data-module="cg-saved"]');
  if (!$saved || !window.caches) return;
  const $none = $saved.querySelector('.cg-saved__none');
  const $items = Array.from($saved.querySelectorAll('.cg-saved__list li'));
  Promise.all($items.map(($li) => caches.match($li.querySelector('a').href, { ignoreSearch: true }).then((kept) => {
    $li.hidden = !kept;
  }, () => undefined))).then(() => {
    $none.hidden = $items.some(($li) => !$li.hidden);
  });
})();
