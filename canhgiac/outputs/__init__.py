"""One way in for every output written after the pages: search index, handbooks, leaflets, packages, offline files.

Each output is a subclass of `Output` in its own subpackage, with no MkDocs import. The plugin builds a `BuiltSite`
(the project, the settings, one `Language` per site language with its rendered pages) and runs the outputs listed
in `OUTPUTS`, in that order: `language()` after each language's pages are written, `finish()` once every language
is, `close()` when the build failed. A new output is one module and one line in `OUTPUTS`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import posixpath
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from canhgiac.content.project import Project

# The outputs, in the order they run (module:class, imported only when the output runs: WeasyPrint is heavy).
# search-index: per language, from its pages. manifests: the web app manifests, before anything copies pages.
# handbook: per language, rendered in worker processes; finish() waits for them (the packages carry the PDFs).
# menu: the menu's lesson list per language. outreach: leaflets and posters, per language. sessions: after the
# handbooks' finish(), packs of their pages (and the leaflets). share: the pictures chat apps show of a page
# (needs site_url). present: the lessons' presentations, per language (the offline bundles carry them).
# styles: Material's stylesheet purged against every written page, ours and the scripts without comments,
# before anything copies them. packages: SCORM, Moodle XML, offline bundles, and the sizes on the Downloads
# pages. serverconf: the web servers' header files (after the packages, which must not carry them). offline:
# last, once every file is final: the offline pages and lists, and the service worker.
OUTPUTS: tuple[str, ...] = (
    "canhgiac.search.output:SearchIndex",
    "canhgiac.offline.output:Manifests",
    "canhgiac.menu.output:LessonLists",
    "canhgiac.handbook.output:Handbooks",
    "canhgiac.outreach.output:Leaflets",
    "canhgiac.share.output:SharePictures",
    "canhgiac.sessions.output:SessionPacks",
    "canhgiac.present.output:Presentations",
    "canhgiac.styles.output:Styles",
    "canhgiac.packages.output:Packages",
    "canhgiac.serverconf.output:ServerConfig",
    "canhgiac.offline.output:OfflineFiles",
)


@dataclass(frozen=True)
class RenderedPage:
    """A page as the outputs see it: where it is, its title and its rendered content (Markdown → HTML)."""

    src: str            # normalised source path, the same in every language: 'lessons/x.md', 'index.md'
    url: str            # its URL, relative to the site root: 'en/lessons/x.html'
    dest: str           # the file written, relative to the site folder (the URL unless directory URLs are on)
    title: str
    content: str
    source_file: str    # the Markdown file, relative to the project root (for messages)
    template: str = ""  # the page's template, when it sets one
    lesson: str | None = None  # the lesson it shows, if any


@dataclass
class Language:
    """Everything of one site language: its code, names and interface strings, and its pages once rendered."""

    code: str
    site_name: str
    ui: Mapping[str, str]
    urls: dict[str, str] = field(default_factory=dict)            # normalised source -> URL of this language
    pages: dict[str, RenderedPage] = field(default_factory=dict)  # normalised source -> rendered page

    def url(self, src: str) -> str | None:
        """The URL of a page of this language, from its normalised source path."""
        return self.urls.get(src)


@dataclass(frozen=True)
class Settings:
    """The plugin options the outputs read."""

    lessons_dir: str = "lessons"
    legal_page: str = "legal.md"
    asset_dir: str = "assets/canhgiac"
    handbook_filenames: Mapping[str, str] = field(default_factory=dict)
    site_url: str = ""
    theme_color: str = "#4051b5"


@dataclass
class BuiltSite:
    """The site being written: its folder, the content, the settings, the languages (the default first)."""

    folder: Path
    project: Project
    settings: Settings
    languages: dict[str, Language]
    running: frozenset[str] = frozenset()   # names of the outputs this build runs
    date: dt.datetime | None = None         # the build's date (from the content, never the clock)
    products: dict[str, dict[str, str]] = field(default_factory=dict)  # output -> language -> site path it wrote

    @property
    def default(self) -> Language:
        """The default language."""
        return next(iter(self.languages.values()))

    @property
    def catalogs(self) -> dict[str, Mapping[str, str]]:
        """Every language's interface strings (its catalog, with the project's overrides), by language code."""
        return {code: lang.ui for code, lang in self.languages.items()}

    @property
    def last(self) -> str:
        """The code of the language built last."""
        return list(self.languages)[-1]

    def lesson_pages(self, lang: str, what: str = "url") -> dict[str, str]:
        """Lesson id -> the URL (or, with what="dest", the file) of its page in `lang`."""
        return {page.lesson: getattr(page, what) for page in self.languages[lang].pages.values() if page.lesson}


@dataclass(frozen=True)
class Written:
    """A file an output wrote, for the build log."""

    path: Path
    size: int
    pages: int | None = None


class OutputError(Exception):
    """An output could not be written; the message says what to do (a content problem is a ContentError)."""


class Output:
    """An output written after the pages. `name` is its plugin option prefix (`<name>_enabled`, `<name>_on_serve`)."""

    name = ""
    title = ""             # what the log calls it
    on_serve = True        # whether `mkdocs serve` runs it unless `<name>_on_serve` says otherwise

    def language(self, site: BuiltSite, lang: Language) -> list[Written]:
        """Write what this output makes of one language, once its pages are written."""
        return []

    def finish(self, site: BuiltSite) -> list[Written]:
        """Write what needs every language; called once, after the last."""
        return []

    def template_data(self, site: BuiltSite, lang: Language, template: str, page_url: str) -> dict:
        """What the page templates show of this output (links, listings), keyed for `cg`."""
        return {}

    def close(self) -> None:
        """Stop any work still running (the build failed)."""


def load_outputs(names: tuple[str, ...] = OUTPUTS, keep: Callable[[str], bool] = lambda name: True) -> list[Output]:
    """Instantiate the listed outputs whose option name `keep` accepts, in order."""
    found = []
    for spec in names:
        module, _, cls = spec.partition(":")
        output = getattr(importlib.import_module(module), cls)()
        if keep(output.name):
            found.append(output)
    return found


def relative_url(url: str, page_url: str) -> str:
    """`url` (from the site root) as seen from the page at `page_url` (as MkDocs' get_relative_url)."""
    parts = posixpath.split(page_url)
    base = parts[0] if "." in parts[1] else page_url
    rel = posixpath.relpath("/" + url, "/" + base)
    return rel + "/" if url.endswith("/") else rel


def describe(what: str, written: list[Written], shown: list[str]) -> str:
    """A log line for what an output wrote: each file when one or two, else how many, where and how large."""
    def size(n: int) -> str:
        return f"{n / 1e6:.1f} MB" if n >= 100_000 else f"{n / 1e3:.0f} kB"

    if len(written) <= 2:
        return "; ".join(f"{path}, " + (f"{w.pages} pages, " if w.pages else "") + size(w.size)
                         for w, path in zip(written, shown, strict=True)).join((f"{what}: ", ""))
    folders = [posixpath.dirname(path) for path in shown]
    return f"{what}: {len(written)} files in {posixpath.commonpath(folders)}/, {size(sum(w.size for w in written))}"
