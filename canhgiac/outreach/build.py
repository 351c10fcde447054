"""Compose and render the leaflets and posters of one language.

Every sheet of a language is laid out in one WeasyPrint document (fonts load once, layout runs once), then each
sheet is written to its own PDF with `Document.copy`: a leaflet is exactly two pages (front and back of one A5
card), a poster exactly one A3 page. A sheet that comes out longer is a build error that names the lesson, never an
overflowing page. A PNG thumbnail of each sheet's first page is made with poppler's pdftoppm for the print page.
"""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import jinja2
from markupsafe import Markup, escape

from canhgiac import cite
from canhgiac.content.outreach import has_outreach, key_messages, poster_messages
from canhgiac.content.project import Project, source_date
from canhgiac.errors import ContentError, Problem
from canhgiac.handbook.fonts import check_coverage, fit_fonts
from canhgiac.handbook.pdf import PDF_VARIANT, tagged_languages, weasyprint_problems
from canhgiac.handbook.qr import qr_data_uri
from canhgiac.i18n import Catalog, package_catalog

TEMPLATES = resources.files("canhgiac.outreach") / "templates"
PAGES = {"leaflet": 2, "poster": 1, "hotlines": 1}
THUMBNAIL_PX = 180  # the longer side of a thumbnail, in pixels: shown 90 px wide, sharp on phones


@dataclass(frozen=True)
class OutreachFile:
    """One sheet to print: its kind, its lesson (None for the hotline poster) and its path under the site."""

    kind: str
    lesson: str | None
    path: str  # e.g. 'print/vi/trafficking-signs-leaflet.pdf'
    lang: str  # 'vi', 'en', or 'vi-en' for a bilingual sheet

    @property
    def thumbnail(self) -> str:
        """The PNG of its first page, beside it."""
        return self.path[: -len(".pdf")] + ".png"


@dataclass(frozen=True)
class OutreachResult:
    """A sheet written: where, how many pages, how many bytes."""

    file: OutreachFile
    pages: int
    size: int


def outreach_files(project: Project, lang: str, bilingual: bool = True) -> list[OutreachFile]:
    """The sheets of one language, in curriculum order (beside the default language, a bilingual hotline poster)."""
    files = []
    for lesson in project.ordered_lessons():
        if not has_outreach(lesson.versions[lang]):
            continue  # no key messages, nothing to print
        files.append(OutreachFile("leaflet", lesson.id, f"print/{lang}/{lesson.id}-leaflet.pdf", lang))
        files.append(OutreachFile("poster", lesson.id, f"print/{lang}/{lesson.id}-poster.pdf", lang))
    files.append(OutreachFile("hotlines", None, f"print/{lang}/hotlines-poster.pdf", lang))
    if bilingual and lang != project.langs[0]:  # with the default language beside it
        both = f"{project.langs[0]}-{lang}"
        files.append(OutreachFile("hotlines", None, f"print/hotlines-poster-{both}.pdf", both))
    return files


def _env(ui: Catalog) -> jinja2.Environment:
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                             trim_blocks=True, lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                             extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(ui.translations, newstyle=True)  # _("key") in the template
    return env


