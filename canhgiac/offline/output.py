"""Offline reading as outputs: the web app manifests first, the offline lists and the service worker last."""

from __future__ import annotations

import json
from importlib import resources

from canhgiac.offline import (
    CACHE_PREFIX,
    SW_FILE,
    AppInfo,
    manifest,
    manifest_filename,
    offline_list_filename,
    precache_list,
    service_worker,
    shell,
    site_version,
)
from canhgiac.offline.page import SCRIPTS, STYLES, STYLESHEET, offline_page, page_filename
from canhgiac.outputs import BuiltSite, Output, Written

# Kept from the first visit, so that offline the magnifier opens its dialog and says what it can search (the
# index itself is kept once the search is used, or the site saved).
SEARCH_DIALOG = "search-ui.js"


class Manifests(Output):
    """One web app manifest per language, at the site root (the packages copy pages that link them)."""

    name = "manifests"
    title = "web app manifests"

    def finish(self, site: BuiltSite) -> list[Written]:
        """Write `manifest.<lang>.webmanifest` for every language."""
        short = site.default.site_name
        written = []
        for i, lang in enumerate(site.languages.values()):
            app = AppInfo(lang.code, lang.site_name or short, short, lang.ui["app_description"],
                          site.settings.theme_color)
            start = "index.html" if i == 0 else f"{lang.code}/index.html"
            target = site.folder / manifest_filename(lang.code)
            target.write_bytes(manifest(app, start, f"{site.settings.asset_dir}/icons"))
            written.append(Written(target, target.stat().st_size))
        return written


class OfflineFiles(Output):
    """The offline pages, the lists of pages to save for offline reading, and the service worker, once all else is final.

    The worker's cache version is a hash of the site's own files, so it is computed last.
    """

    name = "offline"
    title = "offline files"

    def finish(self, site: BuiltSite) -> list[Written]:
        """Write the offline pages, `offline.<lang>.json` for every language and `sw.js`."""
        langs = list(site.languages)
        assets = site.folder / site.settings.asset_dir
        written = self.offline_pages(site)
        version = site_version(site.folder)   # the offline pages are part of the version
        for lang in langs:
            data = {"cache": CACHE_PREFIX + version, "urls": precache_list(site.folder, lang, langs)}
            target = assets / offline_list_filename(lang)
            target.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
            written.append(Written(target, target.stat().st_size))
        target = site.folder / SW_FILE
        pages = {lang: f"{site.settings.asset_dir}/{page_filename(lang)}" for lang in langs}
        kept = shell(langs, site.settings.asset_dir, (STYLESHEET, *SCRIPTS, SEARCH_DIALOG))
        target.write_bytes(service_worker(version, kept, pages))
        site.products["offline"] = {"version": version}
        return [*written, Written(target, target.stat().st_size)]

    def offline_pages(self, site: BuiltSite) -> list[Written]:
        """The page each language's readers see offline for a page not saved, and its stylesheet."""
        folder = site.folder / site.settings.asset_dir
        up = "../" * len(site.settings.asset_dir.strip("/").split("/"))   # from the asset folder to the site root
        style = "".join((resources.files("canhgiac") / "assets" / "notfound" / name).read_text(encoding="utf-8")
                        for name in STYLES)
        (folder / STYLESHEET).write_text(style, encoding="utf-8")
        written = [Written(folder / STYLESHEET, len(style.encode()))]
        for lang in site.languages.values():
            home = lang.url("index.md") or "index.html"
            # home first, then the lessons, then the other pages, each in the site's order
            ordered = sorted(lang.pages.values(), key=lambda page: (page.src != "index.md", page.lesson is None))
            pages = [(up + page.url, page.title) for page in ordered]
            target = folder / page_filename(lang.code)
            target.write_bytes(offline_page(lang.code, lang.ui, lang.site_name or site.default.site_name,
                                            site.project.locality, up + home, pages))
            written.append(Written(target, target.stat().st_size))
        return written
