"""A black-and-white photocopier, simulated: what of a PDF survives being copied on a cheap machine.

A copier scans in grey and prints each dot black or white. So each page is rendered in greyscale (pypdfium2) at
COPY_DPI and thresholded at half grey: a pixel darker than 50 % prints black, anything lighter is lost. Whether
the text still reads is judged without OCR, line by line (the text objects on one baseline):

- ink: the share of the line's box (its width by the font size) that prints black. Text set in Noto at regular
  weight covers 10–25 % of that box; a line under MIN_INK has lost most of its strokes (pale grey text, hairline
  type). A line over MAX_INK is no longer text on white (text on a dark fill, or blotted into a smudge).
- strokes: black runs along a row across the lower-case letters (the most of three rows, 0.2 to 0.4 em above the
  baseline). Every letter crosses it with one to three stems; fewer than STROKES_PER_LETTER runs per letter
  means strokes dropped out or letters merged into blots.

The rules read from the PDF's own objects (pypdfium2's page objects, a hundred times faster than pdfplumber on a
200-page book): size and colour of every character, thickness and colour of every rule (a border is drawn as a
thin filled shape, a dashed one as a stroked line), large tinted fills, and each page's dark share after
thresholding.
"""

from __future__ import annotations

import ctypes
import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from pdflayout import BOTTOM, TOP
from PIL import Image

COPY_DPI = 150  # a cheap copier's effective resolution for small type; a finer scan only reads better
THRESHOLD = 128  # half grey
MIN_INK, MAX_INK = 0.03, 0.6
STROKES_PER_LETTER = 0.5
SMALL = 9.0  # pt: text at least this, for 95 % of the characters of the text area
SMALLEST = 7.5  # pt: running heads and page numbers at least this, and every character
GREY = 0x55 / 255  # #555: text and rules no lighter than this (Rec. 601 luma)
RULE = 0.75  # pt: the thinnest rule a copier keeps
TINT = 0.02  # a fill over this share of the page is a "large area"


def luma(rgb: tuple[int, int, int]) -> float:
    """Rec. 601 luma, 0 (black) to 1 (white)."""
    r, g, b = rgb
    return (0.299 * r + 0.587 * g + 0.114 * b) / 255


@dataclass
class Line:
    """A line of text and how its photocopy reads."""

    page: int
    text: str
    size: float
    ink: float
    strokes: int
    letters: int

    @property
    def reads(self) -> bool:
        if not self.letters:  # punctuation or leader dots alone
            return self.ink <= MAX_INK
        return MIN_INK <= self.ink <= MAX_INK and self.strokes >= max(1, STROKES_PER_LETTER * self.letters)


@dataclass
class Copy:
    """What a photocopy of one PDF shows."""

    sizes: list[tuple[float, bool, int, str]] = field(default_factory=list)  # (pt, in the text area, page, text)
    pale_text: list[tuple[int, str, float]] = field(default_factory=list)  # (page, text, luma) lighter than #555
    thin_rules: list[tuple[int, float, float]] = field(default_factory=list)  # (page, thickness pt, luma)
    tints: list[tuple[int, float, float]] = field(default_factory=list)  # (page, share of the page, luma)
    dark: dict[int, float] = field(default_factory=dict)  # page -> dark share after thresholding
    lines: list[Line] = field(default_factory=list)

    def _chars(self, inside_only: bool) -> list[float]:
        return [s for s, inside, _, text in self.sizes for ch in text if ch.strip() and (inside or not inside_only)]

    def small_share(self, text_area_only: bool = True) -> float:
        """Share of the characters (of the text area: not running heads or page numbers) under SMALL pt."""
        sizes = self._chars(text_area_only)
        return sum(s < SMALL - 0.05 for s in sizes) / len(sizes)

    def smallest(self) -> float:
        return min(self._chars(False))


def threshold(image: Image.Image) -> Image.Image:
    """Grey → black (0) or white (255) at half grey."""
    return image.convert("L").point(lambda v: 0 if v < THRESHOLD else 255)


