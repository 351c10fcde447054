/* Cảnh giác: the header's search control. Loaded on every page and kept tiny: the first time the reader opens the
 * search it adds search-ui.js (the dialog), which then loads MiniSearch and this language's index. Nothing is
 * downloaded before that. Without JavaScript the control is a link to the lesson list. No other module needed. */
(() => {
  'use strict';

  const script = document.currentScript;
  if (!script) return;
  const ui = new URL('search-ui.js', script.src).href;
  let loading = null;

  const open = ($control) => {
    if (window.CanhGiacSearch) {
      window.CanhGiacSearch.open($control);
      return;
    }
    if (!loading) {
      loading = new Promise((resolve, reject) => {
        const $s = document.createElement('script');
        $s.src = ui;
        $s.onload = resolve;
        $s.onerror = () => {
          loading = null;   // offline: the next tap tries again
          reject(new Error('not loaded: ' + ui));
        };
        document.head.append($s);
      });
    }
    loading.then(() => window.CanhGiacSearch.open($control), () => {
      window.location.href = $control.href;   // no dialog to show: the link's own page, the lesson list
    });
  };

  for (const $control of document.querySelectorAll('[data-module="cg-search"]')) {
    $control.setAttribute('aria-haspopup', 'dialog');
    $control.addEventListener('click', (event) => {
      event.preventDefault();
      open($control);
    });
  }
})();
