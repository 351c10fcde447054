"""The offline bundle: the website as a .zip that works opened from a folder (file://), no network needed."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

from canhgiac.packages.archive import Deflated, zip_bytes
from canhgiac.packages.links import SiteFiles, loads_closure, relink


def bundle_files(site: SiteFiles, entries: list[str], keep: Callable[[str], bool], public: str | None,
                 pages: dict[str, str] | None = None, always: tuple[str, ...] = (),
                 memo: dict | None = None) -> dict[str, bytes]:
    """Every page reachable from `entries` by links that `keep` accepts, and every file they load.

    Links to files left out point to the public site (or stop being links). `pages` overrides the text of
    some pages (the Downloads pages, whose sizes are being filled in). `always` are files carried even when no
    page names them (client modules may load files of their own, such as a search index). `memo` keeps pages
    already rewritten with the same `keep`, by their text (the bundles are zipped again while sizes settle).
    """
    memo = {} if memo is None else memo
    pages = pages or {}
    out: dict[str, bytes] = {}
    loads: set[str] = set(always)
    todo = list(entries)
    while todo:
        page = todo.pop()
        if page in out:
            continue
        html = pages.get(page)
        if html is None:
            html = site.text(page)
        key = (page, html)
        if key not in memo:
            memo[key] = relink(html, page, keep=lambda t: keep(t) and site.exists(t), public=public)
        rewritten = memo[key]
        out[page] = rewritten.html.encode("utf-8")
        loads |= rewritten.loads
        for target in rewritten.links:
            if target.endswith(".html"):
                todo.append(target)
            else:
                loads.add(target)  # a PDF or picture linked from a page travels with it
    for path in sorted(loads_closure(site, loads) - set(out)):
        out[path] = site.bytes(path)
    return out


def start_page(target: str, title: str, link_text: str, lang: str) -> bytes:
    """A small page at the top of the bundle that opens the home page of its language (no script needed)."""
    href = escape(target)
    return (
        f'<!doctype html>\n<html lang="{lang}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width,initial-scale=1">\n'
        f'<meta http-equiv="refresh" content="0; url={href}">\n<title>{escape(title)}</title>\n</head>\n'
        f'<body>\n<p><a href="{href}">{escape(link_text)}</a></p>\n</body>\n</html>\n'
    ).encode()


def offline_bundle(folder: str, start_name: str, start: bytes, files: dict[str, bytes],
                   cache: Deflated | None = None) -> bytes:
    """The zip: one folder holding the start page and the site's files."""
    entries = {f"{folder}/{path}": data for path, data in files.items()}
    entries[f"{folder}/{start_name}"] = start
    return zip_bytes(entries, cache)
