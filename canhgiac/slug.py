"""Heading anchors that keep Vietnamese readable: 'Lao động' -> 'lao-dong'."""

from __future__ import annotations

import re
import unicodedata

_STRIP = re.compile(r"[^\w\s-]")
_DASH = re.compile(r"[\s-]+")


def fold(text: str) -> str:
    """Remove Vietnamese diacritics, mapping đ/Đ to d/D (it has no combining form)."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def slugify(value: str, separator: str = "-") -> str:
    """Slugify a heading for Python-Markdown's toc extension, folding accents."""
    value = fold(value).lower()
    value = _STRIP.sub("", value)
    return _DASH.sub(separator, value).strip(separator)
