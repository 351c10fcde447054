"""Share pictures: what a chat app (Zalo, Messenger) shows when a lesson's link is posted in a group.

One 1200×630 PNG per lesson and language (the Open Graph size chat apps crop least), with the lesson's number and
title in its language, and the site's name, set in the handbook's Noto faces (`canhgiac.handbook.fonts`). Drawn with
Pillow (already installed: WeasyPrint needs it); text is shaped with Pillow's raqm layout (HarfBuzz) when Pillow has
it, else with its basic layout, which draws the precomposed Vietnamese letters (NFC) the text is normalised to.
The same text gives the same bytes: no timestamp, no metadata, fixed compression. No MkDocs here.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from canhgiac.outputs import OutputError

WIDTH, HEIGHT = 1200, 630
MAX_BYTES = 150_000           # what chat apps accept without recompressing, with room to spare
MARGIN = 64
BAND = 112                    # the top band with the site's name
INK = (26, 26, 46)
BRAND = (64, 81, 181)         # Material's indigo, the site's primary colour (pages.THEME_COLOR)
PAPER = (255, 255, 255)
MUTED = (84, 84, 110)
TITLE_SIZES = (76, 68, 60, 54, 48, 42)   # the largest that fits in MAX_LINES
MAX_LINES = 4
FOLDER = "assets/share"       # under the site folder: share/<lang>/<lesson id>.png, share/<lang>/site.png
NO_BREAK_AFTER = {"\u17d2"}   # Khmer coeng: the next consonant belongs to the same cluster


@dataclass(frozen=True)
class Card:
    """What one share picture says."""

    site_name: str
    kicker: str      # "Bài 3" / "Lesson 3", or the site's description for the site's own picture
    title: str
    footer: str = ""  # the site's address, without the scheme


def raqm() -> bool:
    """Whether Pillow shapes text with raqm (HarfBuzz, FriBiDi)."""
    from PIL import features

    return bool(features.check("raqm"))


@cache
def _cmap(path: Path) -> frozenset[int]:
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        return frozenset(font.getBestCmap())


def _face_files(bold: bool) -> list[Path]:
    """Noto Sans (bold or regular), then the per-script Noto Sans faces installed (Khmer…), for what it lacks."""
    from canhgiac.handbook.fonts import INSTALL_HINT, find_font

    main = find_font("NotoSans-Bold.ttf" if bold else "NotoSans-Regular.ttf")
    if main is None:
        raise OutputError(f"share pictures: font file not found: Noto Sans; {INSTALL_HINT}")
    return [main]


@cache
def _script_font(ch: str, bold: bool) -> Path | None:
    """A Noto Sans face of the character's own script (NotoSansKhmer-Bold.ttf…), when installed."""
    from canhgiac.handbook.fonts import _script, find_font

    script = _script(ch)
    for suffix in ("Bold", "Regular") if bold else ("Regular",):
        path = find_font(f"NotoSans{script}-{suffix}.ttf")
        if path is not None and ord(ch) in _cmap(path):
            return path
    return None


@cache
def _font(path: Path, size: int):
    from PIL import ImageFont

    layout = ImageFont.Layout.RAQM if raqm() else ImageFont.Layout.BASIC
    return ImageFont.truetype(str(path), size, layout_engine=layout)


def runs(text: str, size: int, bold: bool) -> list[tuple[str, object]]:
    """The text cut into runs, each with the font that draws it (Noto Sans, or its script's face)."""
    main = _face_files(bold)[0]
    out: list[tuple[str, Path]] = []
    for ch in text:
        if unicodedata.category(ch).startswith("M") and out:
            path = out[-1][1]  # a mark goes with its base letter's font
        elif ord(ch) in _cmap(main):
            path = main
        else:
            path = _script_font(ch, bold)
            if path is None:
                raise OutputError(f"share pictures: no installed font draws {ch!r} (U+{ord(ch):04X}) of {text!r}; "
                                  "install Debian's fonts-noto-core")
        if unicodedata.combining(ch) and not raqm():
            raise OutputError(f"share pictures: {text!r} needs text shaping (a combining mark after NFC); "
                              "Pillow without raqm cannot place it: install libraqm0")
        if out and out[-1][1] == path:
            out[-1] = (out[-1][0] + ch, path)
        else:
            out.append((ch, path))
    return [(part, _font(path, size)) for part, path in out]


