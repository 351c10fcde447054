"""The site navigation: curriculum reading order, lesson numbers in the menu, and a menu whose size is constant.

MkDocs links every page to its neighbours (`previous_page`, `next_page`, Material's footer) when it builds the
navigation, in file order; the plugin puts the navigation in curriculum order and links the pages again, so
that nav order and reading order are one thing, as MkDocs intends.

Every page used to carry the whole lessons section in its menu: at 500 lessons that is 175 KB of HTML and most
of the build time (each page renders every lesson). `MenuView` gives each page a copy of the navigation whose
lessons section holds a constant number of entries: the lesson before, this lesson, the lesson after and a
link to the full list on the home page of the same language (without JavaScript; with it, menu.js lists every
lesson from `lessons.<lang>.js` when the section opens, see canhgiac.menu).
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from pathlib import Path

from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

LESSONS_ANCHOR = "cg-lessons"  # the lesson list on the home page (overrides/home.html)


def walk(items: Iterable) -> Iterator:
    """Every navigation item, depth first, in menu order."""
    for item in items:
        yield item
        if item.children:
            yield from walk(item.children)


def link_in_order(nav: Navigation) -> None:
    """Make the menu order the reading order: nav.pages, previous_page and next_page follow nav.items."""
    nav.pages = [item for item in walk(nav.items) if isinstance(item, Page)]
    for before, page, after in zip([None, *nav.pages[:-1]], nav.pages, [*nav.pages[1:], None], strict=True):
        page.previous_page, page.next_page = before, after


class MenuView:
    """Per-page copies of one language's navigation, with the lessons section cut to the current neighbourhood."""

    def __init__(self, nav: Navigation, section: Section | None, all_lessons: str, home: str):
        self.nav = nav
        self.section = section
        self.lessons: list[Page] = [p for p in section.children if isinstance(p, Page)] if section else []
        self.index = {id(page): i for i, page in enumerate(self.lessons)}
        # The home page of this language ("en/index.html"): the list must not lead into another language's site.
        self.all_lessons = Link(all_lessons.format(n=len(self.lessons)), f"{home}#{LESSONS_ANCHOR}")

    def for_page(self, page: Page | None) -> Navigation:
        """The navigation `page` shows: the same items, the lessons section pruned around `page` (or at lesson 1)."""
        if self.section is None:
            return self.nav
        i = self.index.get(id(page))
        window = self.lessons[max(i - 1, 0):i + 2] if i is not None else self.lessons[:1]
        pruned = Section(self.section.title, [*window, self.all_lessons])
        pruned.parent = self.section.parent
        pruned.active = i is not None
        view = copy.copy(self.nav)
        view.items = [pruned if item is self.section else item for item in self.nav.items]
        return view


def order(nav: Navigation, options, lang: str, ui, lesson_of) -> MenuView:
    """Put a language's navigation in curriculum order and number its lessons; return its per-page menus.

    Lessons go by their `order`, top-level pages and the lessons folder by the `nav_order` option. That order is
    also the reading order (Next / Previous). `lesson_of(page)` gives a page's lesson, or None.
    """
    from canhgiac.menu import menu_title
    from canhgiac.plugin.checks import norm

    def key(item) -> tuple[int, str]:
        if item.is_section:
            name = Path(norm(item.children[0].file.src_uri)).parent.as_posix() if item.children else ""
        else:
            name = norm(item.file.src_uri)
        return (options.nav_order.index(name) if name in options.nav_order else len(options.nav_order), name)

    lessons_section = None
    for item in nav.items:
        if item.is_section and item.children and getattr(item.children[0], "file", None):
            if Path(norm(item.children[0].file.src_uri)).parent.as_posix() == options.lessons_dir:
                lessons_section = item
                item.title = ui["lessons"]  # not the folder name, in every language
                item.children.sort(key=lambda p: lesson_of(p).order if lesson_of(p) else 0)
                for page in item.children:
                    lesson = lesson_of(page)
                    if lesson is not None:  # "Bài 4: …" in the menu and the footer; <title> keeps the title
                        page.title = menu_title(ui, lesson.order, lesson.meta(lang)["title"])
    nav.items.sort(key=key)
    link_in_order(nav)
    home = next((p.url for p in nav.pages if norm(p.file.src_uri) == "index.md"), "index.html")
    return MenuView(nav, lessons_section, ui["all_lessons"], home)
