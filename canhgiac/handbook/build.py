"""Build a handbook: compose, check the fonts, render; optionally in a worker process while the next language builds."""

from __future__ import annotations

import datetime as dt
import multiprocessing
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import tinyhtml5

from canhgiac.content.project import Project
from canhgiac.errors import ContentError, Problem
from canhgiac.handbook.compose import SourcePage, compose, stylesheet
from canhgiac.handbook.fonts import check_coverage, find_faces, font_face_css, text_by_source
from canhgiac.handbook.pdf import render_pdf


@dataclass(frozen=True)
class HandbookResult:
    """What was written."""

    path: Path
    pages: int
    size: int


def _render(html: str, target: Path, base_url: str, where: str, date: dt.datetime | None) -> int | list[Problem]:
    """Render one PDF; return its page count, or the problems (a ContentError does not survive pickling)."""
    try:
        return render_pdf(html, target, base_url=base_url, where=where, date=date)
    except ContentError as exc:
        return exc.problems


class HandbookBuilder:
    """Build the handbook of each language; a background render overlaps the next language's build (2 cores)."""

    def __init__(self):
        self._pool: ProcessPoolExecutor | None = None
        self._pending: list[tuple[Path, Future]] = []

    def close(self) -> None:
        """Stop the background worker, if any (after a failure, or when every result is in)."""
        if self._pool is not None:
            _stop(self._pool)
            self._pool = None
        self._pending.clear()

    def build(self, project: Project, lang: str, pages: dict[str, SourcePage], target: Path, *,
              background: bool = False, date: dt.datetime | None = None, **options) -> list[HandbookResult]:
        """Compose and check the handbook of `lang` now; render it in the background or now.

        A render in the foreground also collects the background ones: it returns every result, or raises one
        ContentError with every problem; `date` dates the PDFs. `pages` maps normalised source paths ('lessons/x.md', 'guide.md',
        'glossary.md', 'index.md', 'legal.md') to this language's rendered pages; `options` go to compose().
        """
        try:
            faces = find_faces()
            html = compose(project, lang, pages, font_face_css(faces), **options)
            tree = tinyhtml5.parse(html, namespace_html_elements=False)
            check_coverage(text_by_source(tree), faces, extra=stylesheet(), root=project.paths.root)
        except ContentError:
            self.close()
            raise
        job = (html, target, str(project.paths.root), f"handbook ({lang})", date)
        if background:
            if self._pool is None:  # spawn, not fork: the parent may already hold Pango/GLib state
                self._pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"))
            self._pending.append((target, self._pool.submit(_render, *job)))
            return []
        outcomes = [(target, _render(*job))]
        outcomes += [(path, future.result()) for path, future in self._pending]
        self._pending.clear()
        self.close()
        problems = [p for _, outcome in outcomes if isinstance(outcome, list) for p in outcome]
        if problems:
            raise ContentError(problems)
        return [HandbookResult(path, count, path.stat().st_size) for path, count in outcomes]


def _stop(pool: ProcessPoolExecutor) -> None:
    """Stop a background render at once: a failed build must not leave a worker holding the console open."""
    for process in list(getattr(pool, "_processes", {}).values()):
        process.terminate()
    pool.shutdown(wait=False, cancel_futures=True)


def build_handbook(project: Project, lang: str, pages: dict[str, SourcePage], target: Path,
                   **options) -> HandbookResult:
    """Compose, check and render the handbook of one language to `target`; raise ContentError on any problem."""
    return HandbookBuilder().build(project, lang, pages, target, **options)[0]
