"""What pages get beyond their Markdown: the security policy, the client modules, tables, the 404 page, `cg`."""

from __future__ import annotations

import re
from importlib import resources
from urllib.parse import urlsplit

from mkdocs.utils import get_relative_url

from canhgiac.content.project import Project
from canhgiac.offline import manifest_filename
from canhgiac.outputs import Language
from canhgiac.policy import CONTENT_SECURITY_POLICY, EXIT_STRINGS, not_found_inline, not_found_policy

ASSET_DIR = "assets/canhgiac"
NO_SITE_URL = ("site_url is not set in {file}: the handbook prints no QR codes or web addresses and the site gets no "
               "sitemap or canonical links; set site_url to the published address (e.g. https://example.org/canh-giac/) "
               "before printing")
STYLESHEET = "canhgiac.css"
TOOLS_STYLESHEET = "tools.css"  # loaded by listen.js and share.js
THEME_COLOR = "#4051b5"  # Material's indigo, the palette's primary colour (browser bar, home-screen splash)
# Client modules (canhgiac/assets/js/<name>.js) and the modules each needs loaded before it. A page loads only
# the modules it uses: `page_modules` picks them from the page's quizzes and template.
CLIENT_MODULES: dict[str, tuple[str, ...]] = {
    "core": (),
    "quiz": ("core",),
    "progress": ("core",),
    "exit": (),   # the quick exit: standalone, so nothing else can stop it from working
    "menu": (),   # the drawer and the sidebar sections, by keyboard
    "search": (),
    "search-ui": (),  # loaded by search.js when the reader opens the search, never by a page
    "sw-register": (),
    "offline": (),
    "listen": (),  # loaded by search.js when the lesson's Listen button is pressed, never by a page
    "share": (),   # loaded by search.js when the lesson's Share button is pressed, never by a page
    "offline-page": (),   # only on the offline pages the offline output writes (canhgiac/offline/page.py)
}
# Modules every page loads, and the ones a template needs.
EVERY_PAGE: tuple[str, ...] = ("exit", "menu", "search", "sw-register")
TEMPLATE_MODULES = {"progress.html": ("progress", "offline"), "home.html": ("offline",)}
# Vendored libraries (canhgiac/assets/vendor/, see scripts/vendor), loaded by a module only when needed.
VENDOR_FILES = ("minisearch.min.js", "minisearch.LICENSE.txt")
# Shipped with the site but loaded by no page of it: the packages in site/download/ add it to their own copies
# of the lesson pages.
PACKAGE_MODULES = ("scorm",)
# The interface strings of the 404 page, which shows every language at once (overrides/404.html).
NOT_FOUND_STRINGS = ("not_found", "not_found_text", "home", "hotlines", "quick_exit", "safety")

# Material's base.html writes autocomplete="off" on its two toggle checkboxes, outside any block a theme override
# can replace; the attribute is not allowed on checkboxes (the Nu HTML Checker reports it on every page).
MATERIAL_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">')
TABLE = re.compile(r"<table>(.*?)</table>", re.S)
TAG = re.compile(r"<[^>]+>")


def scrollable_tables(html: str, word: str) -> str:
    """Wrap each Markdown table in a labelled region that scrolls sideways and takes keyboard focus.

    A table wider than a phone scrolls; without focus, a keyboard user could not scroll it (WCAG 2.1.1). The
    wrapper uses Material's own table classes (its script would add them; it is not loaded). The name is the
    table's header row, so a screen reader says which table the region holds.
    """
    def wrap(m: re.Match) -> str:
        head = re.search(r"<thead>(.*?)</thead>", m.group(1), re.S)
        cells = [" ".join(TAG.sub("", c).split()) for c in re.findall(r"<th[^>]*>(.*?)</th>", head.group(1), re.S)] \
            if head else []
        label = f"{word}: {', '.join(c for c in cells if c)}" if any(cells) else word
        label = label.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
        return (f'<div class="md-typeset__scrollwrap cg-table" tabindex="0" role="region" aria-label="{label}">'
                f'<div class="md-typeset__table">{m.group(0)}</div></div>')

    return TABLE.sub(wrap, html)


def without_toggle_autocomplete(html: str) -> str:
    """Drop the autocomplete attribute Material writes on its toggle checkboxes (invalid there)."""
    return MATERIAL_TOGGLE.sub(r"\1>", html)
def not_found_context(project: Project, languages: dict[str, Language], urls: dict[str, str]) -> dict:
    """What overrides/404.html shows: every language, links from the site root, its inline style and script."""
    langs = list(languages)
    # Links start from site_url's path (right at any depth when it is the address the site is served at), else
    # relative (right for a missing page in the site's top folder); notfound.js then finds the real root.
    base = urlsplit(project.locality.site_url or "").path
    base = base if not base or base.endswith("/") else base + "/"
    current = next((lang for lang in langs[1:] if all(u.startswith(f"{lang}/") for u in urls.values())), langs[0])
    hotlines = urls.get("hotlines.md", "index.html")
    hotlines = hotlines.removeprefix(f"{current}/") if current != langs[0] else hotlines
    safety = urls.get("safety.md", "index.html")
    safety = safety.removeprefix(f"{current}/") if current != langs[0] else safety
    prefix = {lang: "" if lang == langs[0] else f"{lang}/" for lang in langs}
    return {
        "langs": langs,
        "strings": {code: {key: lang.ui[key] for key in NOT_FOUND_STRINGS} for code, lang in languages.items()},
        "locality": project.locality,
        "site_name": languages[langs[0]].site_name,
        "base": base,
        "home": {lang: f"{prefix[lang]}index.html" for lang in langs},
        "hotlines_page": {lang: f"{prefix[lang]}{hotlines}" for lang in langs},
        "safety_page": {lang: f"{prefix[lang]}{safety}" for lang in langs},
        "marker": manifest_filename(langs[0]),
        "style": not_found_inline("notfound.css")[0],
        "script": not_found_inline("notfound.js")[0],
        "csp": not_found_policy(),
    }


