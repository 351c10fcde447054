/* Cảnh giác: the menu (Material's drawer) and the sidebar's sections, by keyboard. Standalone, every page.
 * Material drives both with hidden checkboxes and <label>s, which a keyboard cannot reach or press, and its own
 * script (which would help) is not loaded. Without this script a tap on the label still opens the menu.
 * - the header's menu <button> toggles the drawer, says whether it is open (aria-expanded), moves focus into the
 *   drawer, and Escape (or focus leaving the drawer) closes it and returns focus to the button;
 * - a section title of the sidebar (a focusable <label>) opens and closes with Enter or Space. */
(() => {
  'use strict';

  const $drawer = document.getElementById('__drawer');
  const $button = document.querySelector('.cg-menu');
  const $label = document.querySelector('.cg-menu-label');
  const $sidebar = document.querySelector('.md-sidebar--primary');

  const FOCUSABLE = 'a[href], button:not([disabled]), input:not([type="checkbox"]):not([disabled]), [tabindex="0"]';
  const visible = ($el) => $el.getClientRects().length > 0 && getComputedStyle($el).visibility !== 'hidden';

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
    $drawer.addEventListener('change', sync);   // the overlay and the drawer's title are labels that close it
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
