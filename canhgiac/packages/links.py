"""Find and rewrite what a built page refers to, so a page can be lifted out of the site into a package."""

from __future__ import annotations

import posixpath
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote

TAG = re.compile(r"<(a|link|script|img|source|iframe|audio|video|track|embed|object)\b([^>]*)>", re.I | re.S)
ATTR = re.compile(r'(\s)(href|src|data)="([^"]*)"', re.I)
REL = re.compile(r'\brel="([^"]*)"', re.I)
CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")
CSS_IMPORT = re.compile(r"""@import\s+(['"])([^'"]+)\1""")
SCHEME = re.compile(r"^[a-zA-Z][a-zA-Z0-9+.-]*:")
# <link rel> values that load something; any other <link> (canonical, alternate, prev, next) only points.
LOADING_RELS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "modulepreload", "manifest", "prefetch"}


class PackageError(Exception):
    """A page refers to something a package cannot carry."""


class SiteFiles:
    """The files of the built site, each read once however many packages carry it."""

    def __init__(self, root: Path):
        self.root = root
        self.read: dict[str, bytes] = {}
        self.found: dict[str, bool] = {}

    def exists(self, path: str) -> bool:
        """Whether the site has the file at site path `path`."""
        if path not in self.found:
            self.found[path] = (self.root / path).is_file()
        return self.found[path]

    def bytes(self, path: str) -> bytes:
        """The content of a file."""
        if path not in self.read:
            self.read[path] = (self.root / path).read_bytes()
        return self.read[path]

    def text(self, path: str) -> str:
        """The content of a text file."""
        return self.bytes(path).decode("utf-8")


def is_external(url: str) -> bool:
    """True for URLs with a scheme (https:, tel:, data:) or protocol-relative ones."""
    return bool(SCHEME.match(url)) or url.startswith("//")


def resolve(base: str, url: str) -> tuple[str, str]:
    """Site path of a relative `url` found in the file at site path `base`, and its '#fragment' or '?query' tail."""
    cut = min((i for i in (url.find("#"), url.find("?")) if i >= 0), default=len(url))
    path, tail = url[:cut], url[cut:]
    if not path:
        return base, tail
    joined = posixpath.normpath(posixpath.join(posixpath.dirname(base), unquote(path)))
    return joined, tail


@dataclass
class Rewritten:
    """A page after `relink`: its HTML, the files it loads and the pages it still links to."""

    html: str
    loads: set[str] = field(default_factory=set)
    links: set[str] = field(default_factory=set)


def relink(html: str, page: str, keep: Callable[[str], bool], public: str | None) -> Rewritten:
    """Rewrite the links of the page at site path `page` for a copy of part of the site.

    Files the page loads (styles, scripts, images) are collected; they must be relative. A link to a site file
    that `keep` accepts stays as it is; any other points to the published site (`public`, ending in '/') and opens
    in a new window, or, with no published address, stops being a link. <link rel=alternate|prev|next> to pages
    left out are dropped. Raises PackageError for a file loaded from outside.
    """
    out = Rewritten(html)

    def tag(m: re.Match) -> str:
        name, attrs = m.group(1).lower(), m.group(2)
        rel = REL.search(attrs)
        rels = set(rel.group(1).lower().split()) if rel else set()
        navigates = name == "a" or (name == "link" and not rels & LOADING_RELS)
        drop = opened = False

        def attr(a: re.Match) -> str:
            nonlocal drop, opened
            url = a.group(3)
            if not url or url.startswith("#") or url.startswith("data:"):
                return a.group(0)
            if is_external(url):
                if not navigates:
                    raise PackageError(f"{page}: loads {url} from outside the site")
                return a.group(0)
            target, tail = resolve(page, url)
            if not navigates:
                out.loads.add(target)
                return a.group(0)
            if target == page or keep(target):
                if target != page:
                    out.links.add(target)
                return a.group(0)
            if name == "link":
                drop = True
                return a.group(0)
            if public:
                opened = True
                return f'{a.group(1)}{a.group(2)}="{public}{target}{tail}"'
            return ""

        new = ATTR.sub(attr, attrs)
        if drop:
            return ""
        if opened:
            new = new.rstrip() + ' target="_blank"' + ("" if rel else ' rel="noopener"')
        return f"<{m.group(1)}{new}>"

    out.html = TAG.sub(tag, html)
    return out


def css_loads(css: str, path: str) -> set[str]:
    """Site paths of the files a stylesheet at `path` loads (url() and @import), data: URLs left out."""
    found = set()
    for m in [*CSS_URL.finditer(css), *CSS_IMPORT.finditer(css)]:
        url = m.group(2).strip()
        if url.startswith("data:") or url.startswith("#"):
            continue
        if is_external(url):
            raise PackageError(f"{path}: loads {url} from outside the site")
        found.add(resolve(path, url)[0])
    return found


def relative(from_page: str, target: str) -> str:
    """The relative URL from the page at site path `from_page` to the site path `target`."""
    return posixpath.relpath(target, posixpath.dirname(from_page) or ".")


def loads_closure(site: SiteFiles, loads: set[str]) -> set[str]:
    """The files loaded, and those their stylesheets load in turn."""
    todo, seen = list(loads), set()
    while todo:
        path = todo.pop()
        if path in seen:
            continue
        seen.add(path)
        if not site.exists(path):
            raise PackageError(f"{path}: a page loads it, but the built site has no such file")
        if path.endswith(".css"):
            todo.extend(css_loads(site.text(path), path) - seen)
    return seen
