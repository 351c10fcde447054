"""MkDocs plugin: load and check the content, render quizzes, add template data, build the handbook."""

from __future__ import annotations

import base64
import difflib
import hashlib
import json
import os
import re
import time
from importlib import resources
from pathlib import Path
from urllib.parse import urlsplit

import yaml
from jinja2.ext import InternationalizationExtension
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from canhgiac.content.cards import CARDS_FENCE, render_card_set
from canhgiac.content.loader import check_links, read_text
from canhgiac.content.project import QUIZ_FENCE, Paths, Project, load_project, source_date
from canhgiac.content.safety import source_line, unsafe_html
from canhgiac.errors import Collector, ContentError
from canhgiac.glossary import GlossaryExtension
from canhgiac.i18n import Catalogs
from canhgiac.offline import ICONS, AppInfo, manifest_filename, write_offline_files
from canhgiac.plugin import links, navigation
from canhgiac.plugin.config import CanhGiacConfig
from canhgiac.quiz.render import render_bank
from canhgiac.search import PageEntry, index_files, sections
from canhgiac.slug import slugify
from canhgiac.staging import StagedDir
from canhgiac.yamlsrc import split_front_matter

log = get_plugin_logger(__name__)
ASSET_DIR = "assets/canhgiac"
STYLESHEET = "canhgiac.css"
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
}
# Modules every page loads, and the ones a template needs.
EVERY_PAGE: tuple[str, ...] = ("exit", "menu", "search", "sw-register")
TEMPLATE_MODULES = {"progress.html": ("progress", "offline"), "home.html": ("offline",)}
# Vendored libraries (canhgiac/assets/vendor/, see scripts/vendor), loaded by a module only when needed.
VENDOR_FILES = ("minisearch.min.js", "minisearch.LICENSE.txt")
THEME_COLOR = "#4051b5"  # Material's indigo, the palette's primary colour (browser bar, home-screen splash)
# Shipped with the site but loaded by no page of it: the packages in site/download/ add it to their own copies
# of the lesson pages.
PACKAGE_MODULES = ("scorm",)
SCORM_ADAPTER = f"{ASSET_DIR}/scorm.js"
DOWNLOADS_TEMPLATE = "downloads.html"
LANG_SUFFIX = re.compile(r"\.([a-z]{2})\.md$")
# The interface strings the quick-exit script reads from its element (data-i18n).
EXIT_STRINGS = ("exit_activated", "exit_press_two", "exit_press_one", "exit_timed_out")
# The interface strings of the 404 page, which shows every language at once (overrides/404.html).
NOT_FOUND_STRINGS = ("not_found", "not_found_text", "home", "hotlines", "quick_exit", "safety")

# Content-Security-Policy of every page, in a <meta http-equiv> (overrides/main.html): everything from the site
# itself, nothing inline. The built HTML has no inline script, no event-handler attribute, no style attribute and no
# <style> element (tests/test_accessibility.py checks every page), so style-src needs no 'unsafe-inline' either: Material
# writes <style> only for custom theme.icon admonition/annotation/tag icons, which this site draws with data: URIs
# in canhgiac.css instead, and scripts set styles through the CSSOM, which CSP allows. data: images are those URIs.
# 'self' also covers the site opened from a folder (file://) in Chromium (tests/test_site_browser.py).
# frame-ancestors, report-uri and sandbox are ignored in a <meta>: publishers set them as headers (README).
CONTENT_SECURITY_POLICY = "; ".join((
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "connect-src 'self'",
    "manifest-src 'self'",
    "worker-src 'self'",
    "base-uri 'self'",
    "form-action 'self'",
    "object-src 'none'",
))
# Material's base.html writes autocomplete="off" on its two toggle checkboxes, outside any block a theme override
# can replace; the attribute is not allowed on checkboxes (the Nu HTML Checker reports it on every page).
MATERIAL_TOGGLE = re.compile(r'(<input class="md-toggle" data-md-toggle="\w+" type="checkbox" id="__\w+") autocomplete="off">')
TABLE = re.compile(r"<table>(.*?)</table>", re.S)
TAG = re.compile(r"<[^>]+>")


def _norm(src_uri: str) -> str:
    """'lessons/x.vi.md' -> 'lessons/x.md', so both languages share one key."""
    return LANG_SUFFIX.sub(".md", src_uri)


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
def _inline(name: str) -> tuple[str, str]:
    """An inline source of the 404 page and its CSP hash source ('sha256-…')."""
    text = (resources.files("canhgiac") / "assets" / "notfound" / name).read_text(encoding="utf-8").strip()
    return text, "'sha256-" + base64.b64encode(hashlib.sha256(text.encode()).digest()).decode() + "'"


def _site_names(config: MkDocsConfig) -> dict[str, str]:
    """Each language's site name, from static-i18n's settings (empty without it)."""
    i18n = config.plugins.get("i18n")
    return {lg.locale: lg.site_name for lg in i18n.config.languages if lg.site_name} if i18n is not None else {}


