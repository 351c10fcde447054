/* Cảnh giác: the "Save for offline" action (home and progress pages). Downloads every page of the current language,
 * the search index and the files they need into the service worker's cache (the list and the cache name come
 * from assets/canhgiac/offline.<lang>.json, written by the build), showing progress. Hidden where it cannot work:
 * no service worker support, or the site opened from file://. Needs no other module. */
(() => {
  'use strict';

  const script = document.currentScript;
  if (!script || !('serviceWorker' in navigator) || !window.caches || !/^https?:$/.test(location.protocol)) return;
  const ROOT = new URL('../../', script.src);
  const LANG = (document.documentElement.lang || 'vi').slice(0, 2);
  const AT_ONCE = 4;

  const say = (template, values) => (template || '').replace(/\{(\w+)\}/g, (m, k) => (k in values ? values[k] : m));

  for (const $root of document.querySelectorAll('[data-module="cg-offline"]')) {
    let t = {};
    try {
      t = JSON.parse($root.getAttribute('data-i18n')) || {};
    } catch (error) { /* keep the defaults */ }
    const $button = $root.querySelector('.cg-offline__save');
    const $progress = $root.querySelector('progress');
    const $status = $root.querySelector('.cg-offline__status');
    $root.hidden = false;

    const save = async () => {
      $button.disabled = true;
      try {
        const list = await (await fetch(new URL('assets/canhgiac/offline.' + LANG + '.json', ROOT), { cache: 'no-store' })).json();
        const cache = await caches.open(list.cache);
        const urls = list.urls.map((u) => new URL(u, ROOT).href);
        const isPage = (url) => url.endsWith('.html');
        const pages = urls.filter(isPage).length;   // the reader counts pages; the bar counts every file
        let done = 0;
        let pagesDone = 0;
        let failed = 0;
        $progress.max = urls.length;
        $progress.value = 0;
        $progress.hidden = false;
        const show = () => {
          $progress.value = done + failed;
          $status.textContent = say(t.progress, { done: pagesDone, total: pages });
        };
        show();
        const queue = urls.slice();
        const worker = async () => {
          for (let url = queue.shift(); url; url = queue.shift()) {
            try {
              const response = await fetch(url, { cache: 'no-cache' });
              if (!response.ok) throw new Error(response.status);
              await cache.put(url, response);
              done++;
              if (isPage(url)) pagesDone++;
            } catch (error) {
              failed++;
            }
            show();
          }
        };
        await Promise.all(Array.from({ length: AT_ONCE }, worker));
        $status.textContent = failed ? say(t.failed, { failed }) : say(t.done, { total: pages });
      } catch (error) {
        $status.textContent = say(t.failed, { failed: '?' });
      }
      $button.disabled = false;
    };
    $button.addEventListener('click', save);
  }
})();
