"""Offline reading: the service worker, the per-language lists of pages to save for offline reading, and the web app manifests.

No MkDocs here: the outputs in `canhgiac.offline.output` write these files once every language is written. Everything is
deterministic: the worker's cache version is a hash of the site's own files, so the same sources give the same
bytes, and a changed page gives a new version (a new worker, which replaces the old caches).
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

CACHE_PREFIX = "cg-"
SW_FILE = "sw.js"
# Kept out of the version hash and of the offline lists: the handbooks (large PDFs, linked, not read offline),
# Material's unused script bundle and search worker (this site does not load them), source maps and sitemaps.
# The share pictures are for chat apps' link previews, not for readers; the web servers' files (canhgiac.serverconf)
# are read by the server, not by the reader.
SKIP_DIRS = ("handbook", "print", "download", "assets/javascripts", "assets/share", "_server")  # PDFs, packages: downloads
SKIP_NAMES = (SW_FILE, "sitemap.xml", "sitemap.xml.gz", ".htaccess", "_headers")
SKIP_SUFFIXES = (".map", ".txt")
OFFLINE_LIST = re.compile(r"offline\.[a-z]{2,3}\.json")  # the lists carry the version: never part of it
OFFLINE_PAGE = re.compile(r"offline\.[a-z]{2,3}\.html")  # shown by the worker in place of a page: not itself a page
ICONS = (("icon-192.png", "192x192", "any"), ("icon-512.png", "512x512", "any"),
         ("icon-maskable-512.png", "512x512", "maskable"))


@dataclass
class AppInfo:
    """What a language's web app manifest says."""

    lang: str
    name: str
    short_name: str
    description: str
    theme_color: str
    background_color: str = "#ffffff"


def _files(site: Path) -> list[str]:
    """The site's own files that a reader may need, as sorted paths relative to the site root."""
    found = []
    for path in site.rglob("*"):
        if not path.is_file():
            continue
        rel = path.relative_to(site).as_posix()
        if (rel.startswith(tuple(d + "/" for d in SKIP_DIRS)) or path.name in SKIP_NAMES
                or rel.endswith(SKIP_SUFFIXES) or OFFLINE_LIST.fullmatch(path.name)):
            continue
        found.append(rel)
    return sorted(found)


def site_version(site: Path) -> str:
    """A short hash of every file the worker may cache: a new build with any change gets a new version."""
    digest = hashlib.sha256()
    for rel in _files(site):
        digest.update(rel.encode() + b"\0" + hashlib.sha256((site / rel).read_bytes()).digest())
    return digest.hexdigest()[:16]


def language_of(rel: str, langs: list[str]) -> str | None:
    """The language a file belongs to: 'en/lessons/x.html' -> 'en'; a shared asset -> None."""
    first = rel.split("/", 1)[0]
    if first in langs[1:]:
        return first
    if rel.endswith(".html"):
        return langs[0]
    for lang in langs:  # per-language assets: search-index.vi.js, offline.vi.json, manifest.vi.webmanifest
        if f".{lang}." in rel.rsplit("/", 1)[-1]:
            return lang
    return None


def precache_list(site: Path, lang: str, langs: list[str]) -> list[str]:
    """Every page of a language and every shared file they use (styles, scripts, icons, its search index)."""
    return [rel for rel in _files(site)
            if rel != "404.html" and not OFFLINE_PAGE.fullmatch(rel.rsplit("/", 1)[-1])
            and language_of(rel, langs) in (lang, None)]


def shell(langs: list[str], asset_dir: str = "assets/canhgiac", extra: tuple[str, ...] = ()) -> list[str]:
    """What the worker caches when it installs (the rest is cached as it is read).

    Each language's home page, offline page and offline list, and the files the offline pages load (`extra`, in the
    asset folder).
    """
    return (["index.html"] + [f"{lang}/index.html" for lang in langs[1:]]
            + [f"{asset_dir}/{name}" for lang in langs for name in (f"offline.{lang}.html", offline_list_filename(lang))]
            + [f"{asset_dir}/{name}" for name in extra])


def service_worker(version: str, shell_urls: list[str], offline_pages: dict[str, str] | None = None) -> bytes:
    """The worker script: the build's data, then the fixed code (canhgiac/offline/sw.js).

    `offline_pages`: language -> its offline page (from the site root), the default language first.
    """
    code = (resources.files("canhgiac.offline") / "sw.js").read_text(encoding="utf-8")
    pages = offline_pages or {}
    build = json.dumps({"version": version, "shell": shell_urls, "langs": list(pages), "offline": pages},
                       separators=(",", ":"), ensure_ascii=False)
    return f"const BUILD = {build};\n{code}".encode()


def manifest(app: AppInfo, start_url: str, icon_dir: str) -> bytes:
    """A web app manifest at the site root (start_url and icons relative to it)."""
    data = {
        "name": app.name,
        "short_name": app.short_name,
        "description": app.description,
        "lang": app.lang,
        "id": start_url,
        "start_url": start_url,
        "scope": "./",
        "display": "standalone",
        "theme_color": app.theme_color,
        "background_color": app.background_color,
        "icons": [{"src": f"{icon_dir}/{name}", "sizes": size, "type": "image/png", "purpose": purpose}
                  for name, size, purpose in ICONS],
    }
    return (json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True) + "\n").encode()


def manifest_filename(lang: str) -> str:
    """The manifest of a language, at the site root."""
    return f"manifest.{lang}.webmanifest"


def offline_list_filename(lang: str) -> str:
    """The list of pages a language saves for offline reading, in the plugin's asset folder."""
    return f"offline.{lang}.json"
