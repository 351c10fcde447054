"""The presentations as an output: `present/<lesson>.html` per lesson in each language, and their style and script."""

from __future__ import annotations

import posixpath

from canhgiac.outputs import BuiltSite, Language, Output, Written, relative_url
from canhgiac.policy import CONTENT_SECURITY_POLICY, EXIT_STRINGS
from canhgiac.present import ASSETS, asset_source, environment, lesson_slides, page_path


class Presentations(Output):
    """Write one presentation per lesson and language; the lesson page's trainer box links it."""

    name = "present"
    title = "presentations"

    def language(self, site: BuiltSite, lang: Language) -> list[Written]:
        """Write this language's presentations (and, with the first language, their style and script)."""
        written = []
        if lang.code == site.default.code:
            for name in ASSETS:
                target = site.folder / site.settings.asset_dir / posixpath.basename(name)
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(asset_source(name))
                written.append(Written(target, target.stat().st_size))
        template = environment(lang.ui).get_template("present.html.j2")
        lesson_urls = site.lesson_pages(lang.code)
        for lesson in site.project.ordered_lessons():
            page = lang.pages.get(f"{site.settings.lessons_dir}/{lesson.id}.md")
            if page is None:
                continue
            url = page_path(lesson.id, lang.code, site.default.code)

            def rel(target: str, url: str = url) -> str:
                return relative_url(target, url)

            html = template.render(
                lang=lang.code, site_name=lang.site_name, csp=CONTENT_SECURITY_POLICY, meta=lesson.meta(lang.code),
                slides=lesson_slides(site.project, lesson, lang.code, page.content, lang.ui),
                quick_exit_url=site.project.locality.quick_exit_url,
                exit_strings={key: lang.ui[key] for key in EXIT_STRINGS},
                css=rel(f"{site.settings.asset_dir}/present.css"), script=rel(f"{site.settings.asset_dir}/present.js"),
                exit_script=rel(f"{site.settings.asset_dir}/exit.js"), lesson_url=rel(lesson_urls[lesson.id]),
                languages=[{"code": code, "url": rel(page_path(lesson.id, code, site.default.code))}
                           for code in site.languages],
            )
            target = site.folder / url
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            written.append(Written(target, target.stat().st_size))
        # The folder of this language's presentations: <folder>/<lesson id>.html (canhgiac.present.page_path).
        site.products.setdefault(self.name, {})[lang.code] = posixpath.dirname(page_path("x", lang.code, site.default.code))
        return written

    def template_data(self, site: BuiltSite, lang: Language, template: str, page_url: str) -> dict:
        """The lesson page's link to its presentation (trainer box); the Print page's per lesson; home's to that list."""
        if template in ("print.html", "home.html"):
            links = {lesson.id: relative_url(page_path(lesson.id, lang.code, site.default.code), page_url)
                     for lesson in site.project.ordered_lessons()}
            print_url = lang.url("print.md")
            listing = relative_url(print_url, page_url) + "#cg-sessions" if print_url else None
            return {"presentations": links, "presentations_url": listing if template == "home.html" else None}
        lesson = next((lid for lid, url in site.lesson_pages(lang.code).items() if url == page_url), None)
        if lesson is None:
            return {}
        return {"present_url": relative_url(page_path(lesson, lang.code, site.default.code), page_url)}
