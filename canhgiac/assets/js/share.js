/* Cảnh giác: the lesson's Share button, loaded by search.js on the first press. The phone's own share sheet
 * (navigator.share: Zalo, Messenger… as the reader has them), else the link copied (navigator.clipboard), else a
 * field with the link selected, to copy by hand. A spoken status says the link was copied. The shared address is
 * the published one (the canonical link, with site_url set) or this page's. Nothing is stored, nothing sent by
 * this script: no chat app's own script is loaded. */
(() => {
  'use strict';

  if ((window.CanhGiacTools || {}).share) return;   // loaded twice (two quick presses): the first one stays

  // Styled by tools.css, in the strings of tools.<lang>.js: search.js loads both before this module.
  const strings = () => window.CanhGiacToolStrings || {};

  const meta = (name) => {
    const $m = document.querySelector('meta[property="' + name + '"]');
    return $m ? $m.content : '';
  };
  const address = () => {
    const $c = document.querySelector('link[rel="canonical"]');
    const url = new URL($c && /^https?:/.test($c.href) ? $c.href : window.location.href);
    url.hash = '';
    return url.href;
  };

  const say = ($root, text) => {
    const $status = $root.querySelector('.cg-tools__status');
    $status.textContent = '';
    window.setTimeout(() => { $status.textContent = text; }, 50);   // a fresh change is announced again
  };

  const field = ($button, $root, url, label) => {
    let $field = $root.querySelector('.cg-tools__link');
    if (!$field) {
      $field = document.createElement('input');
      $field.className = 'cg-tools__link';
      $field.type = 'text';
      $field.readOnly = true;
      $field.setAttribute('aria-label', label);
      $root.insertBefore($field, $root.querySelector('.cg-tools__status'));
    }
    $field.value = url;
    $field.focus();
    $field.select();
  };

  const share = ($button, $root) => {
    const t = strings();   // in the page's language
    const url = address();
    const data = { title: meta('og:title') || document.title, text: meta('og:description'), url };
    const copy = () => {
      if (navigator.clipboard && navigator.clipboard.writeText) {
        navigator.clipboard.writeText(url).then(() => say($root, t.share_copied || ''),
          () => field($button, $root, url, t.share_link || ''));
      } else {
        field($button, $root, url, t.share_link || '');
      }
    };
    if (navigator.share && (!navigator.canShare || navigator.canShare(data))) {
      navigator.share(data).catch((error) => {
        if (!error || error.name !== 'AbortError') copy();   // the reader closed the sheet: nothing to do
      });
    } else {
      copy();
    }
  };

  window.CanhGiacTools = Object.assign(window.CanhGiacTools || {}, { share: share });
})();
