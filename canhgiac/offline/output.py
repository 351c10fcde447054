"""Offline reading as outputs: the web app manifests first, the offline lists and the service worker last."""

from __future__ import annotations

import json

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
from canhgiac.outputs import BuiltSite, Output, Written


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
    """The per-language lists of pages to save for offline reading, and the service worker, once every other file is final.

    The worker's cache version is a hash of the site's own files, so it is computed last.
    """

    name = "offline"
    title = "offline files"

    def finish(self, site: BuiltSite) -> list[Written]:
        """Write `offline.<lang>.json` for every language and `sw.js`; the log shows the cache version."""
        langs = list(site.languages)
        version = site_version(site.folder)
        written = []
        for lang in langs:
            data = {"cache": CACHE_PREFIX + version, "urls": precache_list(site.folder, lang, langs)}
            target = site.folder / site.settings.asset_dir / offline_list_filename(lang)
            target.write_text(json.dumps(data, indent=0) + "\n", encoding="utf-8")
            written.append(Written(target, target.stat().st_size))
        target = site.folder / SW_FILE
        target.write_bytes(service_worker(version, shell(langs)))
        site.products["offline"] = {"version": version}
        return [*written, Written(target, target.stat().st_size)]
