"""Leaflets and posters as an output: per language, into site/print/, with thumbnails for the Print page."""

from __future__ import annotations

from canhgiac.outputs import BuiltSite, Language, Output, Written, relative_url


class Leaflets(Output):
    """Write a language's leaflets and posters (PDF) and list them on the Print page."""

    name = "outreach"
    title = "leaflets and posters"
    on_serve = False   # a few seconds per rebuild

    def language(self, site: BuiltSite, lang: Language) -> list[Written]:
        """Write every leaflet and poster of `lang`, linked to the lesson pages they come from."""
        from canhgiac.outreach.build import build_outreach

        urls = dict(site.lesson_pages(lang.code))
        if lang.url("hotlines.md"):
            urls["hotlines"] = lang.url("hotlines.md")
        results = build_outreach(site.project, lang.code, urls, site.folder, catalogs=site.catalogs)
        return [Written(site.folder / r.file.path, r.size, r.pages) for r in results]

    def template_data(self, site: BuiltSite, lang: Language, template: str, page_url: str) -> dict:
        """The Print page's listing: each sheet's title, link and thumbnail."""
        if template != "print.html":
            return {}
        from canhgiac.outreach.build import outreach_files

        listing = []
        for f in outreach_files(site.project, lang.code):
            lesson = site.project.lessons[f.lesson] if f.lesson else None
            listing.append({"kind": f.kind, "lang": f.lang, "title": lesson and lesson.meta(lang.code)["title"],
                            "order": lesson and lesson.order, "url": relative_url(f.path, page_url),
                            "thumbnail": relative_url(f.thumbnail, page_url)})
        return {"print_files": listing}