def text_width(text: str, size: int, bold: bool) -> float:
    """The advance width of a line, run by run."""
    return sum(font.getlength(part) for part, font in runs(text, size, bold))


def _pieces(word: str) -> list[str]:
    """A word too long for a line, cut between clusters (never before a mark or after a Khmer coeng)."""
    pieces: list[str] = []
    for ch in word:
        if pieces and (unicodedata.category(ch).startswith("M") or pieces[-1][-1] in NO_BREAK_AFTER):
            pieces[-1] += ch
        else:
            pieces.append(ch)
    return pieces


def wrap(text: str, size: int, bold: bool, width: int) -> list[str]:
    """Lines of at most `width` pixels, broken between words (inside a word only when it alone is too wide)."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}" if line else word
        if text_width(candidate, size, bold) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = ""
        for piece in _pieces(word) if text_width(word, size, bold) > width else [word]:
            if line and text_width(line + piece, size, bold) > width:
                lines.append(line)
                line = ""
            line += piece
    if line:
        lines.append(line)
    return lines


def _draw_line(draw, xy: tuple[float, float], text: str, size: int, bold: bool, fill) -> None:
    x, y = xy
    for part, font in runs(text, size, bold):
        draw.text((x, y), part, font=font, fill=fill)
        x += font.getlength(part)


def render(card: Card) -> bytes:
    """The PNG of one card: the site's name on a band, the kicker, the title as large as fits, the address."""
    from PIL import Image, ImageDraw

    card = Card(*(unicodedata.normalize("NFC", " ".join(s.split())) for s in
                  (card.site_name, card.kicker, card.title, card.footer)))
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, WIDTH, BAND), fill=BRAND)
    inner = WIDTH - 2 * MARGIN
    name = wrap(card.site_name, 44, True, inner)[:1]
    if name:
        _draw_line(draw, (MARGIN, (BAND - 60) // 2), name[0], 44, True, PAPER)
    y = BAND + 40
    if card.kicker:
        for line in wrap(card.kicker, 40, False, inner)[:2]:
            _draw_line(draw, (MARGIN, y), line, 40, False, BRAND)
            y += 56
        y += 12
    bottom = HEIGHT - (96 if card.footer else 56)
    for size in TITLE_SIZES:
        lines = wrap(card.title, size, True, inner)
        step = round(size * 1.3)
        if len(lines) <= MAX_LINES and y + step * len(lines) <= bottom:
            break
    else:
        lines = lines[:MAX_LINES]
        lines[-1] = lines[-1].rstrip() + "…"
    for line in lines:
        _draw_line(draw, (MARGIN, y), line, size, True, INK)
        y += step
    if card.footer:
        _draw_line(draw, (MARGIN, HEIGHT - 76), card.footer, 32, False, MUTED)
    draw.rectangle((0, HEIGHT - 16, WIDTH, HEIGHT), fill=BRAND)
    # A palette of 32 colours keeps anti-aliased text smooth and the file small (four colours and their blends);
    # no dithering, so no noise. The fast octree quantizer and plain zlib level 9 take a fraction of the time of
    # median cut and PNG "optimize", for about the same size.
    small = image.quantize(colors=32, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE)
    out = io.BytesIO()
    small.save(out, "PNG", compress_level=9)
    data = out.getvalue()
    if len(data) > MAX_BYTES:
        raise OutputError(f"share picture of {card.title!r} is {len(data)} bytes, over {MAX_BYTES}")
    return data


@cache
def og_locale(code: str) -> str:
    """The Open Graph locale of a language code, from Babel's CLDR likely subtags: 'vi' -> 'vi_VN', 'km' -> 'km_KH'."""
    from babel import Locale, UnknownLocaleError
    from babel.core import get_global

    try:
        locale = Locale.parse(get_global("likely_subtags").get(code, code).replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return code
    return f"{locale.language}_{locale.territory}" if locale.territory else locale.language


def picture_path(lang: str, name: str) -> str:
    """The site path of a share picture: assets/share/<lang>/<lesson id or 'site'>.png."""
    return f"{FOLDER}/{lang}/{name}.png"
