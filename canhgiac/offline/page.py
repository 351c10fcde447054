"""The offline page of a language, which the service worker shows for a page not saved on this phone.

It replaces the browser's "no connection" error.
Written by the build in the plugin's asset folder (`assets/canhgiac/offline.<lang>.html`), precached when the worker
installs. The worker serves it at the address the reader asked for, with a <base> pointing at the page's own
address, so its links, written relative to the asset folder, work at any depth and under any sub-path. The same
policy as every page, nothing inline: its style and scripts are files (offline-page.css, exit.js, offline.js,
offline-page.js). It holds the hotlines (tel: links), a link home, the pages saved on this phone (every page is
listed, hidden; offline-page.js shows those in the cache) and the save-for-offline action, once the network is back.
"""

from __future__ import annotations

import json
from html import escape

from canhgiac.policy import CONTENT_SECURITY_POLICY

PAGE_STRINGS = ("offline_title", "offline_text", "home", "hotlines", "offline_saved", "offline_saved_none",
                "save_offline_title", "offline_back", "save_offline", "quick_exit")
EXIT_STRINGS = ("exit_activated", "exit_press_two", "exit_press_one", "exit_timed_out")
SAVE_STRINGS = {"progress": "save_offline_progress", "done": "save_offline_done", "failed": "save_offline_failed"}
STYLES = ("notfound.css", "offline.css")   # canhgiac/assets/notfound/: the 404 page's look, and the rest
STYLESHEET = "offline-page.css"
SCRIPTS = ("exit.js", "offline.js", "offline-page.js")
ICON = "../images/favicon.png"             # the theme's icon, from the asset folder


def page_filename(lang: str) -> str:
    """The offline page of a language, in the plugin's asset folder."""
    return f"offline.{lang}.html"


def offline_page(lang: str, ui, site_name: str, locality, home: str, pages: list[tuple[str, str]]) -> bytes:
    """The page for `lang`: `home` and `pages` ((href, title), in site order) are relative to the asset folder."""
    def t(key: str) -> str:
        return escape(ui[key])

    def data(keys: dict[str, str]) -> str:
        return escape(json.dumps({name: ui[key] for name, key in keys.items()}, ensure_ascii=False), quote=True)

    hotlines = "".join(
        f'<li><a href="{escape(locality.tel(h["number"]))}"><span class="cg-nf-number">{escape(h["number"])}</span> '
        f'<span>{escape(h["name"][lang])}</span></a></li>' for h in locality.hotlines)
    saved = "".join(f'<li hidden><a href="{escape(href)}">{escape(title)}</a></li>' for href, title in pages)
    scripts = "".join(f'<script src="{name}" defer></script>' for name in SCRIPTS)
    html = f"""<!doctype html>
<html lang="{escape(lang)}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<meta name="robots" content="noindex">
<meta name="referrer" content="no-referrer">
<title>{t("offline_title")} - {escape(site_name)}</title>
<link rel="icon" href="{ICON}">
<link rel="stylesheet" href="{STYLESHEET}">
{scripts}
</head>
<body>
<header>
<div class="cg-nf-exit-bar" data-module="cg-exit" data-i18n="{data({k: k for k in EXIT_STRINGS})}">
<a class="cg-exit" id="cg-quick-exit" rel="noreferrer" target="_top"
 href="{escape(locality.quick_exit_url)}">{t("quick_exit")}</a>
</div>
<div class="cg-nf-header">{escape(site_name)}</div>
</header>
<main>
<h1>{t("offline_title")}</h1>
<p>{t("offline_text")}</p>
<ul class="cg-nf-links"><li><a href="{escape(home)}">{t("home")}</a></li></ul>
<h2>{t("hotlines")}</h2>
<ul class="cg-nf-hotlines">{hotlines}</ul>
<section data-module="cg-saved" aria-labelledby="cg-saved-title">
<h2 id="cg-saved-title">{t("offline_saved")}</h2>
<p class="cg-saved__none">{t("offline_saved_none")}</p>
<ul class="cg-saved__list">{saved}</ul>
</section>
<section class="cg-offline" data-module="cg-offline" data-i18n="{data(SAVE_STRINGS)}" aria-labelledby="cg-offline-title" hidden>
<h2 id="cg-offline-title">{t("save_offline_title")}</h2>
<p>{t("offline_back")}</p>
<button type="button" class="cg-offline__save">{t("save_offline")}</button>
<progress class="cg-offline__progress" value="0" max="1" aria-labelledby="cg-offline-title" hidden></progress>
<p class="cg-offline__status" role="status" aria-live="polite"></p>
</section>
</main>
</body>
</html>
"""
    return html.encode()
