"""Session packs as an output: once the handbooks are rendered, a pack and a booklet per lesson and language."""

from __future__ import annotations

import posixpath
from importlib import resources

from markupsafe import Markup

from canhgiac.outputs import BuiltSite, Language, Output, Written, relative_url
from canhgiac.outputs.facts import facts_marker, fill_facts

FOLD_PICTURE = "booklet-fold.svg"  # written into the site's asset folder, shown on the Print page


def pack_path(lang: str, lesson_id: str, booklet: bool = False) -> str:
    """Where a lesson's session pack (or its booklet) is, under the site."""
    return f"print/{lang}/{lesson_id}-session{'-booklet' if booklet else ''}.pdf"


def session_file_lang(path: str) -> str | None:
    """The language of a session pack or booklet at `path` (a site path), or None for any other file."""
    parts = path.split("/")
    if len(parts) == 3 and parts[0] == "print" and parts[2].endswith(("-session.pdf", "-session-booklet.pdf")):
        return parts[1]
    return None


def presentation_path(lang: Language, lesson_id: str) -> str:
    """Where the presentation of a lesson is: `present/<id>.html` beside the language's home page."""
    home = lang.url("index.md") or "index.html"
    folder = posixpath.dirname(home.rstrip("/")) if home.endswith(".html") else home.rstrip("/")
    return posixpath.join(folder, "present", f"{lesson_id}.html")


class SessionPacks(Output):
    """Write `print/<lang>/<lesson>-session.pdf` and `-session-booklet.pdf` from the rendered handbook's pages."""

    name = "sessions"
    title = "session packs"
    on_serve = False   # needs the handbook

    def finish(self, site: BuiltSite) -> list[Written]:
        """Take each lesson's pages out of its language's handbook, rendered by now (the handbooks finish first)."""
        if not site.products.get("handbook"):
            return []
        from canhgiac.sessions.build import build_language

        written, facts = [], {}
        for code, lang in site.languages.items():
            book = site.products["handbook"].get(code)
            if book is None:
                continue
            for path, data, pages in build_language(site, lang, site.folder / book):
                target = site.folder / path
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data)
                written.append(Written(target, len(data), pages))
                facts[path] = (pages, len(data))
        fold = site.folder / site.settings.asset_dir / FOLD_PICTURE
        fold.parent.mkdir(parents=True, exist_ok=True)
        fold.write_bytes((resources.files("canhgiac.sessions") / FOLD_PICTURE).read_bytes())
        fill_facts(site, facts)
        site.products.setdefault(self.name, {}).update({code: f"print/{code}" for code in site.languages})
        return written

    def template_data(self, site: BuiltSite, lang: Language, template: str, page_url: str) -> dict:
        """The Print page's list of session packs; the home page's links for outreach workers."""
        if template not in ("print.html", "home.html") or "handbook" not in site.running:
            return {}
        out: dict = {"sessions": []}
        for lesson in site.project.ordered_lessons():
            meta = lesson.meta(lang.code)
            row = {"id": lesson.id, "order": lesson.order, "title": meta["title"]}
            for key, booklet in (("pack", False), ("booklet", True)):
                path = pack_path(lang.code, lesson.id, booklet)
                row[f"{key}_url"] = relative_url(path, page_url)
                row[f"{key}_facts"] = Markup(facts_marker(path))
            out["sessions"].append(row)
        out["fold_picture"] = relative_url(f"{site.settings.asset_dir}/{FOLD_PICTURE}", page_url)
        for key, src in (("print_url", "print.md"), ("guide_url", "guide.md")):
            url = lang.url(src)
            out[key] = relative_url(url, page_url) if url else ""
        return out
