"""Share pictures and the Open Graph tags of every page, as an output (no MkDocs import).

Every page gets its title, description, type and locale for chat apps; with `site_url` set (locality.yml), also its
absolute address and a picture: the lesson's own (share/<lang>/<lesson>.png) or the site's (share/<lang>/site.png).
Without an address no picture is made: a chat app needs absolute URLs, and there is nothing true to put in them.
"""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

from canhgiac.outputs import BuiltSite, Language, Output, Written
from canhgiac.share import HEIGHT, WIDTH, Card, og_locale, picture_path, render

# The strings of the lesson's Listen and Share modules, written per language next to them (tools.<lang>.js) and
# loaded with them on a press, so they weigh nothing on a lesson's first load.
TOOL_STRINGS = ("listen_pause", "listen_resume", "listen_next", "listen_slower", "listen_stop", "listen_reading",
                "listen_done", "listen_no_voice", "share_copied", "share_link")


def tool_strings_path(asset_dir: str, lang: str) -> str:
    """The site path of a language's Listen and Share strings."""
    return f"{asset_dir}/tools.{lang}.js"


def _base(site: BuiltSite) -> str:
    url = site.settings.site_url
    return url if not url or url.endswith("/") else url + "/"


class SharePictures(Output):
    """The share pictures and the strings of the lesson's Listen and Share buttons.

    One picture per lesson and language and one per language for the other pages, when the address is known.
    """

    name = "share"
    title = "share pictures"

    def cards(self, site: BuiltSite, lang: Language) -> dict[str, Card]:
        """Picture name -> what it says: every lesson of the language, and 'site' for the other pages."""
        parts = urlsplit(_base(site))
        footer = (parts.netloc + parts.path).rstrip("/")
        cards = {"site": Card(lang.site_name, lang.ui["app_description"], lang.site_name, footer)}
        for lesson in site.project.ordered_lessons():
            meta = lesson.meta(lang.code)
            cards[lesson.id] = Card(lang.site_name, f"{lang.ui['lesson']} {meta['order']}", meta["title"], footer)
        return cards

    def language(self, site: BuiltSite, lang: Language) -> list[Written]:
        """Write the language's Listen and Share strings, and its pictures (none without site_url)."""
        strings = site.folder / tool_strings_path(site.settings.asset_dir, lang.code)
        data = json.dumps({key: lang.ui[key] for key in TOOL_STRINGS}, ensure_ascii=False, sort_keys=True, indent=0)
        strings.write_text(f"window.CanhGiacToolStrings = {data};\n", encoding="utf-8")
        written = [Written(strings, strings.stat().st_size)]
        if not _base(site):
            return written
        for name, card in self.cards(site, lang).items():
            target = site.folder / picture_path(lang.code, name)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(render(card))
            written.append(Written(target, target.stat().st_size))
        return written

    def template_data(self, site: BuiltSite, lang: Language, template: str, page_url: str) -> dict:
        """`cg.share`: the page's Open Graph type, locale(s), and with an address its URL and picture."""
        page = next((p for p in lang.pages.values() if p.url == page_url), None)
        lesson = site.project.lessons.get(page.lesson) if page is not None and page.lesson else None
        data: dict = {
            "type": "article" if lesson else "website",
            "locale": og_locale(lang.code),
            "alternates": [og_locale(code) for code in site.languages if code != lang.code],
            "description": lesson.meta(lang.code)["summary"] if lesson else "",
        }
        base = _base(site)
        if base:
            data.update(url=urljoin(base, page_url), width=WIDTH, height=HEIGHT,
                        image=urljoin(base, picture_path(lang.code, lesson.id if lesson else "site")))
        return {"share": data}
