"""The menu's lesson list as an output: `lessons.<lang>.js` in the plugin's asset folder (canhgiac.menu)."""

from __future__ import annotations

from canhgiac.menu import filename, lesson_list, menu_title
from canhgiac.outputs import BuiltSite, Language, Output, Written


class LessonLists(Output):
    """Write each language's lesson list for the menu."""

    name = "menu"
    title = "menu lesson list"

    def language(self, site: BuiltSite, lang: Language) -> list[Written]:
        """Write `lessons.<lang>.js`: every lesson of the language, in curriculum order."""
        urls = site.lesson_pages(lang.code)
        items = [(urls[lesson.id], menu_title(lang.ui, lesson.order, lesson.meta(lang.code)["title"]))
                 for lesson in site.project.ordered_lessons() if lesson.id in urls]
        folder = site.folder / site.settings.asset_dir
        folder.mkdir(parents=True, exist_ok=True)
        data = lesson_list(lang.code, items)
        (folder / filename(lang.code)).write_bytes(data)
        return [Written(folder / filename(lang.code), len(data), len(items))]
