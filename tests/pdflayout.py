"""Read a handbook's page layout back from the PDF: how full each page is, and what ends it.

The layout is read with pdfium (pypdfium2), an order of magnitude faster than pdfminer on a 200-page handbook, but
measured as pdfplumber (pdfminer) measures it; pdfplumber still reads the structure tree (`structure_texts`).
"""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

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
    pdf = pdfium.PdfDocument(path)
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            try:
                pages.append(_page_layout(index + 1, page))
            finally:
                page.close()
    finally:
        pdf.close()
    return tuple(pages)


# The measures are pdfminer's, as pdfplumber gives them, so that the layout rules keep their meaning: a character's box
# is its advance wide and its font size high, from the font's descent below the baseline; a path is cut into subpaths,
# each as high as its end points (not the curves' control points), a rectangle being a move and four lines along the
# axes; an image is the unit square drawn by its matrix; white means a white fill colour (pdfium gives it as RGB).
# Page coordinates run up from the bottom, pdfplumber's `top` and `bottom` down from the top of the page.


def _page_layout(number: int, page) -> PageLayout:
    """One page's layout, as `read_layout` describes it."""
    _, bottom, _, top = page.get_mediabox()
    height = top - bottom
    area = (TOP - 1, height - BOTTOM + 1)
    chars = _chars(page, top)
    marks = _marks(page.raw, top)  # (top, bottom, white, (bottom, height) of a filled, coloured rectangle or None)
    inside = [ch["bottom"] for ch in chars if ch["top"] >= area[0] and ch["bottom"] <= area[1]]
    inside += [below for above, below, white, _ in marks if above >= area[0] and below <= area[1] and not white]
    fill = (max(inside) - TOP) / (height - TOP - BOTTOM) if inside else 0.0
    rows: dict[int, list] = {}
    for ch in chars:
        if area[0] <= ch["top"] and ch["bottom"] <= area[1] and ch["text"].strip():
            rows.setdefault(round(ch["baseline"]), []).append(ch)  # by baseline
    lines = []
    for _, row in sorted(rows.items()):
        row.sort(key=lambda c: c["x0"])
        big = max(row, key=lambda c: c["size"])  # of equal sizes the first (pdfminer's choice hangs on rounding)
        text = row[0]["text"]
        for before, ch in zip(row, row[1:], strict=False):  # a gap wider than a thin space is a space
            text += (" " if ch["x0"] - before["x1"] > 0.15 * ch["size"] else "") + ch["text"]
        line = TextLine((row[0]["top"], big["size"], big["fontname"], text))
        line.bold_sans = all("Sans" in c["fontname"] and "Bold" in c["fontname"] for c in row)
        lines.append(line)
    boxes = tuple(box for *_, box in marks if box)
    return PageLayout(number, max(0.0, min(fill, 1.0)), lines, height, boxes)


def _chars(page, top: float) -> list[dict]:
    """The page's characters (not the spaces and line ends pdfium makes up) with pdfminer's boxes, measured from the
    top of the page."""
    textpage = page.get_textpage()
    try:
        raw = textpage.raw
        objects: dict = {}  # per text object: its font, font name, descent (per unit of font size), size, matrix
        widths: dict = {}  # per font and character: its advance (per unit of font size)
        x, y, loose, matrix = ctypes.c_double(), ctypes.c_double(), pdfium_c.FS_RECTF(), pdfium_c.FS_MATRIX()
        ink = [ctypes.c_double() for _ in range(4)]
        found = []
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            code = pdfium_c.FPDFText_GetUnicode(raw, i)
            if code in (0x20, 0x0D, 0x0A) and pdfium_c.FPDFText_IsGenerated(raw, i):
                continue
            if code == 2 and pdfium_c.FPDFText_IsHyphen(raw, i):  # pdfium marks a hyphen ending a line
                code = ord("-")
            obj = pdfium_c.FPDFText_GetTextObject(raw, i)
            key = ctypes.addressof(obj.contents)
            if key not in objects:
                pdfium_c.FPDFText_GetMatrix(raw, i, matrix)
                objects[key] = (*_font(pdfium_c.FPDFTextObj_GetFont(obj)), pdfium_c.FPDFText_GetFontSize(raw, i),
                                (matrix.a, matrix.b, matrix.c, matrix.d))
            pdfium_c.FPDFText_GetCharOrigin(raw, i, x, y)
            # the loose box runs from the origin to the advance, unless the glyph's ink reaches further (an italic y)
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, loose)
            pdfium_c.FPDFText_GetCharBox(raw, i, *ink)
            right = loose.right if loose.right > ink[1].value and loose.right > x.value else None
            found.append((code, key, x.value, y.value, right))
        chars = []
        for i, (code, key, x0, y0, right) in enumerate(found):
            font, fontname, descent, size, (a, b, c, d) = objects[key]
            if a <= 0:
                advance = 0.0
            elif right is not None:
                advance = (right - x0) / a
            elif any(0 <= j < len(found) and found[j][1:4] == (key, x0, y0) for j in (i - 1, i + 1)):
                # a piece of a ligature (one per character, all at its origin): its advance reaches the next glyph
                after = next((f for f in found[i + 1:] if f[1] == key and f[2] != x0), None)
                advance = (after[2] - x0) / a if after and after[3] == y0 and after[2] > x0 else 0.0
            else:
                glyph = (fontname, descent, code)
                if glyph not in widths:  # looked up by Unicode
                    width = ctypes.c_float()
                    pdfium_c.FPDFFont_GetGlyphWidth(font, code, 1.0, width)
                    widths[glyph] = width.value
                advance = widths[glyph] * size
            if b == c == 0 and d > 0:
                left, right, low, high = x0, x0 + a * advance, y0 + d * descent * size, y0 + d * (descent + 1) * size
            else:
                left, low, right, high = _transform_rect((a, b, c, d, x0, y0), (0, descent * size, advance, (descent + 1) * size))
            chars.append({"text": chr(code), "x0": left, "x1": right, "top": top - high, "bottom": top - low,
                          "size": high - low, "fontname": fontname, "baseline": top - y0})
        return chars
    finally:
        textpage.close()


