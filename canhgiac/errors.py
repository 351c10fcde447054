"""Editor-facing errors: each names a file, a line and what to do."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True)
class Problem:
    """One mistake in the content, reported compiler-style."""

    path: str
    line: int | None
    message: str
    hint: str = ""

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        text = f"{where}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text


class ContentError(Exception):
    """Raised with every problem found, so an editor can fix them in one go."""

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in the content:"
        super().__init__("\n".join([head, *(str(p) for p in self.problems)]))


@dataclass
class Collector:
    """Collect problems while loading; raise them all at the end."""

    root: Path
    problems: list[Problem] = field(default_factory=list)

    def rel(self, path: Path | str) -> str:
        """Return a path relative to the project root, as editors see it."""
        path = Path(path)
        # A link is named as the editor sees it (its folder resolved: docs/lessons/x.md is lessons/x.md)
        resolved = path.absolute().parent.resolve() / path.name if path.is_symlink() else path.resolve()
        try:
            return resolved.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def add(self, path: Path | str, line: int | None, message: str, hint: str = "") -> None:
        """Record one problem."""
        self.problems.append(Problem(self.rel(path), line, message, hint))

    def raise_if_any(self) -> None:
        """Raise a ContentError if anything was recorded."""
        if self.problems:
            raise ContentError(self.problems)
