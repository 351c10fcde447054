/* Cảnh giác: the lesson's Listen and Share buttons. Tiny, on lesson pages: a press loads the control's own module
 * (listen.js, share.js) as a script, once, then hands it the button; nothing is downloaded before. Without
 * JavaScript the buttons stay hidden. Listen shows only where the browser can speak (speechSynthesis). */
(() => {
  'use strict';

  const script = document.currentScript;
  const $root = document.querySelector('[data-module="cg-tools"]');
  if (!script || !$root) return;
  const loading = {};
  const tools = () => window.CanhGiacTools || {};
  for (const $button of $root.querySelectorAll('button[data-tool]')) {
    const name = $button.dataset.tool;
    if (name === 'listen' && !window.speechSynthesis) continue;
    $button.hidden = false;
    $button.addEventListener('click', () => {
      if (tools()[name]) return tools()[name]($button, $root);
      if (loading[name]) return;
      loading[name] = true;
      const $s = document.createElement('script');
      $s.src = new URL(name + '.js', script.src).href;
      $s.onload = () => tools()[name]($button, $root);
      $s.onerror = () => { loading[name] = false; };   // offline: the next press tries again
      document.head.append($s);
    });
  }
})();
