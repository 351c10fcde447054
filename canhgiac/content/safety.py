"""Find HTML in rendered content that could run code or leave the page: editors write text, never scripts."""

from __future__ import annotations

import re
from html.parser import HTMLParser

# Elements that run code, embed other documents or change where the page's links and forms go.
UNSAFE_TAGS = {"script", "iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "meta", "link",
               "style", "svg", "math"}
URL_ATTRS = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"}
UNSAFE_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:(?!image/(?:png|gif|jpe?g|webp)[;,])", re.I)


class _Scan(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, str]] = []  # (what, what to look for in the source)

    def handle_starttag(self, tag, attrs):
        if tag in UNSAFE_TAGS:
            self.found.append((f"a <{tag}> element", f"<{tag}"))
        for name, value in attrs:
            if name.startswith("on"):
                self.found.append((f"an event handler attribute '{name}' on <{tag}>", name))
            elif name in URL_ATTRS and value and UNSAFE_SCHEME.match(value):
                scheme = UNSAFE_SCHEME.match(value).group(1).lower()
                self.found.append((f"a '{scheme}:' address in <{tag} {name}>", f"{scheme}:"))

    handle_startendtag = handle_starttag


# A cheap first look: most pages have none of these, and need no parsing.
_SUSPECT = re.compile(r"<(?:" + "|".join(sorted(UNSAFE_TAGS)) + r")\b|\son[a-z]+\s*=|(?:javascript|vbscript|data)\s*:", re.I)


def unsafe_html(html: str) -> list[tuple[str, str]]:
    """Return (description, source needle) for every unsafe element or attribute in `html`."""
    if not _SUSPECT.search(html):
        return []
    scan = _Scan()
    scan.feed(html)
    scan.close()
    return scan.found


def source_line(source: str, needle: str) -> int | None:
    """The first line of `source` that contains `needle` (case-insensitive), 1-based."""
    needle = needle.lower()
    for n, line in enumerate(source.splitlines(), start=1):
        if needle in line.lower():
            return n
    return None
