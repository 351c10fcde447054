/* Cảnh giác: the header's search control. Loaded on every page and kept tiny: the first time the reader opens the
 * search it adds search-ui.js (the dialog), which then loads MiniSearch and this language's index. Nothing is
 * downloaded before that. Without JavaScript the control is a link to the lesson list. No other module needed.
 * It also shows a lesson's Listen and Share buttons (hidden without JavaScript); the first press loads their style
 * and strings, then the button's module (listen.js, share.js), and hands it the button. */
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

  // A tool's first press loads, once for both, tools.css and the strings of tools.<lang>.js (written per language by
  // the build), then the tool's own module.
  const $tools = document.querySelector('[data-module="cg-tools"]');
  const add = (src, then) => document.head.append(Object.assign(document.createElement('script'),
    { src: new URL(src, script.src), onload: then, onerror: then }));
  for (const $b of $tools ? $tools.querySelectorAll('[data-tool]') : []) {
    const tool = () => (window.CanhGiacTools || {})[$b.dataset.tool];
    const run = () => tool() && tool()($b, $tools);
    $b.hidden = false;
    $b.addEventListener('click', () => {
      if (tool()) return run();
      if (!document.querySelector('link[href$="/tools.css"]')) {
        document.head.append(Object.assign(document.createElement('link'), { rel: 'stylesheet', href: new URL('tools.css', script.src) }));
      }
      const module = () => add($b.dataset.tool + '.js', run);
      return window.CanhGiacToolStrings ? module() : add('tools.' + document.documentElement.lang + '.js', module);
    });
  }
})();
