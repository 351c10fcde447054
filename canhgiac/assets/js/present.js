/* Cảnh giác: a lesson's presentation, one slide at a time (canhgiac/present/ writes the page).
 * Keys: → Space PageDown next, ← Shift+Space PageUp previous (clickers send PageDown/PageUp), Home/End,
 * A or Enter shows the current question's answer, Escape opens and closes the overview of every slide.
 * A swipe left or right on a touch screen moves too. The slide shown is kept in the address (#slide-3), by
 * history.replaceState (no history entries, nothing stored: the quick exit has nothing of this to wipe).
 * A classic script, not a module: modules do not load from file://. */
(() => {
  'use strict';

  const $deck = document.querySelector('[data-module="cg-present"]');
  if (!$deck || $deck.hasAttribute('data-cg-init')) return;
  $deck.setAttribute('data-cg-init', '');

  const $slides = Array.prototype.slice.call($deck.querySelectorAll('.cg-slide'));
  const $counter = document.querySelector('[data-counter]');
  const $overview = document.querySelector('.cg-overview');
  const $links = Array.prototype.slice.call($overview.querySelectorAll('[data-goto]'));
  const SWIPE = 50;   // px: a shorter move is a tap
  let current = 0;
  let $opener = null;

  document.documentElement.classList.add('cg-js');
  document.querySelectorAll('.cg-bar [hidden]').forEach(($el) => { $el.hidden = false; });

  const show = (index, focus) => {
    current = Math.max(0, Math.min($slides.length - 1, index));
    $slides.forEach(($slide, i) => {
      $slide.classList.toggle('is-current', i === current);
      $slide.setAttribute('aria-hidden', String(i !== current));
    });
    $counter.textContent = String(current + 1);
    $links.forEach(($link, i) => {
      if (i === current) $link.setAttribute('aria-current', 'true');
      else $link.removeAttribute('aria-current');
    });
    try {
      history.replaceState(null, '', '#' + $slides[current].id);
    } catch (error) { /* a sandboxed frame: the address stays */ }
    if (focus) $slides[current].focus({ preventScroll: true });
  };

  const fromHash = () => {
    const i = $slides.findIndex(($slide) => '#' + $slide.id === location.hash);
    return i < 0 ? 0 : i;
  };

  // The answer stands beside the question, or below it: the first of these layouts in which the slide fits the
  // screen, with the prompt (read out already) first kept, then left out. When none fits, the one that needs the least
  // scrolling.
  const LAYOUTS = [[], ['is-even'], ['is-left'], ['is-stack'], ['is-tight'], ['is-tight', 'is-even'], ['is-tight', 'is-left'],
    ['is-tight', 'is-stack']];
  const EVERY = ['is-tight', 'is-even', 'is-left', 'is-stack'];
  const fit = ($slide) => {
    const use = (names) => {
      EVERY.forEach((name) => $slide.classList.remove(name));
      names.forEach((name) => $slide.classList.add(name));
      return $slide.scrollHeight - $slide.clientHeight;
    };
    use([]);
    const $answer = $slide.querySelector('details.cg-answer');
    if ($answer && $answer.open) {
      let best = null;
      for (const names of LAYOUTS) {
        const over = use(names);
        if (over <= 0) {
          best = null;
          break;
        }
        if (!best || over < best.over) best = { names, over };
      }
      if (best) use(best.names);
    }
    $slide.scrollTop = 0;
  };

  const reveal = () => {
    const $answer = $slides[current].querySelector('details.cg-answer');
    if (!$answer) return false;
    $answer.open = !$answer.open;
    fit($slides[current]);
    return true;
  };

  const isOpen = () => !$overview.hidden;

  const openOverview = () => {
    $opener = document.activeElement;
    $overview.hidden = false;
    $links[current].focus();
  };

  const closeOverview = (index) => {
    $overview.hidden = true;
    if (typeof index === 'number') show(index, true);
    else if ($opener && $opener.focus) $opener.focus();
  };

  $slides.forEach(($slide) => { $slide.tabIndex = -1; });

  document.addEventListener('keydown', (event) => {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey) return;
    const key = event.key;
    if (isOpen()) {
      if (key === 'Escape') {
        event.preventDefault();
        closeOverview();
      } else if (['ArrowRight', 'ArrowDown', 'ArrowLeft', 'ArrowUp', 'Home', 'End'].indexOf(key) >= 0) {
        event.preventDefault();
        const at = Math.max(0, $links.indexOf(document.activeElement));
        const next = { ArrowRight: at + 1, ArrowDown: at + 1, ArrowLeft: at - 1, ArrowUp: at - 1,
          Home: 0, End: $links.length - 1 }[key];
        $links[Math.max(0, Math.min($links.length - 1, next))].focus();
      }
      return;   // Enter follows the focused link; Tab moves between them
    }
    const $target = event.target;
    const onControl = $target && $target.closest && $target.closest('a, button, summary, input, select, textarea');
    let handled = true;
    if (key === 'ArrowRight' || key === 'PageDown' || (key === ' ' && !event.shiftKey && !onControl)) show(current + 1, true);
    else if (key === 'ArrowLeft' || key === 'PageUp' || (key === ' ' && event.shiftKey && !onControl)) show(current - 1, true);
    else if (key === 'Home') show(0, true);
    else if (key === 'End') show($slides.length - 1, true);
    else if (key === 'Escape') openOverview();
    else if ((key === 'a' || key === 'A') && !event.shiftKey) handled = reveal();
    else if (key === 'Enter' && !onControl) handled = reveal();
    else handled = false;
    if (handled) event.preventDefault();
  });

  document.querySelector('.cg-bar').addEventListener('click', (event) => {
    const $button = event.target.closest('[data-action]');
    if (!$button) return;
    const action = $button.getAttribute('data-action');
    if (action === 'next') show(current + 1, false);
    else if (action === 'prev') show(current - 1, false);
    else openOverview();
  });

  $overview.addEventListener('click', (event) => {
    const $link = event.target.closest('[data-goto]');
    if (!$link) return;
    event.preventDefault();
    closeOverview(Number($link.getAttribute('data-goto')) - 1);
  });

  // A swipe: one finger moved mostly sideways by more than SWIPE pixels.
  let start = null;
  $deck.addEventListener('touchstart', (event) => {
    start = event.touches.length === 1 ? { x: event.touches[0].clientX, y: event.touches[0].clientY } : null;
  }, { passive: true });
  $deck.addEventListener('touchend', (event) => {
    if (!start || !event.changedTouches.length) return;
    const dx = event.changedTouches[0].clientX - start.x;
    const dy = event.changedTouches[0].clientY - start.y;
    start = null;
    if (Math.abs(dx) > SWIPE && Math.abs(dx) > Math.abs(dy)) show(current + (dx < 0 ? 1 : -1), false);
  }, { passive: true });

  window.addEventListener('hashchange', () => show(fromHash(), false));
  window.addEventListener('resize', () => fit($slides[current]));
  show(fromHash(), false);
})();