def _font(font) -> tuple:
    """A font, its name as the PDF gives it (with the subset's prefix: ABCDEF+NotoSans-Bold) and its descent."""
    size = pdfium_c.FPDFFont_GetBaseFontName(font, None, 0)
    name = ctypes.create_string_buffer(size)
    pdfium_c.FPDFFont_GetBaseFontName(font, name, size)
    descent = ctypes.c_float()
    pdfium_c.FPDFFont_GetDescent(font, 1.0, descent)
    return font, name.value.decode("utf-8", "replace"), -abs(descent.value)


def _marks(raw_page, top: float) -> list:
    """The ink other than text: each subpath of a path and each image, as (top, bottom, white, box), `white` when
    painted with white fill colour, `box` the (bottom, height) of a filled, coloured rectangle."""
    marks: list = []

    def walk(container, count, get, outer):
        for j in range(count(container)):
            obj = get(container, j)
            kind = pdfium_c.FPDFPageObj_GetType(obj)
            if kind not in (pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_IMAGE, pdfium_c.FPDF_PAGEOBJ_FORM):
                continue
            own = pdfium_c.FS_MATRIX()
            pdfium_c.FPDFPageObj_GetMatrix(obj, own)
            matrix = _multiply((own.a, own.b, own.c, own.d, own.e, own.f), outer)
            if kind == pdfium_c.FPDF_PAGEOBJ_FORM:
                walk(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, matrix)
            elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
                _, y0, _, y1 = _transform_rect(matrix, (0, 0, 1, 1))
                marks.append((top - y1, top - y0, False, None))
            else:
                marks.extend(_path_marks(obj, matrix, top))

    walk(raw_page, pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject, (1, 0, 0, 1, 0, 0))
    return marks


def _path_marks(obj, matrix, top: float) -> list:
    """A path's marks, one per subpath, as pdfminer splits and classifies them (see `_marks`)."""
    rgba = [ctypes.c_uint() for _ in range(4)]
    coloured = pdfium_c.FPDFPageObj_GetFillColor(obj, *rgba)
    white = coloured and [c.value for c in rgba[:3]] == [255, 255, 255]
    fillmode, stroke = ctypes.c_int(), ctypes.c_int()
    pdfium_c.FPDFPath_GetDrawMode(obj, fillmode, stroke)
    filled = fillmode.value != pdfium_c.FPDF_FILLMODE_NONE
    subpaths: list[list] = []  # [(operator, point)]: m(ove), l(ine), c(urve), h (a close back to the start)
    x, y = ctypes.c_float(), ctypes.c_float()
    curve = 0
    a, b, c, d, e, f = matrix
    for k in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, k)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_BEZIERTO:  # two control points, then the end point
            curve = (curve + 1) % 3
            if curve:
                continue
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO or not subpaths:
            subpaths.append([])
        operator = {pdfium_c.FPDF_SEGMENT_MOVETO: "m", pdfium_c.FPDF_SEGMENT_LINETO: "l"}.get(kind, "c")
        if subpaths[-1] and pdfium_c.FPDFPathSegment_GetClose(segment) and point == subpaths[-1][0][1]:
            operator = "h"  # pdfium draws the closing line itself
        subpaths[-1].append((operator, point))
    marks = []
    for subpath in subpaths:
        if len(subpath) < 2:  # a lone move
            continue
        shape, points = "".join(o for o, _ in subpath), [p for _, p in subpath]
        if len(shape) > 3 and shape.endswith("lh") and points[-2] == points[0]:  # as pdfminer drops a line back home
            shape, points = shape[:-2] + "h", points[:-1]
        y0, y1 = min(p[1] for p in points), max(p[1] for p in points)
        box = None
        if filled and coloured and not white and _is_rectangle(shape, points):
            box = (top - y0, y1 - y0)
        marks.append((top - y1, top - y0, white, box))
    return marks


def _is_rectangle(shape: str, points: list) -> bool:
    """A move and four lines back to the start along the axes (as pdfminer tells rectangles from other paths)."""
    if shape not in ("mlllh", "mllll") or points[4] != points[0]:
        return False
    (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = points
    return (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)


def _multiply(m1, m0):
    """The matrix applying m1, then m0."""
    a1, b1, c1, d1, e1, f1 = m1
    a0, b0, c0, d0, e0, f0 = m0
    return (a0 * a1 + c0 * b1, b0 * a1 + d0 * b1, a0 * c1 + c0 * d1, b0 * c1 + d0 * d1,
            a0 * e1 + c0 * f1 + e0, b0 * e1 + d0 * f1 + f0)


def _transform_rect(m, rect) -> tuple[float, float, float, float]:
    """The bounds of a rectangle drawn by a matrix."""
    a, b, c, d, e, f = m
    x0, y0, x1, y1 = rect
    xs = [a * x + c * y + e for x in (x0, x1) for y in (y0, y1)]
    ys = [b * x + d * y + f for x in (x0, x1) for y in (y0, y1)]
    return min(xs), min(ys), max(xs), max(ys)


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
