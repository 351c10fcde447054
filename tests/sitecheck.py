"""Read a built site back: pages, languages, links, anchors and external resources."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

RESOURCE_ATTRS = {("link", "href"), ("script", "src"), ("img", "src"), ("iframe", "src"), ("source", "src"),
                  ("video", "src"), ("audio", "src"), ("embed", "src"), ("object", "data"), ("img", "srcset")}


@dataclass
class Parsed:
    """What a page holds that the tests need."""

    lang: str = ""
    ids: set[str] = field(default_factory=set)
    links: list[tuple[str, dict]] = field(default_factory=list)  # (href, attrs) of <a>
    alternates: dict[str, str] = field(default_factory=dict)  # hreflang -> href from <link rel=alternate>
    resources: list[str] = field(default_factory=list)
    inline_handlers: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out = Parsed()

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.out.lang = a.get("lang", "")
        if "id" in a:
            self.out.ids.add(a["id"])
        if tag == "a" and "name" in a:
            self.out.ids.add(a["name"])
        if tag == "a" and a.get("href") is not None:
            self.out.links.append((a["href"], a))
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.out.alternates[a["hreflang"]] = a["href"]
        for (t, attr) in RESOURCE_ATTRS:
            if tag == t and a.get(attr):
                if tag == "link" and a.get("rel") not in ("stylesheet", "icon", "preload", "modulepreload",
                                                           "manifest", "apple-touch-icon", "prefetch"):
                    continue
                self.out.resources.append(a[attr])
        self.out.inline_handlers += [k for k in a if k.startswith("on")]


def parse(path: Path) -> Parsed:
    """Parse one HTML file."""
    p = _Parser()
    p.feed(path.read_text(encoding="utf-8"))
    return p.out


def pages(site: Path) -> dict[Path, Parsed]:
    """Parse every HTML page of a site."""
    # 404.html is served for any missing path, so MkDocs gives it root-relative links; it is not read in place. Nor
    # are the offline pages (assets/canhgiac/offline.<lang>.html), which the service worker shows for a page not
    # saved (tests/test_offline_page.py).
    return {p: parse(p) for p in sorted(site.rglob("*.html")) if p.name != "404.html" and "assets" not in
            p.relative_to(site).parts}


def resolve(site: Path, page: Path, href: str) -> tuple[Path | None, str]:
    """Resolve a relative href from a page to a file in the site, and its fragment."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//"):
        return None, ""
    target = (page.parent / unquote(parts.path)).resolve() if parts.path else page
    if target.is_dir():
        target = target / "index.html"
    return target, unquote(parts.fragment)


CSS_URL = re.compile(r"""(?:url\(\s*['"]?|@import\s+['"])(https?:)?//""", re.I)


def external_css(text: str) -> list[str]:
    """External resources a stylesheet loads (url() or @import to another host)."""
    return [m.group(0) for m in CSS_URL.finditer(text)]


class _Count(HTMLParser):
    def __init__(self):
        super().__init__()
        self.elements = 0

    def handle_starttag(self, tag, attrs):
        self.elements += 1


def unit_size(page: Path) -> tuple[int, int]:
    """HTML bytes and element count of a page (what grows with the size of the curriculum)."""
    counter = _Count()
    data = page.read_bytes()
    counter.feed(data.decode("utf-8"))
    return len(data), counter.elements
