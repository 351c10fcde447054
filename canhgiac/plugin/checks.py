"""Checks on what MkDocs hands the plugin: its options, the page files, their translations, their links."""

from __future__ import annotations

import difflib
import json
import re
from pathlib import Path

from canhgiac import cite
from canhgiac.content.loader import read_text
from canhgiac.content.safety import source_line, unsafe_html
from canhgiac.errors import Collector
from canhgiac.plugin import links

LANG_SUFFIX = re.compile(r"\.([a-z]{2,3})\.md$")


def norm(src_uri: str) -> str:
    """'lessons/x.vi.md' -> 'lessons/x.md', so every language shares one key."""
    return LANG_SUFFIX.sub(".md", src_uri)


def explain_options(errors, warnings, schema: dict, config_file_path: str | None):
    """Point each problem with the plugin's options at its line in mkdocs.yml, with advice."""
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

    fixed_errors = []
    for key, message in errors:
        default = getattr(schema.get(key), "default", None)
        hint = f"for example `{key}: {json.dumps(default, ensure_ascii=False)}` (the default); " if key in schema else ""
        fixed_errors.append((key, f"{where(key)}: {message}\n    hint: {hint}the options: docs/readme/developing.md"))
    fixed_warnings = []
    for key, message in warnings:
        if "Unrecognised configuration name" in message:
            close = difflib.get_close_matches(key, list(schema), n=1)
            hint = f"did you mean '{close[0]}'?" if close else "remove it; the options are listed in docs/readme/developing.md"
            message = f"{where(key)}: unknown option '{key}' of the canhgiac plugin\n    hint: {hint}"
        fixed_warnings.append((key, message))
    return fixed_errors, fixed_warnings


def check_page_sources(pages, out: Collector) -> None:
    """Every page must be readable UTF-8 text, before MkDocs reads it (a decoding error would be a traceback)."""
    for f in pages:
        if f.abs_src_path and not f.generated_by:
            read_text(Path(f.abs_src_path), out)


def check_page_translations(pages, langs: list[str], out: Collector) -> None:
    """Every page of docs/ exists in every site language (static-i18n would quietly fall back to the default)."""
    if len(langs) < 2:
        return
    by_page: dict[str, dict[str, object]] = {}
    for f in pages:
        m = LANG_SUFFIX.search(f.src_uri)
        if m and m.group(1) in langs:
            by_page.setdefault(norm(f.src_uri), {})[m.group(1)] = f
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


def check_page_links(pages, found: dict[str, list[links.Link]], anchors: dict[str, set[str]], out: Collector) -> None:
    """Every internal link of these pages leads to a page of the same language, and its anchor exists."""
    for f in pages:
        for link in found.get(f.src_uri, []):
            if not norm(link.target.split("#")[0]).endswith(".md") and link.target.split("#")[0]:
                continue
            problem = links.resolve(link, anchors, norm)
            if problem:
                out.add(f.abs_src_path, link.line, problem, "fix the path or the heading it points to")


def report_unsafe(found: list[tuple[str, int | None, str]], out: Collector) -> None:
    """Raw HTML that could run code (script, event handlers…) found in pages: each with its file and line."""
    for path, line, what in found:
        out.add(path, line, f"the page contains {what}",
                "lessons and pages hold text, not code: remove it (the site's own scripts are added by the theme); "
                "to show code as an example, put it in a ``` fence")


class PageChecks:
    """What one language's pages are checked for once all are rendered: links, anchors, unsafe HTML."""

    def __init__(self):
        self.links: dict[str, list[links.Link]] = {}
        self.anchors: dict[str, set[str]] = {}
        self.unsafe: list[tuple[str, int | None, str]] = []
        self.marked: list[tuple] = []  # pages with source markers to check (lessons' are checked with the content)

    def markdown(self, file, markdown: str, laws: dict | None = None) -> None:
        """Collect a page's links, with their lines in the source file; check its source markers against `laws`."""
        first = links.body_line(file.abs_src_path)
        self.links[file.src_uri] = links.find_links(file.src_uri, markdown, first)
        if laws is not None and "[[" in markdown:
            self.marked.append((markdown, first, laws, file.abs_src_path or file.src_uri))

    def content(self, file, html: str, extra_anchors: set[str] = frozenset()) -> None:
        """Record a page's anchors (and those its template adds) and any unsafe HTML in it."""
        for what, needle in unsafe_html(html):
            source = Path(file.abs_src_path).read_text(encoding="utf-8-sig") if file.abs_src_path else ""
            self.unsafe.append((file.abs_src_path or file.src_uri, source_line(source, needle), what))
        self.anchors[norm(file.src_uri)] = links.anchors(html) | set(extra_anchors)

    def check(self, pages, out: Collector) -> None:
        """Add every problem found to `out`, then forget this language's pages (the next one collects its own)."""
        report_unsafe(self.unsafe, out)
        for text, first, laws, path in self.marked:
            cite.check_text(text, first, laws, path, out)
        check_page_links(pages, self.links, self.anchors, out)
        self.__init__()