def not_found_context(project: Project, config: MkDocsConfig, urls: dict[str, str], catalogs: Catalogs) -> dict:
    """What overrides/404.html shows: every language, links from the site root, its inline style and script."""
    langs = project.langs
    style, style_hash = _inline("notfound.css")
    script, script_hash = _inline("notfound.js")
    base = urlsplit(project.locality.site_url or "").path or "/"
    base = base if base.endswith("/") else base + "/"
    current = next((lang for lang in langs[1:] if all(u.startswith(f"{lang}/") for u in urls.values())), langs[0])
    hotlines = urls.get("hotlines.md", "index.html")
    hotlines = hotlines.removeprefix(f"{current}/") if current != langs[0] else hotlines
    safety = urls.get("safety.md", "index.html")
    safety = safety.removeprefix(f"{current}/") if current != langs[0] else safety
    prefix = {lang: "" if lang == langs[0] else f"{lang}/" for lang in langs}
    return {
        "langs": langs,
        "strings": {lang: {key: catalogs[lang][key] for key in NOT_FOUND_STRINGS} for lang in langs},
        "locality": project.locality,
        "site_name": _site_names(config).get(langs[0]) or config.site_name,
        "base": base,
        "home": {lang: f"{prefix[lang]}index.html" for lang in langs},
        "hotlines_page": {lang: f"{prefix[lang]}{hotlines}" for lang in langs},
        "safety_page": {lang: f"{prefix[lang]}{safety}" for lang in langs},
        "marker": manifest_filename(langs[0]),
        "style": style,
        "script": script,
        "csp": f"default-src 'none'; style-src {style_hash}; script-src {script_hash}; connect-src 'self'; "
               "img-src 'self'; base-uri 'none'; form-action 'none'",
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


def _fingerprint(paths: Paths) -> tuple:
    """Names, sizes and modification times of every content file."""
    found = []
    for name in ("lessons", "quizzes", "laws", "locality"):
        root = paths[name]
        for f in sorted(root.rglob("*")) if root.is_dir() else [root]:
            if f.is_file():
                st = f.stat()
                found.append((str(f), st.st_size, st.st_mtime_ns))
    return tuple(found)


class CanhGiacPlugin(BasePlugin[CanhGiacConfig]):
    """Wire the content model to MkDocs. Per-language state is keyed by locale (static-i18n builds once per language)."""

    supports_multiple_instances = False

    def __init__(self):
        self.project: Project | None = None
        self.stamp: tuple = ()
        self.page: Page | None = None
        self.files: Files | None = None
        self.links: dict[str, list[links.Link]] = {}
        self.anchors: dict[str, dict[str, set[str]]] = {}
        self.rendered: dict[str, dict[str, Page]] = {}
        self.staged: StagedDir | None = None
        self.failed = False
        self.finished: set[str] = set()
        self.building: list[str] = []
        self.unsafe: list[tuple[str, int | None, str]] = []
        self.written: dict[str, dict[str, str]] = {}  # lang -> normalised source -> site path of the page
        self.download_pages: dict[str, str] = {}  # site path of a Downloads page -> its language
        self.site_names: dict[str, str] = {}
        self.search_pages: dict[str, list[PageEntry]] = {}

    # -- configuration -----------------------------------------------------------------
    def load_config(self, options: dict, config_file_path: str | None = None):
        """Validate the options as MkDocs does, then point each problem at its line in mkdocs.yml with advice."""
        errors, warnings = super().load_config(options, config_file_path)
        lines = []
        if config_file_path and Path(config_file_path).is_file():
            lines = Path(config_file_path).read_text(encoding="utf-8-sig", errors="replace").splitlines()
        name = Path(config_file_path).name if config_file_path else "mkdocs.yml"

        def where(key: str) -> str:
            start = next((i for i, line in enumerate(lines) if re.match(r"\s*-\s*canhgiac\s*:?\s*$", line)), 0)
            for i in range(start, len(lines)):
                if re.match(rf"\s*{re.escape(key)}\s*:", lines[i]):
                    return f"{name}:{i + 1}"
            return name

        schema = dict(self.config_class._schema)
        fixed_errors = []
        for key, message in errors:
            default = getattr(schema.get(key), "default", None)
            hint = f"for example `{key}: {json.dumps(default, ensure_ascii=False)}` (the default); " if key in schema else ""
            fixed_errors.append((key, f"{where(key)}: {message}\n    hint: {hint}see the plugin options in README.md"))
        fixed_warnings = []
        for key, message in warnings:
            if "Unrecognised configuration name" in message:
                close = difflib.get_close_matches(key, list(schema), n=1)
                hint = f"did you mean '{close[0]}'?" if close else "remove it; the options are listed in README.md"
                message = f"{where(key)}: unknown option '{key}' of the canhgiac plugin\n    hint: {hint}"
            fixed_warnings.append((key, message))
        return fixed_errors, fixed_warnings

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember the command: `mkdocs build` stages the site, `mkdocs serve` keeps its own temporary site."""
        self.serving = command == "serve"
        # A clean build (or gh-deploy) writes into a staging folder beside site/ and swaps it in at the end.
        self.stage_site = command in ("build", "gh-deploy") and not dirty
        self.staged: StagedDir | None = None
        self.failed = False
        self.finished: set[str] = set()
        self.building: list[str] = []

    def on_config(self, config: MkDocsConfig):
        """Register the quiz fence and the plugin's stylesheet and script; remember where the project is.

        On the first build of `mkdocs build` the site folder is redirected to a staging folder; static-i18n's
        builds of the other languages reuse this config, so every language lands there too.
        """
        if not self.config.enabled:
            return
        self.root = Path(config.config_file_path).parent
        if getattr(self, "stage_site", False) and self.staged is None:
            self.staged = StagedDir(Path(config.site_dir))
            self.site_config = config
            config.site_dir = str(self.staged.path)
        if "pymdownx.superfences" not in config.markdown_extensions:
            config.markdown_extensions.append("pymdownx.superfences")
        fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
        fences[:] = [f for f in fences if f.get("name") not in (QUIZ_FENCE, CARDS_FENCE)]
        fences.append({"name": QUIZ_FENCE, "class": "cg-quiz", "format": self.format_quiz})
        fences[:] = [f for f in fences if f.get("name") != CARDS_FENCE]
        fences.append({"name": CARDS_FENCE, "class": "cg-cards", "format": self.format_cards})
        config.markdown_extensions[:] = [e for e in config.markdown_extensions if not isinstance(e, GlossaryExtension)]
        config.markdown_extensions.append(GlossaryExtension(self.glossary_label))
        stylesheet = f"{ASSET_DIR}/{STYLESHEET}"
        if stylesheet not in [str(t) for t in config.extra_css]:
            config.extra_css.append(stylesheet)
        self.page_uses: dict[str, set[str]] = {}  # src_uri -> modules found while rendering (quiz fences)
        return config

    def languages(self, config: MkDocsConfig) -> list[str]:
        """The site languages: static-i18n's, or the theme language alone."""
        i18n = config.plugins.get("i18n")
        if i18n is not None:
            langs = [lang.locale for lang in i18n.config.languages if lang.build]
            default = [lang.locale for lang in i18n.config.languages if lang.default]
            return default + [lang for lang in langs if lang not in default]
        return [config.theme.get("language") or "en"]

    def site_url_from_locality(self, config: MkDocsConfig) -> None:
        """Use locality.yml's site_url (one place for the address) when mkdocs.yml sets none.

        Without an address there is nothing true to put in a sitemap or a canonical link: MkDocs writes no
        sitemap.xml(.gz) and Material no canonical link (page.canonical_url stays None).
        """
        if self.project is None:
            return
        if not config.site_url and self.project.locality.site_url:
            config.site_url = self.project.locality.site_url
        if config.site_url:
            config.theme.static_templates.add("sitemap.xml")
        else:
            config.theme.static_templates.discard("sitemap.xml")

    def set_source_date(self) -> None:
        """Date the build by its content, not the clock: MkDocs' sitemap reads SOURCE_DATE_EPOCH.

        Unless the publisher sets SOURCE_DATE_EPOCH, it becomes the newest lesson review date, so two builds of
        the same sources write the same bytes on any day.
        """
        if os.environ.get("SOURCE_DATE_EPOCH") is None or getattr(self, "own_source_date", False):
            self.own_source_date = True
            os.environ["SOURCE_DATE_EPOCH"] = str(int(source_date(self.project, use_env=False).timestamp()))

    def on_pre_build(self, config: MkDocsConfig):
        """Load and cross-check every lesson, law, quiz and setting before anything is written."""
        if not self.config.enabled:
            return
        paths = Paths(self.root, self.config.lessons_dir, self.config.quizzes_dir,
                      self.config.laws_file, self.config.locality_file)
        try:  # the interface strings: the package's catalogs and the project's overrides (locales/ beside mkdocs.yml)
            self.catalogs = Catalogs.load(self.languages(config), self.root)
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        # static-i18n builds once per language: load the content once unless a file changed (mkdocs serve).
        stamp = _fingerprint(paths)
        if self.project is not None and stamp == self.stamp:
            self.site_url_from_locality(config)
            return
        links_out = Collector(self.root)
        for folder in {Path(config.docs_dir), paths["lessons"], paths["quizzes"]}:
            check_links(folder, links_out)
        try:
            links_out.raise_if_any()  # before MkDocs lists the pages: a link loop would list them forever
            self.project = load_project(paths, self.languages(config))
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        self.stamp = stamp
        self.site_url_from_locality(config)
        self.set_source_date()
        if not config.site_url:
            log.info(f"site_url is not set in {self.config.locality_file}: the handbook prints no QR codes or web "
                     "addresses and the site gets no sitemap or canonical links; set site_url to the published "
                     "address (e.g. https://example.org/canh-giac/) before printing")
        for problem in self.project.warnings:
            log.warning(str(problem))

    def on_build_error(self, error: Exception):
        """Note the failure: the staging folder is discarded at shutdown and site/ stays as it was."""
        self.failed = True
        self.building.clear()  # static-i18n's nested builds end here too: the next build starts afresh
        if "handbooks" in self.__dict__:
            self.handbooks.close()  # a handbook still rendering in the background is not needed any more

    def on_shutdown(self) -> None:
        """Swap the staged site in if every language (pages and handbook) was built, else discard it."""
        builder = self.__dict__.get("handbooks")
        if builder is not None:  # no background render may still write into the staging folder
            builder.close()
        staged = getattr(self, "staged", None)
        if staged is None:
            return
        self.staged = None
        self.site_config.site_dir = str(staged.final)  # gh-deploy, which runs after this, reads the real folder
        langs = self.project.langs if self.project is not None else []
        if self.failed or not langs or not self.finished.issuperset(langs):
            staged.discard()
            if staged.final.exists():
                log.info(f"the build failed: {staged.final.name}/ was left as it was")
            return
        staged.commit()
        log.info(f"every language and handbook built: {staged.final.name}/ now holds the new site")

    def on_serve(self, server, config, builder):
        """Rebuild when content outside docs/ changes."""
        if self.config.enabled:
            for name in (self.config.lessons_dir, self.config.quizzes_dir, self.config.laws_file,
                         self.config.locality_file, "locales"):
                if (self.root / name).exists():
                    server.watch(str(self.root / name))
        return server

    # -- files -------------------------------------------------------------------------
    @event_priority(50)  # before static-i18n (-100) sorts files per language, so it sees every page
    def on_files(self, files: Files, config: MkDocsConfig):
        """Add the plugin's assets and check that every docs page exists in every language."""
        if not self.config.enabled:
            return
        folder = resources.files("canhgiac") / "assets"
        # Backed by the package files (not in-memory content): static-i18n needs a real source path.
        files.append(File.generated(config, f"{ASSET_DIR}/{STYLESHEET}", abs_src_path=str(folder / STYLESHEET)))
        for name in (*CLIENT_MODULES, *PACKAGE_MODULES):
            files.append(File.generated(config, f"{ASSET_DIR}/{name}.js", abs_src_path=str(folder / "js" / f"{name}.js")))
        self._check_page_sources(files, config)
        for name in VENDOR_FILES:
            files.append(File.generated(config, f"{ASSET_DIR}/vendor/{name}", abs_src_path=str(folder / "vendor" / name)))
        for name, _, _ in ICONS:
            files.append(File.generated(config, f"{ASSET_DIR}/icons/{name}", abs_src_path=str(folder / "icons" / name)))
        self._check_page_translations(files, config)
        if not config.site_url:  # out of the static templates, the theme's sitemap would be copied as a plain file
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                found = files.get_file_from_path(name)
                if found is not None and found.is_static_page():
                    files.remove(found)
        return files

    def _check_page_sources(self, files: Files, config: MkDocsConfig) -> None:
        """Every page must be readable UTF-8 text, before MkDocs reads it (a decoding error would be a traceback)."""
        out = Collector(self.root)
        for f in files.documentation_pages():
            if f.abs_src_path and not f.generated_by:
                read_text(Path(f.abs_src_path), out)
        try:
            out.raise_if_any()
        except ContentError as exc:
            raise PluginError(str(exc)) from None

    def _check_page_translations(self, files: Files, config: MkDocsConfig) -> None:
        langs = self.languages(config)
        if len(langs) < 2:
            return
        out = Collector(self.root)
        by_page: dict[str, dict[str, File]] = {}
        for f in files.documentation_pages():
            m = LANG_SUFFIX.search(f.src_uri)
            if m and m.group(1) in langs:
                by_page.setdefault(_norm(f.src_uri), {})[m.group(1)] = f
            elif f.abs_src_path:
                out.add(f.abs_src_path, None, "the page has no language suffix",
                        f"name it {f.src_uri[:-3]}.{langs[0]}.md and add the other languages")
        for versions in by_page.values():
            for lang in langs:
                if lang not in versions:
                    some = next(iter(versions.values()))
                    missing = Path(some.abs_src_path).with_name(LANG_SUFFIX.sub(f".{lang}.md", Path(some.src_uri).name))
                    out.add(some.abs_src_path, None, f"the page has no '{lang}' translation: {out.rel(missing)} is missing",
                            "every page must exist in every site language")
        try:
            out.raise_if_any()
        except ContentError as exc:
            raise PluginError(str(exc)) from None

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        """Order the menu as the curriculum: lessons by `order`, pages by `nav_order`; number the lessons.

        That order is also the reading order (Next / Previous). Each page later shows a pruned copy (`self.menu`).
        """
        if not self.config.enabled:
            return
        self.files = files
        # static-i18n runs one build per language (default first), the others nested in the first one's
        # post_build: a stack tells which language an event belongs to.
        lang = next((getattr(f, "locale", None) for f in files.documentation_pages()), None)
        self.building.append(lang or self.project.langs[0])
        self.urls = {_norm(f.src_uri): f.url for f in files.documentation_pages()}
        lang = next((getattr(f, "locale", None) for f in files.documentation_pages()), None) or self.project.langs[0]
        self.site_names[lang] = config.site_name
        if lang == self.project.langs[0]:  # a new build (mkdocs serve rebuilds): forget the pages of the last one
            self.written.clear()
            self.download_pages.clear()

        def key(item) -> tuple[int, str]:
            if item.is_section:
                name = Path(_norm(item.children[0].file.src_uri)).parent.as_posix() if item.children else ""
            else:
                name = _norm(item.file.src_uri)
            order = self.config.nav_order
            return (order.index(name) if name in order else len(order), name)

        lessons_section = None
        lang = self.project.langs[0]
        for item in nav.items:
            if item.is_section and item.children and getattr(item.children[0], "file", None):
                lesson_dir = Path(_norm(item.children[0].file.src_uri)).parent.as_posix()
                if lesson_dir == self.config.lessons_dir:
                    lessons_section = item
                    lang = getattr(item.children[0].file, "locale", None) or lang
                    item.title = self.catalogs[lang]["lessons"]  # not the folder name, in every language
                    item.children.sort(key=lambda p: (self.lesson_of(p).order if self.lesson_of(p) else 0))
                    for page in item.children:
                        lesson = self.lesson_of(page)
                        if lesson is not None:  # "Bài 4: …" in the menu and the footer; <title> keeps the title
                            page.title = f"{self.catalogs[lang]['lesson']} {lesson.order}: {lesson.meta(lang)['title']}"
        nav.items.sort(key=key)
        navigation.link_in_order(nav)
        self.menu = navigation.MenuView(nav, lessons_section, self.catalogs[lang]["all_lessons"])
        return nav

    # -- pages -------------------------------------------------------------------------
    def locale(self, page: Page) -> str:
        """The language of a page."""
        return getattr(page.file, "locale", None) or self.project.langs[0]

    def lesson_of(self, page: Page):
        """The lesson a page shows, or None."""
        stem = Path(_norm(page.file.src_uri))
        if stem.parent.as_posix() != self.config.lessons_dir:
            return None
        return self.project.lessons.get(stem.stem)

    def page_url(self, norm_src: str) -> str | None:
        """URL of a page in the language being built, from its normalised source path."""
        return self.urls.get(norm_src)

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        """Track the page being rendered, give lessons their template, and collect links."""
        if not self.config.enabled:
            return
        self.page = page
        if self.lesson_of(page) is not None:
            page.meta.setdefault("template", "lesson.html")
        offset = 1
        if page.file.abs_src_path:  # MkDocs strips the front matter and the blank lines after it
            source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig")  # decodable: checked in on_files
            _, body, offset = split_front_matter(source)
            offset += len(body) - len(body.lstrip("\n"))
        self.links[page.file.src_uri] = links.find_links(page.file.src_uri, markdown, offset)
        return markdown

    def glossary_label(self) -> str | None:
        """The glossary's jump-list label while the glossary page renders, None on every other page."""
        if self.page is None or _norm(self.page.file.src_uri) != _norm(self.config.glossary_page):
            return None
        return self.catalogs[self.locale(self.page)]["glossary_jump"]

    def format_quiz(self, source, language, class_name, options, md, **kwargs):
        """Superfences formatter for ```quiz fences: the body is a bank id."""
        from pymdownx.superfences import SuperFencesException

        bank_id = source.strip()
        bank = self.project.banks.get(bank_id) if self.project else None
        if bank is None:
            raise SuperFencesException(f"unknown quiz bank '{bank_id}'")
        lang = self.locale(self.page)
        legal = self.page_url(_norm(self.config.legal_page)) or ""
        legal_url = get_relative_url(legal, self.page.url)
        lesson = self.lesson_of(self.page)
        self.page_uses.setdefault(self.page.file.src_uri, set()).add("quiz")
        return render_bank(bank, lang, self.catalogs[lang], self.project.laws, legal_url, lesson.id if lesson else "")

    def format_cards(self, source, language, class_name, options, md, **kwargs):
        """Superfences formatter for ```cards fences: the set, checked when the project loaded, as a list."""
        from pymdownx.superfences import SuperFencesException

        lesson = self.lesson_of(self.page)
        try:
            card_id = (yaml.safe_load(source) or {}).get("id")
        except (yaml.YAMLError, AttributeError):
            card_id = None
        lang = self.locale(self.page)
        found = [s for s in lesson.versions[lang].card_sets if s.id == card_id] if lesson else []
        if not found:
            raise SuperFencesException("a cards fence belongs in a lesson, with a valid body (see the README)")
        return render_card_set(found[0], self.catalogs[lang])

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files):
        """Record anchors for the link check and keep the content for the handbook."""
        if not self.config.enabled:
            return
        if 'class="trainer' in html:  # trainer boxes print open: core.js opens them where CSS cannot
            self.page_uses.setdefault(page.file.src_uri, set()).add("core")
        for what, needle in unsafe_html(html):
            source = Path(page.file.abs_src_path).read_text(encoding="utf-8-sig") if page.file.abs_src_path else ""
            self.unsafe.append((page.file.abs_src_path or page.file.src_uri, source_line(source, needle), what))
        html = scrollable_tables(html, self.catalogs[self.locale(page)]["table"])
        ids = links.anchors(html)
        if _norm(page.file.src_uri) == _norm(self.config.legal_page):
            ids |= set(self.project.laws)  # the registry template gives each law an anchor
        self.anchors.setdefault(self.locale(page), {})[_norm(page.file.src_uri)] = ids
        self.written.setdefault(self.locale(page), {})[_norm(page.file.src_uri)] = page.file.dest_uri
        if page.meta.get("template") == DOWNLOADS_TEMPLATE:
            self.download_pages[page.file.dest_uri] = self.locale(page)
        if self.config.handbook_enabled:
            self.rendered.setdefault(self.locale(page), {})[_norm(page.file.src_uri)] = page
        self.search_pages.setdefault(self.locale(page), []).append(self.search_entry(html, page))
        return html

    def search_entry(self, html: str, page: Page) -> PageEntry:
        """A page for the search index: its sections, and for a lesson the summary and objectives on top."""
        lesson = self.lesson_of(page)
        if lesson is None:
            return PageEntry(page.url, page.title or "", sections(html))
        meta = lesson.meta(self.locale(page))
        intro = " ".join([meta["summary"], *meta["objectives"]])
        return PageEntry(page.url, meta["title"], sections(html, intro))

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Check every internal link and anchor, now that all pages of this language are rendered."""
        if not self.config.enabled:
            return
        lang = next((getattr(f, "locale", None) for f in files.documentation_pages()), None)
        lang = lang or self.project.langs[0]
        pages = self.anchors.get(lang, {})
        out = Collector(self.root)
        for path, line, what in self.unsafe:
            out.add(path, line, f"the page contains {what}",
                    "lessons and pages hold text, not code: remove it (the site's own scripts are added by the theme); "
                    "to show code as an example, put it in a ``` fence")
        self.unsafe.clear()
        for f in files.documentation_pages():
            for link in self.links.get(f.src_uri, []):
                if not _norm(link.target.split("#")[0]).endswith(".md") and link.target.split("#")[0]:
                    continue
                problem = links.resolve(link, pages, _norm)
                if problem:
                    out.add(f.abs_src_path, link.line, problem, "fix the path or the heading it points to")
        try:
            out.raise_if_any()
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        self.links.clear()  # checked: the next language collects its own
        self.anchors.pop(lang, None)
        # What every page of this language needs, pages built by the plugin or not (404.html has no `cg`):
        # the security policy, the quick exit and the interface strings of the header.
        ui = self.catalogs[lang]
        if not any(isinstance(ext, InternationalizationExtension) for ext in env.extensions.values()):
            env.add_extension("jinja2.ext.i18n")
        env.install_gettext_translations(ui.translations, newstyle=True)  # _("key") in the templates
        safety = self.urls.get("safety.md")
        env.globals["cg_site"] = {
            "lang": lang,
            "ui": ui,
            "csp": CONTENT_SECURITY_POLICY,
            "quick_exit_url": self.project.locality.quick_exit_url,
            "exit_strings": {key: ui[key] for key in EXIT_STRINGS},
            "safety_page": safety,
            "every_page": [f"{ASSET_DIR}/{name}.js" for name in EVERY_PAGE],
        }
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig):
        """Clean Material's markup that the theme overrides cannot reach."""
        if not self.config.enabled:
            return
        return without_toggle_autocomplete(output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig):
        """The same for templates that are not pages (404.html)."""
        if not self.config.enabled:
            return
        return without_toggle_autocomplete(output) if template_name.endswith(".html") else output

    def page_modules(self, page: Page) -> list[str]:
        """The client modules a page loads, each after the modules it needs, each once."""
        wanted = [*EVERY_PAGE, *TEMPLATE_MODULES.get(page.meta.get("template", ""), ()),
                  *sorted(self.page_uses.get(page.file.src_uri, ()))]
        ordered: list[str] = []

        def add(name: str) -> None:
            for need in CLIENT_MODULES[name]:
                add(need)
            if name not in ordered:
                ordered.append(name)

        for name in wanted:
            add(name)
        return ordered

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        """Give templates the lesson, the laws, the locality and the interface strings."""
        if not self.config.enabled:
            return
        lang = self.locale(page)
        project = self.project

        def url(norm_src: str) -> str:
            target = self.page_url(norm_src)
            return get_relative_url(target, page.url) if target is not None else "#"

        context["nav"] = self.menu.for_page(page)  # the lessons section around this page, not all of it
        current = self.lesson_of(page)
        handbook = self.config.handbook_filenames.get(lang)
        if page.meta.get("template") == "print.html":
            context["cg_print"] = self.print_listing(lang, page)
        context["cg"] = TemplateData(
            lang=lang,
            ui=self.catalogs[lang],
            locality=project.locality,
            laws=project.laws,
            lesson=current and {"id": current.id, "meta": current.meta(lang)},
            legal_url=url(_norm(self.config.legal_page)),
            handbook_url=get_relative_url(f"handbook/{handbook}", page.url)
            if handbook and self.config.handbook_enabled else None,
            date=self.catalogs[lang].format_date,
            scripts=[get_relative_url(f"{ASSET_DIR}/{name}.js", page.url) for name in self.page_modules(page)],
            search_fallback_url=url("index.md") + "#cg-lessons",
            manifest_url=get_relative_url(manifest_filename(lang), page.url),
            theme_color=THEME_COLOR,
            _project=project, _url=url, _lessons_dir=self.config.lessons_dir,
        )
        if page.meta.get("template") == DOWNLOADS_TEMPLATE:
            context["cg"]["downloads"] = self.downloads_table(lang, page)
        return context

    # -- e-learning packages -----------------------------------------------------------
    def handbook_built(self) -> bool:
        """Whether this build writes the PDF handbooks."""
        return self.config.handbook_enabled and not (getattr(self, "serving", False) and not self.config.handbook_on_serve)

    def packages_built(self) -> bool:
        """Whether this build writes site/download/."""
        return self.config.packages_enabled and not (getattr(self, "serving", False) and not self.config.packages_on_serve)

    def package_plan(self):
        """Every package of site/download/, named after the default language's site name."""
        from canhgiac.packages import plan_packages

        prefix = slugify(self.site_names.get(self.project.langs[0]) or "course") or "course"
        return prefix, plan_packages(self.project, prefix, self.handbook_built())

    def downloads_table(self, lang: str, page: Page) -> list[dict]:
        """What the Downloads page lists, grouped by kind; sizes are filled in once the packages are written."""
        from canhgiac.packages.plan import size_marker

        ui = self.catalogs[lang]
        groups: list[dict] = []
        for package in self.package_plan()[1]:
            if not groups or groups[-1]["kind"] != package.kind:
                groups.append({"kind": package.kind, "title": ui[f"download_{package.kind}"],
                               "purpose": ui[f"download_{package.kind}_purpose"], "rows": []})
            groups[-1]["rows"].append({
                "title": package.title, "language": self.catalogs[package.lang]["language_name"],
                "lang": package.lang, "url": get_relative_url(package.path, page.url),
                "file": Path(package.path).name, "size": size_marker(package.path, ui["download_size_pending"]),
            })
        return groups

    def write_packages(self, config: MkDocsConfig) -> None:
        """Write site/download/ from the pages of every language, then the sizes into the Downloads pages."""
        from canhgiac.packages import PackageJob, write_packages
        from canhgiac.packages.links import PackageError

        prefix, packages = self.package_plan()
        lessons_dir = self.config.lessons_dir
        lesson_pages = {lang: {Path(src).stem: dest for src, dest in pages.items()
                               if Path(src).parent.as_posix() == lessons_dir}
                        for lang, pages in self.written.items()}
        home = {lang: pages["index.md"] for lang, pages in self.written.items() if "index.md" in pages}
        handbooks = {lang: f"handbook/{name}" for lang, name in self.config.handbook_filenames.items()
                     if self.handbook_built()}
        public = config.site_url or None
        if public and not public.endswith("/"):
            public += "/"
        site = Path(config.site_dir)
        # The client modules' folder travels whole with the offline bundles: a module may load files of its own.
        own = tuple(sorted(p.relative_to(site).as_posix() for p in (site / ASSET_DIR).rglob("*") if p.is_file()))
        job = PackageJob(site, self.project, packages, prefix, lesson_pages, home, self.site_names,
                         SCORM_ADAPTER, public, self.download_pages, handbooks, bundle_always=own)
        start = time.perf_counter()
        try:
            sizes = write_packages(job)
        except PackageError as exc:
            raise PluginError(f"packages: {exc}") from None
        total = sum(sizes.values())
        log.info(f"packages: {len(sizes)} files in {self.shown(Path(config.site_dir) / 'download')}/, {total / 1e6:.1f} MB, "
                 f"in {time.perf_counter() - start:.2f} s")

    # -- print: handbook, leaflets and posters -------------------------------------------
    def print_listing(self, lang: str, page: Page) -> list[dict]:
        """The leaflets and posters of a language for the print page: titles, links and thumbnails."""
        from canhgiac.outreach import outreach_files

        if not self.config.outreach_enabled:
            return []
        listing = []
        for f in outreach_files(self.project, lang):
            title = self.project.lessons[f.lesson].meta(lang)["title"] if f.lesson else None
            order = self.project.lessons[f.lesson].order if f.lesson else None
            listing.append({"kind": f.kind, "lang": f.lang, "title": title, "order": order,
                            "url": get_relative_url(f.path, page.url),
                            "thumbnail": get_relative_url(f.thumbnail, page.url)})
        return listing

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        """The 404 page (a theme template, not a page): what it needs to stand alone, and the pruned menu.

        It gets both languages' strings, and the same pruned menu as every other page (its size must not grow with
        the lessons).
        """
        if not self.config.enabled or template_name != "404.html" or self.project is None:
            return context
        context["cg404"] = not_found_context(self.project, config, self.urls, self.catalogs)
        if getattr(self, "menu", None) is not None:
            context["nav"] = self.menu.for_page(None)
        return context

    # -- search, offline reading ---------------------------------------------------------
    def build_language(self, files: Files) -> str:
        """The language of the build that just ran (static-i18n builds once per language, the default first)."""
        lang = next((getattr(f, "locale", None) for f in files.documentation_pages()), None)
        return lang or self.project.langs[0]

    def write_search_index(self, config: MkDocsConfig) -> None:
        """Write this language's search index, from the pages just rendered."""
        lang = self.build_language(self.files)
        folder = Path(config.site_dir) / ASSET_DIR
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.glob(f"search-index.{lang}.*"):  # a smaller curriculum may need fewer shards
            old.unlink()
        for name, data in index_files(lang, self.search_pages.pop(lang, [])).items():
            (folder / name).write_bytes(data)

    def write_offline_files(self, config: MkDocsConfig) -> None:
        """Once every language is written (the last build): manifests, offline lists and the service worker."""
        langs = self.project.langs
        if self.build_language(self.files) != langs[-1]:
            return
        names = _site_names(config)
        short = names.get(langs[0]) or config.site_name
        apps = {lang: AppInfo(lang, names.get(lang) or short, short, self.catalogs[lang]["app_description"], THEME_COLOR)
                for lang in langs}
        version = write_offline_files(Path(config.site_dir), langs, ASSET_DIR, apps)
        log.info(f"offline: sw.js, cache version {version}")

    def _post_build_search(self, config: MkDocsConfig) -> None:
        """Write this language's search index; after the last language, a first set of offline files."""
        if self.config.enabled:
            self.write_search_index(config)
            self.write_offline_files(config)  # the packages' pages link the manifests: they must exist first

    def _post_build_offline(self, config: MkDocsConfig) -> None:
        """After the last language, once every page is final: the service worker, its lists, the manifests.

        The Downloads pages get their sizes last, so the cache version is computed again after the packages.
        """
        if self.config.enabled:
            self.write_offline_files(config)

    # -- handbook ----------------------------------------------------------------------
    def _post_build_handbook(self, config: MkDocsConfig):
        """Write this language's trainer handbook (PDF) into site/handbook/, from the pages just rendered."""
        if not (self.config.enabled and self.config.handbook_enabled):
            return
        if getattr(self, "serving", False) and not self.config.handbook_on_serve:
            log.info("handbook: skipped while serving (set handbook_on_serve: true to build it)")
            return
        # Imported here: WeasyPrint and its libraries cost ~10 MB, only worth paying when a handbook is built.
        from canhgiac.handbook import HandbookBuilder, SourcePage
        lang = self.building_lang()
        name = self.config.handbook_filenames.get(lang)
        if not name:
            raise PluginError(f"mkdocs.yml: handbook_filenames has no file name for the language '{lang}'")
        out = Collector(self.root)
        pages = {key: SourcePage(page.title or "", page.content or "", page.url, out.rel(page.file.abs_src_path or ""))
                 for key, page in self.rendered.get(lang, {}).items()}
        # Every language's handbook goes to the top-level site/handbook/ (static-i18n keeps site_dir unchanged).
        target = Path(config.site_dir) / "handbook" / name
        # Kept across the per-language builds: the renders run in worker processes while the build goes on.
        builder = self.__dict__.setdefault("handbooks", HandbookBuilder())
        try:
            builder.submit(self.project, lang, pages, target, legal_page=_norm(self.config.legal_page),
                           lessons_dir=self.config.lessons_dir, site_dir=Path(config.site_dir),
                           site_url=config.site_url or "", date=source_date(self.project))
        except ContentError as exc:
            raise PluginError(str(exc)) from None

    def _post_build_handbooks_written(self, config: MkDocsConfig) -> None:
        """After the last language's leaflets: wait for the handbook renders (the packages carry the PDFs)."""
        builder = self.__dict__.get("handbooks")
        if builder is None or not builder.pending or self.building_lang() != self.project.langs[-1]:
            return
        try:
            results = builder.results()
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        for result in results:
            log.info(f"handbook: {self.shown(result.path)}, {result.pages} pages, {result.size / 1e6:.1f} MB")

    def shown(self, path: Path) -> str:
        """A path in the site as the user will find it: under site/, not the staging folder it is written to."""
        staged = getattr(self, "staged", None)
        if staged is not None and path.is_relative_to(staged.path):
            path = staged.final / path.relative_to(staged.path)
        return Collector(self.root).rel(path)

    def _post_build_outreach(self, config: MkDocsConfig) -> None:
        """Write this language's leaflets and posters into site/print/."""
        if not (self.config.enabled and self.config.outreach_enabled):
            return
        if getattr(self, "serving", False) and not self.config.outreach_on_serve:
            log.info("leaflets and posters: skipped while serving (set outreach_on_serve: true to build them)")
            return
        from canhgiac.outreach import build_outreach

        lang = self.building_lang()
        urls = {lesson.id: self.page_url(f"{self.config.lessons_dir}/{lesson.id}.md")
                for lesson in self.project.ordered_lessons()}
        urls["hotlines"] = self.page_url("hotlines.md")
        urls = {key: url for key, url in urls.items() if url}
        try:
            results = build_outreach(self.project, lang, urls, Path(config.site_dir))
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        size = sum(r.size for r in results)
        log.info(f"leaflets and posters ({lang}): {len(results)} PDFs, {size / 1e6:.1f} MB")

    def _post_build_packages(self, config: MkDocsConfig) -> None:
        """After the last language (handbooks written): the e-learning packages of every language."""
        if not self.config.enabled or self.building_lang() != self.project.langs[-1]:
            return
        if self.packages_built():
            self.write_packages(config)
        elif self.config.packages_enabled:
            log.info("packages: skipped while serving (set packages_on_serve: true to build them)")

    @event_priority(-1000)  # after every other plugin, static-i18n's builds of the other languages included
    def _post_build_done(self, config: MkDocsConfig):
        """Record that this language's build got to its end."""
        if self.config.enabled and self.building:
            self.finished.add(self.building.pop())

    def building_lang(self) -> str:
        """The language being built."""
        return self.building[-1]

    on_post_build = CombinedEvent(_post_build_search, _post_build_handbook, _post_build_outreach,
                                  _post_build_handbooks_written,
                                  _post_build_packages, _post_build_offline, _post_build_done)
