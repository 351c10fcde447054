/* Cảnh giác service worker: offline reading after the first visit.
 *
 * CONTRACT with the quick exit (and anyone else who must wipe what this site keeps):
 *   - every cache this site creates is named "cg-<version>" (the prefix is CACHE_PREFIX below, "cg-"); delete them
 *     all with caches.keys() + caches.delete(key) for each key starting with "cg-";
 *   - then unregister the worker: navigator.serviceWorker.getRegistrations() -> registration.unregister().
 *   Nothing else is stored by the worker (no IndexedDB, no cookies).
 *
 * Written at the site root by the build, so its scope covers every language (registered by sw-register.js with a
 * URL and scope relative to the site, so it works under any sub-path). It handles only GET requests for URLs under
 * its own scope on its own origin; everything else goes to the network untouched.
 *   - pages (HTML): network first, revalidated (never the HTTP cache's copy alone), so new content is seen on the
 *     next visit; the worker's copy when there is no network, or no answer within NETWORK_WAIT; a page the worker
 *     has no copy of, opened without a network: the offline page of its language (by the URL's first folder), kept
 *     since install, with a <base> at its own address so that its relative links work at the address asked for;
 *   - everything else (CSS, scripts, images, the search index): cache first, then the network (and kept);
 *   - the cache name carries a hash of the build's files (BUILD.version): a new build installs a new worker, which
 *     refreshes the pages the reader had kept into the new cache and deletes the old caches.
 * BUILD (above this comment) is written by the build: { version, shell: [URLs relative to the site root],
 * langs: [language codes, the default first], offline: {language: its offline page, relative to the site root} }.
 */
'use strict';

const CACHE_PREFIX = 'cg-';
const CACHE = CACHE_PREFIX + BUILD.version;
const SCOPE = self.registration.scope;   // ends with '/'
const NETWORK_WAIT = 4000;               // ms a page waits for the network before the kept copy is shown

const ours = (url) => url.startsWith(SCOPE);
const isPage = (request) => request.mode === 'navigate' || (request.headers.get('accept') || '').includes('text/html');

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    await cache.addAll(BUILD.shell.map((u) => new Request(new URL(u, SCOPE).href, { cache: 'reload' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const old = (await caches.keys()).filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE);
    // keep what the reader had saved, fetched again from this build (best effort: skipped when it fails)
    for (const key of old) {
      const requests = await (await caches.open(key)).keys();
      await Promise.all(requests.map(async (request) => {
        if (!ours(request.url) || await cache.match(request)) return;
        try {
          const response = await fetch(request.url, { cache: 'reload' });
          if (response.ok) await cache.put(request.url, response);
        } catch (error) { /* offline: the page comes back on its next visit */ }
      }));
      await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

const fromNetwork = async (request, cache) => {
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') await cache.put(request, response.clone());
  return response;
};

/** The offline page of the language of a page that could not be reached; a network error when it is not kept. */
const offlinePage = async (request) => {
  const first = request.url.slice(SCOPE.length).split('/')[0];
  const lang = BUILD.langs.indexOf(first) > 0 ? first : BUILD.langs[0];
  const url = lang && new URL(BUILD.offline[lang], SCOPE).href;
  const kept = url && await caches.match(url);
  if (!kept) return Response.error();
  const headers = new Headers(kept.headers);
  headers.delete('content-length');
  headers.delete('content-encoding');
  const html = (await kept.text()).replace('<head>', '<head><base href="' + url + '">');
  return new Response(html, { status: 200, headers });
};

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !ours(request.url)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE);
    if (isPage(request)) {
      // revalidated with the server (a 304 costs little): the browser's HTTP cache must not keep an old page
      const network = fromNetwork(new Request(request, { cache: 'no-cache' }), cache);
      const kept = await caches.match(request, { ignoreSearch: true });
      if (!kept) return request.mode === 'navigate' ? network.catch(() => offlinePage(request)) : network;
      // a weak signal that neither answers nor fails: the kept copy after a few seconds; a late answer still
      // refreshes the cache for the next visit
      event.waitUntil(network.catch(() => null));
      const late = new Promise((resolve) => setTimeout(resolve, NETWORK_WAIT, kept));
      return Promise.race([network, late]).catch(() => kept);
    }
    return (await caches.match(request)) || fromNetwork(request, cache);
  })());
});