def preview(path: Path, page: int, target: Path, dpi: int = COPY_DPI) -> None:
    """Save the photocopy of page `page` (1-based) as a PNG."""
    pdf = pdfium.PdfDocument(str(path))
    try:
        threshold(pdf[page - 1].render(scale=dpi / 72, grayscale=True).to_pil()).convert("1").save(target)
    finally:
        pdf.close()


def _text(obj, textpage) -> str:
    n = raw.FPDFTextObj_GetText(obj, textpage, None, 0)
    buf = ctypes.create_string_buffer(n)
    raw.FPDFTextObj_GetText(obj, textpage, ctypes.cast(buf, ctypes.POINTER(raw.FPDF_WCHAR)), n)
    return buf.raw[: max(0, n - 2)].decode("utf-16-le", "replace")


def _colour(obj, getter) -> tuple[int, int, int]:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    getter(obj, r, g, b, a)
    return r.value, g.value, b.value


def _matrix(obj) -> raw.FS_MATRIX:
    m = raw.FS_MATRIX()
    raw.FPDFPageObj_GetMatrix(obj, m)
    return m


def _bounds(obj) -> tuple[float, float, float, float]:
    box = [ctypes.c_float() for _ in range(4)]
    raw.FPDFPageObj_GetBounds(obj, *box)
    return tuple(v.value for v in box)  # left, bottom, right, top (PDF coordinates, y up)


def _subpaths(obj) -> list[tuple[float, float, float, float]]:
    """The bounding box (in the path's own units) of each subpath."""
    boxes: list[list[float]] = []
    for i in range(raw.FPDFPath_CountSegments(obj)):
        seg = raw.FPDFPath_GetPathSegment(obj, i)
        x, y = ctypes.c_float(), ctypes.c_float()
        raw.FPDFPathSegment_GetPoint(seg, x, y)
        if raw.FPDFPathSegment_GetType(seg) == raw.FPDF_SEGMENT_MOVETO or not boxes:
            boxes.append([x.value, y.value, x.value, y.value])
        b = boxes[-1]
        b[:] = [min(b[0], x.value), min(b[1], y.value), max(b[2], x.value), max(b[3], y.value)]
    return [tuple(b) for b in boxes]


def _path(out: Copy, n: int, obj, page_area: float) -> None:
    fill, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj, fill, stroke)
    m = _matrix(obj)
    scale = math.sqrt(abs(m.a * m.d - m.b * m.c))
    if stroke.value:
        width = ctypes.c_float()
        raw.FPDFPageObj_GetStrokeWidth(obj, width)
        colour = luma(_colour(obj, raw.FPDFPageObj_GetStrokeColor))
        if colour < 0.99 and (width.value * scale < RULE - 0.01 or colour > GREY + 0.01):
            out.thin_rules.append((n, round(width.value * scale, 2), round(colour, 2)))
    if not fill.value:
        return
    colour = luma(_colour(obj, raw.FPDFPageObj_GetFillColor))
    if colour >= 0.99:
        return
    boxes = [(abs(b[2] - b[0]) * scale, abs(b[3] - b[1]) * scale) for b in _subpaths(obj)]
    if len(boxes) == 2:  # a frame: the outer and the inner rectangle
        (a, b) = _subpaths(obj)
        sides = [abs(a[i] - b[i]) * scale for i in range(4)]
        thickness, long = min([s for s in sides if s > 0.01] or [0.0]), True
    elif len(boxes) == 1:
        thickness, long = min(boxes[0]), max(boxes[0]) > 3 * min(boxes[0])
    else:
        return
    if long and thickness < 3 and (thickness < RULE - 0.01 or colour > GREY + 0.01):
        out.thin_rules.append((n, round(thickness, 2), round(colour, 2)))
    left, bottom, right, top = _bounds(obj)
    share = (right - left) * (top - bottom) / page_area
    if len(boxes) == 1 and share > TINT and colour > 0.05:
        out.tints.append((n, round(share, 3), round(colour, 2)))


