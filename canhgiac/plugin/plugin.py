"""MkDocs plugin: load and check the content, render quizzes and cards, give templates their data, run the outputs.

The plugin only wires. The content model is `canhgiac.content`; what is written after the pages (search index,
handbooks, leaflets, packages, offline files) are the outputs of `canhgiac.outputs.OUTPUTS`; static-i18n's one
build per language and the staged site folder are handled by `canhgiac.plugin.builds`.
"""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, CombinedEvent, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from canhgiac import cite
from canhgiac.content.loader import check_links
from canhgiac.content.project import Paths, Project, load_project, source_date
from canhgiac.errors import Collector, ContentError
from canhgiac.i18n import Catalogs
from canhgiac.outputs import BuiltSite, Language, OutputError, RenderedPage, Settings, Written, describe, load_outputs
from canhgiac.plugin import checks, navigation, pages
from canhgiac.plugin.builds import LanguageBuilds, date_by_content, site_languages
from canhgiac.plugin.checks import norm
from canhgiac.plugin.config import CanhGiacConfig
from canhgiac.plugin.fences import Fences

log = get_plugin_logger(__name__)


class CanhGiacPlugin(Fences, BasePlugin[CanhGiacConfig]):
    """Wire the content model and the outputs to MkDocs; per-language state lives in `self.site.languages`."""

    supports_multiple_instances = False

    def __init__(self):
        self.project: Project | None = None
        self.stamp: tuple = ()
        self.site: BuiltSite | None = None
        self.outputs: list = []
        self.builds = LanguageBuilds(stage=False)
        self.page: Page | None = None
        self.checks = checks.PageChecks()
        self.page_uses: dict[str, set[str]] = {}  # src_uri -> client modules found while rendering (fences)

    def load_config(self, options: dict, config_file_path: str | None = None):
        """Validate the options as MkDocs does, then point each problem at its line in mkdocs.yml with advice."""
        errors, warnings = super().load_config(options, config_file_path)
        return checks.explain_options(errors, warnings, dict(self.config_class._schema), config_file_path)

    def on_startup(self, *, command: str, dirty: bool) -> None:
        """`mkdocs build` stages the site (swapped in at the end); `mkdocs serve` keeps its own temporary site."""
        self.serving = command == "serve"
        self.builds = LanguageBuilds(stage=command in ("build", "gh-deploy") and not dirty)

    def on_config(self, config: MkDocsConfig):
        """Register the fences, the glossary and the stylesheet; stage the site folder on the first build."""
        if not self.config.enabled:
            return
        self.root = Path(config.config_file_path).parent
        self.builds.redirect(config)
        self.register_markdown(config)
        stylesheet = f"{pages.ASSET_DIR}/{pages.STYLESHEET}"
        if stylesheet not in [str(t) for t in config.extra_css]:
            config.extra_css.append(stylesheet)
        return config

    def on_pre_build(self, config: MkDocsConfig):
        """Load and cross-check every lesson, law, quiz and setting before anything is written."""
        if not self.config.enabled:
            return
        c = self.config
        paths = Paths(self.root, c.lessons_dir, c.quizzes_dir, c.laws_file, c.locality_file)
        stamp = paths.fingerprint()  # static-i18n builds once per language: load once unless a file changed
        if self.project is None or stamp != self.stamp:
            self.load(paths, config)
            self.stamp = stamp
        if not self.builds.stack:  # the default language's build: a new build of every language begins
            self.start_site(config)
        if not config.site_url and self.project.locality.site_url:  # locality.yml: one place for the address
            config.site_url = self.project.locality.site_url
        # Without an address there is nothing true to put in a sitemap (nor a canonical link).
        (config.theme.static_templates.add if config.site_url else config.theme.static_templates.discard)("sitemap.xml")

    def load(self, paths: Paths, config: MkDocsConfig) -> None:
        """Load the project; its problems stop the build with file and line. Date the build by its content."""
        out = Collector(self.root)
        for folder in {Path(config.docs_dir), paths["lessons"], paths["quizzes"]}:
            check_links(folder, out)
        with stops_build():
            out.raise_if_any()  # before MkDocs lists the pages: a link loop would list them forever
            self.project = load_project(paths, list(site_languages(config)))
        self.own_source_date = date_by_content(self.project, getattr(self, "own_source_date", False))
        if not (config.site_url or self.project.locality.site_url):
            log.info(pages.NO_SITE_URL.format(file=self.config.locality_file))
        for problem in self.project.warnings:
            log.warning(str(problem))

    def start_site(self, config: MkDocsConfig) -> None:
        """A new build of every language: the languages, the settings and the outputs this build runs."""
        self.close_outputs()
        settings = Settings(self.config.lessons_dir, norm(self.config.legal_page), pages.ASSET_DIR,
                            self.config.handbook_filenames, config.site_url or self.project.locality.site_url or "",
                            pages.THEME_COLOR)
        names = site_languages(config)
        with stops_build():  # the interface strings: the package's catalogs, with the project's (locales/) over them
            catalogs = Catalogs.load(list(names), self.root)
        langs = {code: Language(code, name, catalogs[code]) for code, name in names.items()}
        self.outputs = load_outputs(keep=self.runs)
        self.site = BuiltSite(Path(config.site_dir), self.project, settings, langs,
                              frozenset(o.name for o in self.outputs), source_date(self.project))

    def runs(self, name: str) -> bool:
        """Whether this build runs the output `name`: its `<name>_enabled`, and `<name>_on_serve` when serving."""
        enabled = self.config.get(f"{name}_enabled", True)
        if enabled and getattr(self, "serving", False) and not self.config.get(f"{name}_on_serve", True):
            log.info(f"{name}: skipped while serving (set {name}_on_serve: true to build it)")
            return False
        return enabled

    def on_serve(self, server, config, builder):
        """Rebuild when content outside docs/ changes."""
        c = self.config
        for name in (c.lessons_dir, c.quizzes_dir, c.laws_file, c.locality_file, "locales") if c.enabled else ():
            if (self.root / name).exists():
                server.watch(str(self.root / name))
        return server

    @event_priority(50)  # before static-i18n (-100) sorts files per language, so it sees every page
    def on_files(self, files: Files, config: MkDocsConfig):
        """Add the plugin's assets; check that every page is readable and exists in every language."""
        if not self.config.enabled:
            return
        for dest, source in pages.asset_files():  # backed by the package files: static-i18n needs a real path
            files.append(File.generated(config, dest, abs_src_path=source))
        out = Collector(self.root)
        checks.check_page_sources(files.documentation_pages(), out)
        self.raise_problems(out)
        checks.check_page_translations(files.documentation_pages(), list(site_languages(config)), out)
        self.raise_problems(out)
        if not config.site_url:  # out of the static templates, the theme's sitemap would be copied as a plain file
            pages.drop_sitemap(files)
        return files

    def on_nav(self, nav, config: MkDocsConfig, files: Files):
        """Order the menu as the curriculum (also the reading order, Next / Previous); number the lessons."""
        if not self.config.enabled:
            return
        lang = next((getattr(f, "locale", None) for f in files.documentation_pages()), None) or self.project.langs[0]
        self.builds.start(lang)
        language = self.site.languages[lang]
        language.urls = {norm(f.src_uri): f.url for f in files.documentation_pages()}
        language.pages.clear()
        self.menu = navigation.order(nav, self.config, lang, language.ui, self.lesson_of)
        return nav

    def language(self, page: Page | None = None) -> Language:
        """The language being built (every page of a build has the build's language)."""
        return self.site.languages[self.builds.current]

    def lesson_of(self, page: Page):
        """The lesson a page shows, or None."""
        stem = Path(norm(page.file.src_uri))
        return self.project.lessons.get(stem.stem) if stem.parent.as_posix() == self.config.lessons_dir else None

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files):
        """Track the page being rendered, give lessons their template, and collect links."""
        if not self.config.enabled:
            return
        self.page = page
        if self.lesson_of(page) is not None:
            page.meta.setdefault("template", "lesson.html")
        # source markers of lessons are checked with the content; other pages' here
        self.checks.markdown(page.file, markdown, self.project.laws if self.lesson_of(page) is None else None)
        return markdown

    def on_page_content(self, html: str, page: Page, config: MkDocsConfig, files: Files):
        """Check the page's HTML, record its anchors for the link check, keep it for the outputs."""
        if not self.config.enabled:
            return
        lang, src = self.language(), norm(page.file.src_uri)
        if 'class="trainer' in html:  # trainer boxes print open: core.js opens them where CSS cannot
            self.page_uses.setdefault(page.file.src_uri, set()).add("core")
        html = pages.scrollable_tables(html, lang.ui["table"])
        self.checks.content(page.file, html, cite.legal_anchors(self.project.laws) if src == self.site.settings.legal_page
                            else set())
        lesson = self.lesson_of(page)
        lang.pages[src] = RenderedPage(src, page.url, page.file.dest_uri, page.title or "", html,
                                       Collector(self.root).rel(page.file.abs_src_path or ""),
                                       page.meta.get("template", ""), lesson.id if lesson else None)
        return html

    def on_env(self, env, config: MkDocsConfig, files: Files):
        """Check every internal link and anchor of this language; give every template the site's own data."""
        if not self.config.enabled:
            return
        out = Collector(self.root)
        self.checks.check(files.documentation_pages(), out)
        self.raise_problems(out)
        env.globals["cg_site"] = pages.site_globals(self.project, self.language())
        pages.install_strings(env, self.language())
        return env

    def on_post_page(self, output: str, page: Page, config: MkDocsConfig):
        """Clean Material's markup that the theme overrides cannot reach."""
        if self.config.enabled:
            return pages.without_toggle_autocomplete(output)

    def on_post_template(self, output: str, template_name: str, config: MkDocsConfig):
        """The same for templates that are not pages (404.html)."""
        if self.config.enabled:
            return pages.without_toggle_autocomplete(output) if template_name.endswith(".html") else output

    def on_page_context(self, context, page: Page, config: MkDocsConfig, nav):
        """Give templates `cg`: the lesson, the laws, the locality, the strings, the outputs' links and listings."""
        if not self.config.enabled:
            return
        lang = self.language()
        context["nav"] = self.menu.for_page(page)  # the lessons section around this page, not all of it
        template = page.meta.get("template", "")
        cg = context["cg"] = pages.template_data(
            self.project, lang, page.url, self.lesson_of(page), norm(self.config.legal_page), self.config.lessons_dir,
            pages.page_modules(template, self.page_uses.get(page.file.src_uri, set())))
        for output in self.outputs:
            cg.update(output.template_data(self.site, lang, template, page.url))
        return context

    def on_template_context(self, context, template_name: str, config: MkDocsConfig):
        """The 404 page (a theme template, not a page): what it needs to stand alone, and the pruned menu."""
        if not self.config.enabled or template_name != "404.html" or self.project is None:
            return context
        context["cg404"] = pages.not_found_context(self.project, self.site.languages, self.language().urls)
        if getattr(self, "menu", None) is not None:
            context["nav"] = self.menu.for_page(None)
        return context

    def _post_build_outputs(self, config: MkDocsConfig):
        """Run the outputs for this language; after the last language, finish them all.

        At the default priority: before static-i18n (-100) runs the other languages' builds from its own
        on_post_build, so the default language's outputs come first and the last language's build finishes all.
        """
        if not self.config.enabled or not self.builds.stack:
            return
        lang = self.language()
        with stops_build():
            for output in self.outputs:
                self.log_written(output, output.language(self.site, lang), lang.code)
            if lang.code == self.site.last:
                for output in self.outputs:
                    self.log_written(output, output.finish(self.site))

    @event_priority(-1000)  # after every other plugin, static-i18n's builds of the other languages included
    def _post_build_done(self, config: MkDocsConfig):
        """Record that this language's build got to its end."""
        if self.config.enabled:
            self.builds.end()

    on_post_build = CombinedEvent(_post_build_outputs, _post_build_done)

    def log_written(self, output, written: list[Written], lang: str = "") -> None:
        """Say what an output wrote, under site/ (not the staging folder it is written to)."""
        if written:
            shown = [Collector(self.root).rel(self.builds.shown(w.path)) for w in written]
            log.info(describe(f"{output.title} ({lang})" if lang else output.title, written, shown))

    def on_build_error(self, error: Exception):
        """Note the failure: the staging folder is discarded at shutdown and site/ stays as it was."""
        self.builds.fail()
        self.close_outputs()

    def close_outputs(self) -> None:
        """Stop whatever an output still runs (a handbook rendering in the background)."""
        for output in self.outputs:
            output.close()

    def on_shutdown(self) -> None:
        """Swap the staged site in if every language and output was built, else discard it."""
        self.close_outputs()
        said = self.builds.close(self.project.langs if self.project is not None else [])
        if said:
            log.info(said)

    def raise_problems(self, out: Collector) -> None:
        """Stop the build with every problem collected, each with its file and line."""
        with stops_build():
            out.raise_if_any()


@contextmanager
def stops_build():
    """A content or output problem stops the build with its message (MkDocs prints a PluginError, no traceback)."""
    try:
        yield
    except (ContentError, OutputError) as exc:
        raise PluginError(str(exc)) from None

