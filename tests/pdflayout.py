"""Read a handbook's page layout back from the PDF (pdfplumber): how full each page is, and what ends it."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber

MM = 72 / 25.4
TOP, BOTTOM = 15 * MM, 16 * MM  # the handbook's page margins (handbook.css): running heads and folios outside


class TextLine(tuple):
    """(top, size, font name, text) of a line; `bold_sans` says every character of it is bold sans-serif."""

    bold_sans: bool = False


@dataclass
class PageLayout:
    """One page: how much of the text area is used, and its lines of text from top to bottom."""

    number: int
    fill: float  # 0 (blank) .. 1 (down to the bottom margin)
    lines: list[tuple[float, float, str, str]]  # (top, size, font name, text) of each line in the text area
    height: float = 0.0  # of the page, in points
    boxes: tuple[tuple[float, float], ...] = ()  # (bottom, height) of each filled, coloured rectangle (boxes, cells)


def read_layout(path: Path) -> list[PageLayout]:
    """Measure the text area of every page: the lowest ink (text, rules, boxes, images) below the top margin."""
    return list(_read_layout(Path(path), Path(path).stat().st_mtime_ns))


@lru_cache(maxsize=8)
def _read_layout(path: Path, stamp: int) -> tuple[PageLayout, ...]:  # several tests read the same 200-page PDF
    pages = []
    with pdfplumber.open(path) as pdf:
        for page in pdf.pages:
            height = float(page.height)
            area = (TOP - 1, height - BOTTOM + 1)
            objects = [o for kind in ("chars", "rects", "lines", "images", "curves") for o in getattr(page, kind)]
            inside = [o for o in objects if o["top"] >= area[0] and o["bottom"] <= area[1]
                      and not (o.get("non_stroking_color") in ((1,), (1, 1, 1), [1], [1, 1, 1]) and "text" not in o)]
            fill = (max(o["bottom"] for o in inside) - TOP) / (height - TOP - BOTTOM) if inside else 0.0
            rows: dict[int, list] = {}
            for ch in page.chars:
                if area[0] <= ch["top"] and ch["bottom"] <= area[1] and ch["text"].strip():
                    rows.setdefault(round(height - ch["matrix"][5]), []).append(ch)  # by baseline
            lines = []
            for _, chars in sorted(rows.items()):
                chars.sort(key=lambda c: c["x0"])
                big = max(chars, key=lambda c: c["size"])
                text = chars[0]["text"]
                for before, ch in zip(chars, chars[1:], strict=False):  # a gap wider than a thin space is a space
                    text += (" " if ch["x0"] - before["x1"] > 0.15 * ch["size"] else "") + ch["text"]
                line = TextLine((chars[0]["top"], big["size"], big["fontname"], text))
                line.bold_sans = all("Sans" in c["fontname"] and "Bold" in c["fontname"] for c in chars)
                lines.append(line)
            boxes = tuple((r["bottom"], r["height"]) for r in page.rects if r.get("fill")
                          and r.get("non_stroking_color") not in (None, (1,), (1, 1, 1), [1], [1, 1, 1]))
            pages.append(PageLayout(page.page_number, max(0.0, min(fill, 1.0)), lines, height, boxes))
    return tuple(pages)


def is_heading(line: tuple[float, float, str, str], box_titles: bool = True) -> bool:
    """Headings are the bold sans-serif lines of 10 pt or more (body text is 9.5 pt serif); with `box_titles`, also
    the titles of boxes and glossary terms: a line all bold sans-serif of 9.5 pt."""
    _, size, font, _ = line
    return (size >= 10 and "Sans" in font and "Bold" in font) or \
        (box_titles and size >= 9.4 and getattr(line, "bold_sans", False))


def structure_texts(path: Path, pick, inside: bool = False) -> list[str]:
    """The text of each element of the PDF's structure tree that `pick(element)` accepts, in tree order.

    An accepted element's text includes its children's; with `inside`, elements within it are tried too.
    """
    with pdfplumber.open(path) as pdf:
        texts: dict = {}
        for page in pdf.pages:
            for ch in page.chars:
                if ch.get("mcid") is not None:
                    texts.setdefault((page.page_number, ch["mcid"]), []).append(ch["text"])

        def gather(el) -> str:
            own = "".join("".join(texts.get((el.get("page_number"), m), [])) for m in el.get("mcids") or [])
            return own + "".join(gather(child) for child in el.get("children") or [])

        found: list[str] = []

        def walk(elements):
            for el in elements:
                if pick(el):
                    found.append(gather(el))
                if inside or not pick(el):
                    walk(el.get("children") or [])

        walk(pdf.structure_tree)
    return found
