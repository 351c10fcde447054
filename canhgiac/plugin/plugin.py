"""MkDocs plugin: load and check the content, render quizzes, add template data, build the handbook."""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path

import yaml
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from canhgiac.content.cards import CARDS_FENCE, render_card_set
from canhgiac.content.project import QUIZ_FENCE, Paths, Project, load_project
from canhgiac.errors import Collector, ContentError
from canhgiac.plugin import links
from canhgiac.plugin.config import CanhGiacConfig
from canhgiac.quiz.render import render_bank
from canhgiac.ui import format_date, strings
from canhgiac.yamlsrc import split_front_matter

log = get_plugin_logger(__name__)
ASSETS = ("canhgiac.css", "canhgiac.js")
ASSET_DIR = "assets/canhgiac"
LANG_SUFFIX = re.compile(r"\.([a-z]{2})\.md$")


def _norm(src_uri: str) -> str:
    """'lessons/x.vi.md' -> 'lessons/x.md', so both languages share one key."""
    return LANG_SUFFIX.sub(".md", src_uri)


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

    # -- configuration -----------------------------------------------------------------
    def on_startup(self, *, command: str, dirty: bool) -> None:
        """Remember whether this is `mkdocs serve` (which keeps its own temporary site)."""
        self.serving = command == "serve"

    def on_config(self, config: MkDocsConfig):
        """Register the quiz fence and the plugin's stylesheet and script; remember where the project is."""
        if not self.config.enabled:
            return
        self.root = Path(config.config_file_path).parent
        if not hasattr(self, "site_dir"):  # the first build's folder holds every language: clean that on failure
            self.site_dir = config.site_dir
        if "pymdownx.superfences" not in config.markdown_extensions:
            config.markdown_extensions.append("pymdownx.superfences")
        fences = config.mdx_configs.setdefault("pymdownx.superfences", {}).setdefault("custom_fences", [])
        fences[:] = [f for f in fences if f.get("name") not in (QUIZ_FENCE, CARDS_FENCE)]
        fences.append({"name": QUIZ_FENCE, "class": "cg-quiz", "format": self.format_quiz})
        fences.append({"name": CARDS_FENCE, "class": "cg-cards", "format": self.format_cards})
        for name, target in (("canhgiac.css", config.extra_css), ("canhgiac.js", config.extra_javascript)):
            path = f"{ASSET_DIR}/{name}"
            if path not in [str(t) for t in target]:
                target.append(path)
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

    def on_pre_build(self, config: MkDocsConfig):
        """Load and cross-check every lesson, law, quiz and setting before anything is written."""
        if not self.config.enabled:
            return
        paths = Paths(self.root, self.config.lessons_dir, self.config.quizzes_dir,
                      self.config.laws_file, self.config.locality_file)
        # static-i18n builds once per language: load the content once unless a file changed (mkdocs serve).
        stamp = _fingerprint(paths)
        if self.project is not None and stamp == self.stamp:
            self.site_url_from_locality(config)
            return
        try:
            self.project = load_project(paths, self.languages(config))
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        self.stamp = stamp
        self.site_url_from_locality(config)
        if not config.site_url:
            log.info(f"site_url is not set in {self.config.locality_file}: the handbook prints no QR codes or web "
                     "addresses and the site gets no sitemap or canonical links; set site_url to the published "
                     "address (e.g. https://example.org/canh-giac/) before printing")
        for problem in self.project.warnings:
            log.warning(str(problem))

    def on_build_error(self, error: Exception):
        """Remove a half-written site so a failed build is never published by mistake."""
        if "handbooks" in self.__dict__:
            self.handbooks.close()  # a handbook still rendering in the background is not needed any more
        if self.config.enabled and getattr(self, "site_dir", None) and not getattr(self, "serving", False):
            import shutil

            shutil.rmtree(self.site_dir, ignore_errors=True)

    def on_serve(self, server, config, builder):
        """Rebuild when content outside docs/ changes."""
        if self.config.enabled:
            for name in (self.config.lessons_dir, self.config.quizzes_dir, self.config.laws_file,
                         self.config.locality_file):
                server.watch(str(self.root / name))
        return server

    # -- files -------------------------------------------------------------------------
    @event_priority(50)  # before static-i18n (-100) sorts files per language, so it sees every page
    def on_files(self, files: Files, config: MkDocsConfig):
        """Add the plugin's assets and check that every docs page exists in every language."""
        if not self.config.enabled:
            return
        folder = resources.files("canhgiac") / "assets"
        for name in ASSETS:
            # Backed by the package file (not in-memory content): static-i18n needs a real source path.
            files.append(File.generated(config, f"{ASSET_DIR}/{name}", abs_src_path=str(folder / name)))
        self._check_page_translations(files, config)
        if not config.site_url:  # out of the static templates, the theme's sitemap would be copied as a plain file
            for name in ("sitemap.xml", "sitemap.xml.gz"):
                found = files.get_file_from_path(name)
                if found is not None and found.is_static_page():
                    files.remove(found)
        return files

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
        """Remember this language's files; put lessons in curriculum order and pages in `nav_order`."""
        if not self.config.enabled:
            return
        self.files = files
        self.urls = {_norm(f.src_uri): f.url for f in files.documentation_pages()}

        def key(item) -> tuple[int, str]:
            if item.is_section:
                name = Path(_norm(item.children[0].file.src_uri)).parent.as_posix() if item.children else ""
            else:
                name = _norm(item.file.src_uri)
            order = self.config.nav_order
            return (order.index(name) if name in order else len(order), name)

        for item in nav.items:
            if item.is_section and item.children and getattr(item.children[0], "file", None):
                lesson_dir = Path(_norm(item.children[0].file.src_uri)).parent.as_posix()
                if lesson_dir == self.config.lessons_dir:
                    lang = getattr(item.children[0].file, "locale", None) or self.project.langs[0]
                    item.title = strings(lang)["lessons"]  # not the folder name, in every language
                    item.children.sort(key=lambda p: self.project.lessons[Path(_norm(p.file.src_uri)).stem].order
                                       if Path(_norm(p.file.src_uri)).stem in self.project.lessons else 0)
        nav.items.sort(key=key)
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
            _, body, offset = split_front_matter(Path(page.file.abs_src_path).read_text(encoding="utf-8"))
            offset += len(body) - len(body.lstrip("\n"))
        self.links[page.file.src_uri] = links.find_links(page.file.src_uri, markdown, offset)
        return markdown

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
        return render_bank(bank, lang, strings(lang), self.project.laws, legal_url, lesson.id if lesson else "")

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
        return render_card_set(found[0], strings(lang))

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files):
        """Record anchors for the link check and keep the content for the handbook."""
        if not self.config.enabled:
            return
        ids = links.anchors(html)
        if _norm(page.file.src_uri) == _norm(self.config.legal_page):
            ids |= set(self.project.laws)  # the registry template gives each law an anchor
        self.anchors.setdefault(self.locale(page), {})[_norm(page.file.src_uri)] = ids
        if self.config.handbook_enabled:
            self.rendered.setdefault(self.locale(page), {})[_norm(page.file.src_uri)] = page
        return html

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Check every internal link and anchor, now that all pages of this language are rendered."""
        if not self.config.enabled:
            return
        lang = next((getattr(f, "locale", None) for f in files.documentation_pages()), None)
        lang = lang or self.project.langs[0]
        pages = self.anchors.get(lang, {})
        out = Collector(self.root)
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
        return env

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        """Give templates the lesson, the laws, the locality and the interface strings."""
        if not self.config.enabled:
            return
        lang = self.locale(page)
        project = self.project

        def url(norm_src: str) -> str:
            target = self.page_url(norm_src)
            return get_relative_url(target, page.url) if target is not None else "#"

        current = self.lesson_of(page)
        handbook = self.config.handbook_filenames.get(lang)
        context["cg"] = TemplateData(
            lang=lang,
            ui=strings(lang),
            locality=project.locality,
            laws=project.laws,
            lesson=current and {"id": current.id, "meta": current.meta(lang)},
            legal_url=url(_norm(self.config.legal_page)),
            handbook_url=get_relative_url(f"handbook/{handbook}", page.url)
            if handbook and self.config.handbook_enabled else None,
            date=lambda d: format_date(d, lang),
            _project=project, _url=url, _lessons_dir=self.config.lessons_dir,
        )
        return context

    # -- handbook ----------------------------------------------------------------------
    def on_post_build(self, config: MkDocsConfig):
        """Write this language's trainer handbook (PDF) into site/handbook/, from the pages just rendered."""
        if not (self.config.enabled and self.config.handbook_enabled):
            return
        if getattr(self, "serving", False) and not self.config.handbook_on_serve:
            log.info("handbook: skipped while serving (set handbook_on_serve: true to build it)")
            return
        # Imported here: WeasyPrint and its libraries cost ~10 MB, only worth paying when a handbook is built.
        from canhgiac.handbook import HandbookBuilder, SourcePage
        # static-i18n runs one build per language (default first); the files of this build tell which one it is.
        lang = next((getattr(f, "locale", None) for f in self.files.documentation_pages()), None)
        lang = lang or self.project.langs[0]
        name = self.config.handbook_filenames.get(lang)
        if not name:
            raise PluginError(f"mkdocs.yml: handbook_filenames has no file name for the language '{lang}'")
        out = Collector(self.root)
        pages = {key: SourcePage(page.title or "", page.content or "", page.url, out.rel(page.file.abs_src_path or ""))
                 for key, page in self.rendered.get(lang, {}).items()}
        # Every language's handbook goes to the top-level site/handbook/ (static-i18n keeps site_dir unchanged).
        target = Path(config.site_dir) / "handbook" / name
        # Kept across the per-language builds: all but the last language render in a worker process meanwhile.
        builder = self.__dict__.setdefault("handbooks", HandbookBuilder())
        try:
            results = builder.build(self.project, lang, pages, target, background=lang != self.project.langs[-1],
                                    legal_page=_norm(self.config.legal_page), lessons_dir=self.config.lessons_dir,
                                    site_dir=Path(config.site_dir), site_url=config.site_url or "")
        except ContentError as exc:
            raise PluginError(str(exc)) from None
        for result in results:
            log.info(f"handbook: {out.rel(result.path)}, {result.pages} pages, {result.size / 1e6:.1f} MB")
