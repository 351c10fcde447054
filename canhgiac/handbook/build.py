"""Build a handbook: compose, check the fonts, render; the renders run in worker processes meanwhile."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from canhgiac.content.project import Project
from canhgiac.errors import ContentError, Problem
from canhgiac.handbook.compose import SourcePage, compose, stylesheet
from canhgiac.handbook.fonts import check_coverage, fit_fonts
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
    """Build the handbook of each language; renders run in worker processes while the site build goes on.

    Composing and checking a handbook is quick and happens at once (its problems are raised at once); the
    render, the slow part, is submitted to a pool of at most one worker per core. `results()` waits for them.
    """

    def __init__(self, workers: int | None = None):
        self.workers = workers or max(1, min(2, os.cpu_count() or 1))
        self._pool: ProcessPoolExecutor | None = None
        self._pending: list[tuple[Path, Future]] = []

    def close(self) -> None:
        """Stop the workers, if any (after a failure, or when every result is in)."""
        if self._pool is not None:
            _stop(self._pool)
            self._pool = None
        self._pending.clear()

    def submit(self, project: Project, lang: str, pages: dict[str, SourcePage], target: Path, *,
               date: dt.datetime | None = None, **options) -> None:
        """Compose and check the handbook of `lang` now (raising ContentError); render it in a worker.

        `pages` maps normalised source paths ('lessons/x.md', 'guide.md', 'glossary.md', 'index.md', 'legal.md')
        to this language's rendered pages; `date` dates the PDF; `options` go to compose().
        """
        try:
            html, texts, faces = fit_fonts(lambda fonts: compose(project, lang, pages, fonts, **options))
            check_coverage(texts, faces, extra=stylesheet(), root=project.paths.root)
        except ContentError:
            self.close()
            raise
        if self._pool is None:  # spawn, not fork: the parent may already hold Pango/GLib state
            self._pool = ProcessPoolExecutor(max_workers=self.workers,
                                             mp_context=multiprocessing.get_context("spawn"))
        job = (html, target, str(project.paths.root), f"handbook ({lang})", date)
        self._pending.append((target, self._pool.submit(_render, *job)))

    @property
    def pending(self) -> bool:
        """Whether renders were submitted and not collected yet."""
        return bool(self._pending)

    def results(self) -> list[HandbookResult]:
        """Wait for every render submitted; return what was written, or raise one ContentError with every problem."""
        try:
            outcomes = [(path, future.result()) for path, future in self._pending]
        finally:
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