class TemplateData(dict):
    """What templates see as `cg`; the lesson list and citations are computed only by pages that use them."""

    def __getattr__(self, name):
        if name == "lessons":
            return self.setdefault("lessons", [
                {"id": lesson.id, "meta": lesson.meta(self["lang"]),
                 "url": self["_url"](f"{self['_lessons_dir']}/{lesson.id}.md")}
                for lesson in self["_project"].ordered_lessons()
            ])
        if name == "cited_by":
            if "cited_by" not in self:
                cited: dict[str, list[dict]] = {}
                for lesson in self.lessons:
                    for law_id in lesson["meta"]["laws"]:
                        cited.setdefault(law_id, []).append({"title": lesson["meta"]["title"], "url": lesson["url"]})
                self["cited_by"] = cited
            return self["cited_by"]
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None




def page_modules(template: str, used: set[str]) -> list[str]:
    """The client modules a page loads, each after the modules it needs, each once."""
    ordered: list[str] = []

    def add(name: str) -> None:
        for need in CLIENT_MODULES[name]:
            add(need)
        if name not in ordered:
            ordered.append(name)

    for name in [*EVERY_PAGE, *TEMPLATE_MODULES.get(template, ()), *sorted(used)]:
        add(name)
    return ordered


def template_data(project: Project, lang: Language, page_url: str, lesson, legal_page: str, lessons_dir: str,
                  modules: list[str]) -> TemplateData:
    """`cg` for a page: its language, lesson, the laws, the locality, the strings, links and scripts."""
    def url(src: str) -> str:
        target = lang.url(src)
        return get_relative_url(target, page_url) if target is not None else "#"

    return TemplateData(
        lang=lang.code, ui=lang.ui, locality=project.locality, laws=project.laws,
        lesson=lesson and {"id": lesson.id, "meta": lesson.meta(lang.code)},
        legal_url=url(legal_page), date=lang.ui.format_date,
        scripts=[get_relative_url(f"{ASSET_DIR}/{name}.js", page_url) for name in modules],
        search_fallback_url=url("index.md") + "#cg-lessons",
        manifest_url=get_relative_url(manifest_filename(lang.code), page_url), theme_color=THEME_COLOR,
        _project=project, _url=url, _lessons_dir=lessons_dir,
    )


def site_globals(project: Project, lang: Language) -> dict:
    """What every page of a language needs, 404.html included (it has no `cg`): policy, quick exit, header strings."""
    return {
        "lang": lang.code, "ui": lang.ui, "csp": CONTENT_SECURITY_POLICY,
        "quick_exit_url": project.locality.quick_exit_url,
        "exit_strings": {key: lang.ui[key] for key in EXIT_STRINGS},
        "safety_page": lang.url("safety.md"),
        "every_page": [f"{ASSET_DIR}/{name}.js" for name in EVERY_PAGE],
    }


def asset_files() -> list[tuple[str, str]]:
    """The plugin's own files every site gets: (site path, source file in the package)."""
    from canhgiac.offline import ICONS

    folder = resources.files("canhgiac") / "assets"
    names = [STYLESHEET, TOOLS_STYLESHEET, *(f"js/{n}.js" for n in (*CLIENT_MODULES, *PACKAGE_MODULES)),
             *(f"vendor/{n}" for n in VENDOR_FILES), *(f"icons/{n}" for n, _, _ in ICONS)]
    return [(f"{ASSET_DIR}/{name.removeprefix('js/')}", str(folder / name)) for name in names]


MATERIAL_PREFIX = "material."  # catalog entries with Material's own interface strings, for languages it lacks


def material_language(env, lang: Language) -> None:
    """Give Material the interface strings of a language it ships none for (Khmer…), from our catalog.

    Material reads `partials/languages/<lang>.html` (and `<html lang>` from its "language" key); for a language
    without that file, the same macro is made from the catalog's `material.<key>` entries. Keys a catalog leaves
    out fall back to Material's English, as Material does for its own languages.
    """
    import json

    from jinja2 import ChoiceLoader, DictLoader, TemplateNotFound

    name = f"partials/languages/{lang.code}.html"
    try:
        env.get_template(name)
        return
    except TemplateNotFound:
        pass
    keys = {key[len(MATERIAL_PREFIX):]: text for key, text in lang.ui.items() if key.startswith(MATERIAL_PREFIX)}
    keys.update(language=lang.code)
    keys.setdefault("direction", "ltr")
    source = "{% macro t(key) %}{{ " + json.dumps(keys, ensure_ascii=False, sort_keys=True) + "[key] }}{% endmacro %}"
    env.loader = ChoiceLoader([env.loader, DictLoader({name: source})])


def drop_sitemap(files) -> None:
    """Leave the theme's sitemap out: without a site address there is nothing true to put in it."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        found = files.get_file_from_path(name)
        if found is not None and found.is_static_page():
            files.remove(found)


def install_strings(env, lang: Language) -> None:
    """Templates read the language's catalog through Jinja's i18n extension (`_("key")`), and Material its own."""
    from jinja2.ext import InternationalizationExtension

    if not any(isinstance(ext, InternationalizationExtension) for ext in env.extensions.values()):
        env.add_extension("jinja2.ext.i18n")
    env.install_gettext_translations(lang.ui.translations, newstyle=True)
    material_language(env, lang)
