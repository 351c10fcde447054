/* Cảnh giác: the menu (Material's drawer) and the sidebar's sections, by keyboard. Standalone, every page.
 * Material drives both with hidden checkboxes and <label>s, which a keyboard cannot reach or press, and its own
 * script (which would help) is not loaded. Without this script a tap on the label still opens the menu.
 * - the header's menu <button> toggles the drawer, says whether it is open (aria-expanded), moves focus into the
 *   drawer, and Escape (or focus leaving the drawer) closes it and returns focus to the button;
 * - a section title of the sidebar (a focusable <label>) opens and closes with Enter or Space;
 * - any link tapped in the open drawer closes it (a section of the same page too: the page scrolls under it);
 * - the lessons section lists every lesson once it opens: the page holds only the lessons around it and a link to
 *   the home page's list (the no-JS way), and lessons.<lang>.js, written by the build, holds them all. */
(() => {
  'use strict';

  const $drawer = document.getElementById('__drawer');
  const $button = document.querySelector('.cg-menu');
  const $label = document.querySelector('.cg-menu-label');
  const $sidebar = document.querySelector('.md-sidebar--primary');

  const FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="checkbox"]):not([disabled]), [tabindex="0"]';
  const visible = ($el) => $el.getClientRects().length > 0 && getComputedStyle($el).visibility !== 'hidden';

  const script = document.currentScript;
  const $all = $sidebar && $sidebar.querySelector('a.md-nav__link[href$="#cg-lessons"]');
  const $list = $all && $all.closest('ul');
  const $section = $list && $list.closest('.md-nav__item--nested');
  const $lessonsToggle = $section && $section.querySelector(':scope > input.md-nav__toggle');
  const lang = document.documentElement.lang;
  let listed = false;
  // Every lesson, in order: the entries already in the page stay (the current lesson keeps its contents).
  const fill = () => {
    const lessons = (window.CanhGiacLessons || {})[lang];
    if (listed || !lessons) return;
    listed = true;
    const root = new URL('../../', script.src);
    const have = new Map();
    for (const $a of $list.querySelectorAll(':scope > li > a.md-nav__link')) have.set($a.href, $a.parentElement);
    for (const [url, title] of lessons) {
      const href = new URL(url, root).href;
      let $li = have.get(href);
      if (!$li) {
        $li = document.createElement('li');
        $li.className = 'md-nav__item';
        const $a = document.createElement('a');
        $a.className = 'md-nav__link';
        $a.href = href;
        const $span = document.createElement('span');
        $span.className = 'md-ellipsis';
        $span.textContent = title;
        $a.append($span);
        $li.append($a);
      }
      $list.insertBefore($li, $all.parentElement);
    }
    $all.parentElement.hidden = true;
  };
  let loading = false;
  const wide = window.matchMedia('(min-width: 76.25em)');
  const lessonsWanted = () => {
    if (!$lessonsToggle || !script || listed || loading || !$lessonsToggle.checked) return;
    if (!wide.matches && !($drawer && $drawer.checked)) return;
    if ((window.CanhGiacLessons || {})[lang]) return fill();
    loading = true;
    const $s = document.createElement('script');
    $s.src = new URL('lessons.' + lang + '.js', script.src).href;
    $s.onload = fill;
    $s.onerror = () => { loading = false; $s.remove(); };   // offline: the link to the home page's list stays
    document.head.append($s);
  };
  if ($lessonsToggle) {
    $lessonsToggle.addEventListener('change', lessonsWanted);
    if (document.readyState === 'complete') lessonsWanted();
    else window.addEventListener('load', lessonsWanted);
  }

  if ($drawer && $button && $sidebar) {
    $button.hidden = false;
    if ($label) $label.hidden = true;
    const sync = () => $button.setAttribute('aria-expanded', String($drawer.checked));
    const open = (on, focus) => {
      if ($drawer.checked !== on) {
        $drawer.checked = on;
        $drawer.dispatchEvent(new Event('change', { bubbles: true }));
      }
      sync();
      lessonsWanted();
      if (!focus) return;
      if (on) {
        // The drawer slides in: wait for it to be visible, then focus its first link.
        window.requestAnimationFrame(() => {
          const $first = Array.prototype.find.call($sidebar.querySelectorAll(FOCUSABLE), visible);
          if ($first) $first.focus();
        });
      } else {
        $button.focus();
      }
    };
    $button.addEventListener('click', () => open(!$drawer.checked, true));
    $drawer.addEventListener('change', () => { sync(); lessonsWanted(); });   // the overlay and title close it too
    // A link followed from the drawer: close it, whether it leads to another page or to a section of this one.
    $sidebar.addEventListener('click', (event) => {
      if ($drawer.checked && event.target.closest('a[href]')) open(false, false);
    });
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && $drawer.checked) {
        event.preventDefault();
        open(false, true);
      }
    });
    // Tabbing out of the open drawer closes it, so focus never wanders behind the overlay.
    $sidebar.addEventListener('focusout', (event) => {
      const $to = event.relatedTarget;
      if ($drawer.checked && $to && !$sidebar.contains($to) && $to !== $button && visible($button)) open(false, false);
    });
    window.addEventListener('pageshow', sync);
    sync();
  }

  // Sidebar sections: <label class="md-nav__link" for="__nav_2" tabindex="0"> toggles checkbox #__nav_2; on a phone
  // the open section's title (<label class="md-nav__title" for="__nav_2">) leads back, and the current page's
  // label for="__toc" opens its contents. Labels cannot take focus by themselves: give them a tab stop.
  for (const $title of document.querySelectorAll('.md-sidebar--primary label.md-nav__link[for], .md-sidebar--primary label.md-nav__title[for]')) {
    if ($title.htmlFor !== '__drawer' && !$title.hasAttribute('tabindex')) $title.tabIndex = 0;
  }
  const expanded = ($toggle) => {
    const $nav = $toggle.parentElement.querySelector(':scope > nav[aria-expanded]');
    if ($nav) $nav.setAttribute('aria-expanded', String($toggle.checked));
  };
  document.addEventListener('keydown', (event) => {
    if (event.key !== 'Enter' && event.key !== ' ') return;
    const $title = event.target;
    if (!($title instanceof HTMLLabelElement) || !$title.htmlFor || $title.htmlFor === '__drawer') return;
    if (!$title.classList.contains('md-nav__link') && !$title.classList.contains('md-nav__title')) return;
    const $toggle = document.getElementById($title.htmlFor);
    if (!$toggle || $toggle.type !== 'checkbox') return;
    event.preventDefault();
    $toggle.checked = !$toggle.checked;
    expanded($toggle);
    if ($toggle === $lessonsToggle) lessonsWanted();
    // Going back on a phone hides the title that had focus: give it to the section's label instead.
    window.setTimeout(() => {
      if (visible($title)) return;
      const $other = Array.prototype.find.call(document.querySelectorAll('label[for="' + $title.htmlFor + '"]'),
        ($l) => $l !== $title && visible($l));
      if ($other) $other.focus();
    }, 300);
  });
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.classList.contains('md-nav__toggle')) expanded(event.target);
  });
})();
