"""Render handbook HTML to PDF with WeasyPrint, failing on anything WeasyPrint would only log."""

from __future__ import annotations

import datetime as dt
import logging
from contextlib import contextmanager
from pathlib import Path

from canhgiac.errors import ContentError, Problem
from canhgiac.handbook.fit import fit

PDF_VARIANT = "pdf/ua-1"


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


@contextmanager
def weasyprint_problems(where: str):
    """Collect WeasyPrint's warnings and errors (missing fonts, images, bad CSS); raise them as a ContentError."""
    logger = logging.getLogger("weasyprint")
    handler = _Collect()
    logger.addHandler(handler)
    try:
        yield
    finally:
        logger.removeHandler(handler)
    if handler.records:
        raise ContentError([Problem(where, None, f"WeasyPrint {r.levelname.lower()}: {r.getMessage()}",
                                    "the handbook must render without warnings; fix the template, CSS or content")
                            for r in handler.records])


@contextmanager
def tagged_languages():
    """While writing a PDF, give each structure element whose HTML element has a `lang` its /Lang entry.

    WeasyPrint tags the document's language only (the catalog's /Lang), so a screen reader would read an English
    span of a bilingual poster with Vietnamese rules. Its tagging walks the boxes with `_build_box_tree`
    (WeasyPrint 70); this wraps it for the time of the write.
    """
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree

    def build(box, parent, pdf, *args):
        element = getattr(box, "element", None)
        lang = element.get("lang") if element is not None and getattr(box, "element_tag", "") != "html" else None
        for struct in original(box, parent, pdf, *args):
            if lang and "Lang" not in struct and struct.get("P") == parent.reference:
                struct["Lang"] = pydyf.String(lang)
            yield struct

    tags._build_box_tree = build
    try:
        yield
    finally:
        tags._build_box_tree = original


def render_pdf(html: str, target: Path, base_url: str, where: str = "handbook", date: dt.datetime | None = None) -> int:
    """Write the PDF of `html` to `target`; return its number of pages.

    `date` becomes the PDF's creation and modification date (none without it): the same sources give the same
    bytes. The file identifier is a hash of the content, so it is reproducible too.
    """
    from weasyprint import HTML  # imported late: it loads Pango, which the site build alone does not need
    from weasyprint.urls import URLFetcher

    # Local files (fonts, images the site build copied) and data: URIs (QR codes) only: the build never goes online.
    fetcher = URLFetcher(allowed_protocols=("file", "data"))
    with weasyprint_problems(where):
        # PDF/UA-1: a tagged PDF (structure tree, reading order, alt text, document language) for screen readers.
        source = HTML(string=html, base_url=base_url, url_fetcher=fetcher)
        document = fit(source, lambda doc: doc.render(pdf_variant=PDF_VARIANT))
        if date is not None:
            stamp = date.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
            document.metadata.created = document.metadata.modified = stamp
        target.parent.mkdir(parents=True, exist_ok=True)
        document.write_pdf(target, pdf_variant=PDF_VARIANT, pdf_identifier=True)
    return len(document.pages)
