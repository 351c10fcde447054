/* Cảnh giác: register the service worker (sw.js, written at the site root by the build) so that pages already
 * opened, and the lessons saved with "Save for offline", open without a connection. The worker's URL and scope are
 * the site root, found relative to this script, so the site works at a domain's root or under any sub-path.
 * Never on file:// (service workers need http or https). */
(() => {
  'use strict';

  const script = document.currentScript;
  if (!script || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const root = new URL('../../', script.src);
  const register = () => {
    navigator.serviceWorker.register(new URL('sw.js', root).href, { scope: root.href }).catch(() => {
      /* not allowed here (a plain-http site that is not localhost, a private window): the site works online */
    });
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register);   // after the page, so it never slows the first paint
})();
