"""The menu's full lesson list, one small script per language, loaded when the reader opens the menu's lessons.

A page's menu holds only the lessons around it (canhgiac.plugin.navigation), so a lesson page weighs the same with
10 lessons or 500. When the reader opens the lessons section, menu.js adds `lessons.<lang>.js` (a script, not
data fetched, so it also works from file://) and lists every lesson; the service worker caches it like the other
assets. Without JavaScript the section's last entry links to the home page's lesson list.
"""

from __future__ import annotations

import json


def menu_title(ui, order: int, title: str) -> str:
    """A lesson as the menu and the footer name it: "Bài 4: …" ("Lesson 4: …")."""
    return f"{ui['lesson']} {order}: {title}"


def lesson_list(lang: str, lessons: list[tuple[str, str]]) -> bytes:
    """The script: (URL from the site root, menu title) of every lesson, in curriculum order."""
    data = json.dumps([list(item) for item in lessons], ensure_ascii=False, separators=(",", ":"))
    return (f"(window.CanhGiacLessons=window.CanhGiacLessons||{{}})[{json.dumps(lang)}]={data};\n").encode()


def filename(lang: str) -> str:
    """The list's file name in the asset folder."""
    return f"lessons.{lang}.js"