class Composer:
    """What the template needs for the sheets of one language."""

    def __init__(self, project: Project, lang: str, urls: dict[str, str], catalogs: Mapping[str, Catalog]):
        """Sheets of `lang`; `urls`: lesson id (and 'hotlines') -> page path; `catalogs`: every language's strings."""
        self.project, self.lang, self.urls, self.catalogs = project, lang, urls, catalogs
        self.s = catalogs[lang]
        site_url = project.locality.site_url
        self.site_url = site_url.rstrip("/") + "/" if site_url else None

    def rel(self, path: Path) -> str:
        """A path as editors see it."""
        try:
            return path.relative_to(self.project.paths.root).as_posix()
        except ValueError:
            return path.as_posix()

    def qr(self, key: str) -> dict | None:
        """The QR code of a page (a lesson id or 'hotlines'), only when the site's address is set."""
        if not self.site_url or key not in self.urls:
            return None
        url = self.site_url + self.urls[key]
        return {"url": url, "image": qr_data_uri(url)}

    def hotlines(self, lang: str, second: str | None = None) -> list[dict]:
        """The locality's hotlines; with `second`, each name in a second language too."""
        out = []
        for h in self.project.locality.hotlines:
            more = h["name"][second] if second else f'{h["answers"][lang]}. {h["hours"][lang]}.'
            out.append({"number": h["number"], "name": h["name"][lang], "more": more})
        return out

    def contacts(self, lang: str, second: str | None = None) -> list[dict]:
        """The local contacts, with `second` each name in a second language too; no number prints as a blank line."""
        out = []
        for c in self.project.locality.contacts:
            out.append({"name": c["name"][lang], "second": c["name"][second] if second else "",
                        "number": c.get("number", "")})
        return out

    def lesson_sheets(self, lesson, file: OutreachFile) -> dict:
        """A leaflet or poster of one lesson."""
        lf = lesson.versions[self.lang]
        meta = lf.meta
        leaflet = meta.get("leaflet") or {}
        common = {"kind": file.kind, "anchor": f"{file.kind}-{lesson.id}", "source": self.rel(lf.path),
                  "order": meta["order"], "qr": self.qr(lesson.id)}
        # A source marker ([[penal-code 150]]) prints as its short reference, small and on one line: "(Đ.150 BLHS)".
        def ref(text: str) -> Markup:
            return Markup(cite.plain(str(escape(text)), self.project.laws, self.lang, self.s,
                                     wrap=lambda r: f'<span class="ref">{escape(r)}</span>'))

        if file.kind == "leaflet":
            return {**common, "title": meta["title"],
                    "messages": [ref(m.text) for m in key_messages(lf.body, lf.body_line)],
                    "call": ref(leaflet.get("call", self.s["default_call"])),
                    "keep": ref(leaflet.get("keep", self.s["default_keep"])),
                    "never": ref(leaflet.get("never", self.s["default_never"]))}
        return {**common, "title": leaflet.get("title", meta["title"]),
                "messages": [ref(m.text) for m in poster_messages(lf)]}

    def hotline_sheet(self, file: OutreachFile) -> dict:
        """The programme's hotline poster, in one language or in two."""
        langs = file.lang.split("-")
        first, second = langs[0], (langs[1] if len(langs) > 1 else None)
        s1, s2 = self.catalogs[first], self.catalogs[second] if second else None
        return {"kind": "hotlines", "anchor": "hotlines-" + file.lang, "source": "locality.yml", "lang": first,
                "org": self.project.locality.organisation[first],
                "title": s1["hotlines_title"], "second_title": s2["hotlines_title"] if s2 else "",
                "second_lang": second or "", "hotlines": self.hotlines(first, second),
                "contacts": self.contacts(first, second),
                "local": s1["local"], "second_local": s2["local"] if s2 else "",
                "scan": s1["scan_hotlines"], "qr": self.qr("hotlines")}

    def html(self, files: list[OutreachFile], fonts: str) -> str:
        """One HTML document holding every sheet, in the order of `files`."""
        lessons = self.project.lessons
        sheets = [self.hotline_sheet(f) if f.kind == "hotlines" else self.lesson_sheets(lessons[f.lesson], f)
                  for f in files]
        loc = self.project.locality
        return _env(self.s).get_template("outreach.html.j2").render(
            lang=self.lang, s=self.s, sheets=sheets, fonts=fonts, css=stylesheet(),
            doc_title=f'{self.s["leaflet"]}, {self.s["poster"]}', org=loc.organisation[self.lang],
            program=loc.program[self.lang], year=loc.year, hotlines=self.hotlines(self.lang),
            contacts=self.contacts(self.lang))


