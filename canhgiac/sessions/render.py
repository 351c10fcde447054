"""The few pages a session pack adds to the handbook's: a cover per lesson and a lined notes page.

They are rendered once per language with the handbook's stylesheet and fonts (one small WeasyPrint document).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from importlib import resources

import jinja2
from markupsafe import Markup

from canhgiac.errors import ContentError, Problem
from canhgiac.handbook.compose import balanced, stylesheet
from canhgiac.handbook.fonts import check_coverage, fit_fonts
from canhgiac.handbook.pdf import weasyprint_problems
from canhgiac.handbook.qr import qr_code
from canhgiac.i18n import Catalog

TEMPLATES = resources.files("canhgiac.sessions") / "templates"
NOTE_LINES = {"A5": 19, "A4": 29}  # ruled lines that fill a notes page's text area


@dataclass(frozen=True)
class Cover:
    """What one lesson's cover says."""

    lesson: str
    source: str              # the lesson file, for font problems
    meta: dict
    parts: list[tuple[str, int | None]]  # what the pack holds, with the handbook page it starts on
    presentation: str        # the presentation's full address, or '' while site_url is not set


def _env(ui: Catalog) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(ui.translations, newstyle=True)
    env.filters["balanced"] = balanced
    return env


def extra_css() -> str:
    """What the packs add to the handbook's stylesheet."""
    return (TEMPLATES / "session.css").read_text(encoding="utf-8")


def render_covers(covers: list[Cover], lang: str, ui: Catalog, loc, page_size: str, root):
    """Render every cover of a language and one notes page after them; return the PDF (a pypdf reader)."""
    from pypdf import PdfReader
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    env = _env(ui)
    qrs = {c.lesson: qr_code(c.presentation) for c in covers}

    def make(font_css: str) -> str:
        return env.get_template("session.html.j2").render(
            covers=covers, qrs=qrs, lang=lang, loc=loc, page_size=page_size, lines=NOTE_LINES[page_size],
            font_css=Markup(font_css), css=Markup(stylesheet() + extra_css()))

    html, texts, faces = fit_fonts(make, source="canhgiac/sessions/templates/session.html.j2")
    check_coverage(texts, faces, extra=extra_css(), root=root)
    with weasyprint_problems(f"session packs ({lang})"):
        document = HTML(string=html, base_url=str(root), url_fetcher=URLFetcher(allowed_protocols=("file", "data")))
        pdf = document.render().write_pdf()
    reader = PdfReader(io.BytesIO(pdf))
    if len(reader.pages) != len(covers) + 1:
        raise ContentError([Problem(c.source, None, "the session pack's cover runs over one page",
                                    "shorten the lesson's summary or title") for c in covers])
    return reader