def _measure(bw: Image.Image, box: tuple[float, float, float, float], scale: float) -> tuple[float, int]:
    """(ink, strokes) of one line whose box (left, top, right, bottom, in points from the top) is in `bw`."""
    left, upper = int(box[0] * scale), int(box[1] * scale)
    crop = bw.crop((left, upper, max(left + 1, int(box[2] * scale + 0.5)), max(upper + 1, int(box[3] * scale + 0.5))))
    w, h = crop.size
    ink = crop.histogram()[0] / (w * h)
    strokes = 0
    for above in (0.2, 0.3, 0.4):  # rows 0.2 to 0.4 em above the baseline: across the lower-case letters
        row = min(h - 1, max(0, int(h * (0.8 - above) / 1.05)))
        strokes = max(strokes, len(re.findall(b"\x00+", crop.crop((0, row, w, row + 1)).tobytes())))
    return ink, strokes


def _lines(runs: list[tuple[float, float, float, float, str]]) -> list[list[tuple]]:
    """Text runs (baseline, left, right, size, text) on one baseline, split at a gap of two ems (cards side by side)."""
    rows: dict[int, list] = {}
    for run in runs:
        rows.setdefault(round(run[0]), []).append(run)
    lines = []
    for _, row in sorted(rows.items()):
        row.sort(key=lambda r: r[1])
        lines.append([row[0]])
        for before, run in zip(row, row[1:], strict=False):
            if run[1] - before[2] > 2 * run[3]:
                lines.append([])
            lines[-1].append(run)
    return lines


@lru_cache(maxsize=8)
def _read(path: Path, stamp: int, pages: tuple[int, ...] | None) -> Copy:
    out = Copy()
    scale = COPY_DPI / 72
    pdf = pdfium.PdfDocument(str(path))
    try:
        for index in range(len(pdf)):
            n = index + 1
            page = pdf[index]
            width, height = page.get_size()
            textpage = page.get_textpage()
            runs = []
            for obj in page.get_objects(max_depth=8):
                kind = raw.FPDFPageObj_GetType(obj.raw)
                if kind == raw.FPDF_PAGEOBJ_PATH:
                    _path(out, n, obj.raw, width * height)
                if kind != raw.FPDF_PAGEOBJ_TEXT:
                    continue
                text = _text(obj.raw, textpage.raw)
                if not text.strip():
                    continue
                size = ctypes.c_float()
                raw.FPDFTextObj_GetFontSize(obj.raw, size)
                m = _matrix(obj.raw)
                size = round(size.value * math.sqrt(abs(m.a * m.d - m.b * m.c)), 2)
                baseline = height - m.f  # from the top
                inside = baseline - 0.7 * size >= TOP - 1 and baseline <= height - BOTTOM + 1
                out.sizes.append((size, inside, n, text))
                colour = luma(_colour(obj.raw, raw.FPDFPageObj_GetFillColor))
                if colour > GREY + 0.01:
                    out.pale_text.append((n, text, round(colour, 2)))
                left, _, right, _ = _bounds(obj.raw)
                runs.append((baseline, left, right, size, text))
            if pages is not None and n not in pages:
                continue
            bw = threshold(page.render(scale=scale, grayscale=True).to_pil())
            out.dark[n] = bw.histogram()[0] / (bw.width * bw.height)
            for line in _lines(runs):
                size = max(r[3] for r in line)
                base = max(r[0] for r in line)
                box = (min(r[1] for r in line), base - 0.8 * size, max(r[2] for r in line), base + 0.25 * size)
                ink, strokes = _measure(bw, box, scale)
                text = "".join(r[4] for r in line)
                out.lines.append(Line(n, text, size, ink, strokes, sum(ch.isalnum() for ch in text)))
    finally:
        pdf.close()
    return out


def read_copy(path: Path, pages: list[int] | None = None) -> Copy:
    """Photocopy `path` (every page, or the 1-based `pages`) and measure it."""
    path = Path(path)
    return _read(path, path.stat().st_mtime_ns, tuple(pages) if pages is not None else None)