def stylesheet() -> str:
    """The sheets' CSS."""
    return (TEMPLATES / "outreach.css").read_text(encoding="utf-8")


def _thumbnail(pdf: Path, png: Path) -> None:
    """A small PNG of the first page (poppler's pdftoppm)."""
    tool = shutil.which("pdftoppm")
    if tool is None:
        raise ContentError([Problem("print", None, "pdftoppm is missing, so the print page has no thumbnails",
                                    "install Debian's poppler-utils (scripts/setup does)")])
    subprocess.run([tool, "-png", "-gray", "-scale-to", str(THUMBNAIL_PX), "-f", "1", "-l", "1", "-singlefile",
                    str(pdf), str(png.with_suffix(""))], check=True, capture_output=True)


def build_outreach(project: Project, lang: str, urls: dict[str, str], site_dir: Path, *,
                   bilingual: bool = True, thumbnails: bool = True,
                   catalogs: Mapping[str, Catalog] | None = None) -> list[OutreachResult]:
    """Write every leaflet and poster of `lang` (and their thumbnails) under `site_dir`; return what was written.

    `catalogs`: every language's interface strings (the package's by default).
    """
    catalogs = catalogs if catalogs is not None else {code: package_catalog(code) for code in project.langs}
    from weasyprint import HTML
    from weasyprint.urls import URLFetcher

    files = outreach_files(project, lang, bilingual)
    composer = Composer(project, lang, urls, catalogs)
    html, texts, faces = fit_fonts(lambda fonts: composer.html(files, fonts), source="locality.yml")
    check_coverage(texts, faces, extra=stylesheet(), root=project.paths.root)
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    with weasyprint_problems(f"leaflets and posters ({lang})"):
        # Tagged (PDF/UA-1) like the handbook: a structure tree, the language, alt text for the QR codes.
        document = HTML(string=html, base_url=str(project.paths.root), url_fetcher=fetcher).render(pdf_variant=PDF_VARIANT)
    starts = {}
    for number, page in enumerate(document.pages):
        for anchor in page.anchors:
            starts.setdefault(anchor, number)
    order = [starts[_anchor(f)] for f in files] + [len(document.pages)]
    # Dated by the content, not the clock, with a content-hash file identifier: the same sources, the same bytes.
    stamp = source_date(project).astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    problems, results = [], []
    for i, file in enumerate(files):
        first, end = order[i], order[i + 1]
        if end - first != PAGES[file.kind]:
            source = composer.rel(project.lessons[file.lesson].versions[lang].path) if file.lesson else "locality.yml"
            problems.append(Problem(source, None, f"the {file.kind} takes {end - first} pages instead of "
                                    f"{PAGES[file.kind]}", "shorten its messages or contacts so that it fits"))
            continue
        target = site_dir / file.path
        target.parent.mkdir(parents=True, exist_ok=True)
        part = document.copy(document.pages[first:end])
        part.metadata.title = _title(project, lang, file, catalogs[lang])
        part.metadata.lang = lang if "-" not in file.lang else project.langs[0]
        part.metadata.created = part.metadata.modified = stamp
        with tagged_languages():  # a bilingual sheet's second language is marked in the structure tree
            part.write_pdf(target, pdf_variant=PDF_VARIANT, pdf_identifier=True)
        if thumbnails:
            _thumbnail(target, site_dir / file.thumbnail)
        results.append(OutreachResult(file, end - first, target.stat().st_size))
    if problems:
        raise ContentError(problems)
    return results


def _anchor(file: OutreachFile) -> str:
    return f"hotlines-{file.lang}" if file.kind == "hotlines" else f"{file.kind}-{file.lesson}"


def _title(project: Project, lang: str, file: OutreachFile, s: Catalog) -> str:
    if file.kind == "hotlines":
        return s["hotline_poster"] + (f" ({s['outreach_bilingual']})" if "-" in file.lang else "")
    return f'{s[file.kind]}: {project.lessons[file.lesson].versions[lang].meta["title"]}'
