"""The editors' content report: lessons (size, review age, notes, laws), quiz-design warnings, unsourced statements.

Run it with `scripts/report` (or `python -m canhgiac.report`). It reads the same sources as the build and needs no
MkDocs. The quiz-design lints are `canhgiac.quiz.lint`; the statements without a source, `canhgiac.sources`.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from canhgiac import sources
from canhgiac.content.project import Paths, Project, load_project
from canhgiac.errors import ContentError
from canhgiac.quiz.lint import quiz_stats, quiz_warnings
from canhgiac.yamlsrc import split_front_matter


@dataclass
class LessonReport:
    """What the report says about one lesson."""

    id: str
    order: int
    title: str
    words: dict[str, int]
    reviewed: dt.date
    days_left: int
    notes: list[str]
    laws: list[tuple[str, str]]  # (law id, status)
    quiz_kinds: Counter = field(default_factory=Counter)


def words(text: str) -> int:
    """Words as `wc -w` counts them (a Vietnamese syllable is a word)."""
    return len(text.split())


def lesson_reports(project: Project, today: dt.date, max_age: int) -> list[LessonReport]:
    """One report per lesson, in curriculum order."""
    reports = []
    for lesson in project.ordered_lessons():
        first = lesson.versions[project.langs[0]]
        reviewed = first.meta["reviewed"]
        notes = [note for lang in project.langs for note in lesson.versions[lang].meta.get("editor_notes", [])]
        bank = project.banks.get(first.meta.get("quiz", ""))
        reports.append(LessonReport(
            id=lesson.id, order=lesson.order, title=first.meta["title"],
            words={lang: words(v.body) for lang, v in lesson.versions.items()},
            reviewed=reviewed, days_left=max_age - (today - reviewed).days, notes=notes,
            laws=[(law, project.laws[law].status if law in project.laws else "unknown") for law in first.meta["laws"]],
            quiz_kinds=Counter(q.kind for q in bank.questions) if bank else Counter(),
        ))
    return reports


def render(project: Project, today: dt.date) -> tuple[str, int]:
    """The report as text, and the number of warnings in it."""
    root = project.paths.root
    max_age = project.locality.review_max_age_days
    lines = [f"Content report, {today.isoformat()} ({len(project.lessons)} lessons, {len(project.banks)} quiz banks)", ""]
    for r in lesson_reports(project, today, max_age):
        size = ", ".join(f"{lang} {n}" for lang, n in r.words.items())
        due = f"{r.days_left} days left" if r.days_left >= 0 else f"OVERDUE by {-r.days_left} days"
        lines.append(f"{r.order:>2}. {r.id}: {r.title}")
        lines.append(f"    words: {size}; reviewed {r.reviewed.isoformat()} ({due})")
        lines.append("    laws: " + (", ".join(f"{law} ({status})" for law, status in r.laws) or "none"))
        kinds = ", ".join(f"{kind} {n}" for kind, n in sorted(r.quiz_kinds.items()))
        lines.append(f"    quiz: {kinds or 'none'}")
        lines.append(f"    editors' notes: {len(r.notes)}")
        lines += [f"      - {note}" for note in r.notes]
    lines += ["", "Quiz statistics (all banks):"]
    lines += quiz_stats([project.banks[k] for k in sorted(project.banks)], project.langs).lines()
    warnings = quiz_warnings(project)
    lines += ["", f"Quiz-design warnings: {len(warnings)}"]
    lines += [f"  {w.format(root)}" for w in warnings]
    unsourced = source_lines(project)
    lines += unsourced
    return "\n".join(lines) + "\n", len(warnings) + unsourced_count(unsourced)


# -- statements without a source (canhgiac.sources) -----------------------------------------------------------
UNSOURCED_HEAD = "Statements without a source: "


def unsourced_statements(project: Project, docs: Path | None = None) -> dict[str, list[tuple[Path, sources.Unsourced]]]:
    """Per lesson (and docs page), its statements that name an article, penalty, date or number without a source.

    A lesson's entry holds its text in every language, its leaflet texts and its quiz's explanations and feedback.
    """
    found: dict[str, list[tuple[Path, sources.Unsourced]]] = {}
    for lesson in project.ordered_lessons():
        entries = found.setdefault(lesson.id, [])
        for lf in lesson.versions.values():
            entries += [(lf.path, s) for s in sources.unsourced(lf.body, lf.body_line)]
            leaflet = lf.meta.get("leaflet") or {}
            for i, text in enumerate(leaflet.get("messages", [])):
                entries += [(lf.path, s) for s in sources.unsourced_text(text, lf.line("leaflet", "messages", i))]
        bank = project.banks.get(next(iter(lesson.versions.values())).meta.get("quiz") or "")
        for q in bank.questions if bank else ():
            for _, text, line in q.texts:
                entries += [(bank.path, s) for s in sources.unsourced_text(text, line)]
    lessons = project.paths["lessons"].resolve()
    excluded = _excluded_docs(docs) if docs is not None else None
    for page in sorted(docs.rglob("*.md")) if docs is not None and docs.is_dir() else ():
        if page.resolve().is_relative_to(lessons) or (excluded and excluded.match_file(page.relative_to(docs).as_posix())):
            continue  # lessons are counted above; pages left out of the site (exclude_docs) are no statements
        _, body, first = split_front_matter(page.read_text(encoding="utf-8-sig"))
        page_found = [(page, s) for s in sources.unsourced(body, first)]
        if page_found:
            found[page.relative_to(docs).as_posix()] = page_found
    return found


def source_lines(project: Project) -> list[str]:
    """The report's section on statements without a source: per lesson and page, each with file:line."""
    root = project.paths.root
    found = unsourced_statements(project, docs_folder(root))
    total = sum(len(entries) for entries in found.values())
    lines = ["", f"{UNSOURCED_HEAD}{total}"]
    if total:
        lines.append("  (a statement naming an article, penalty, date or document number needs a source marker "
                     "such as [[penal-code 150]]; see docs/readme/editing.md)")
    for name, entries in found.items():
        if not entries:
            continue
        lines.append(f"  {name}: {len(entries)}")
        for path, s in entries:
            rel = path.resolve().relative_to(root.resolve()).as_posix() if path.resolve().is_relative_to(
                root.resolve()) else path.as_posix()
            lines.append(f"    {rel}:{s.line}: [{', '.join(s.kinds)}] {s.short()}")
    return lines


def unsourced_count(lines: list[str]) -> int:
    """The number of statements without a source, from the section's lines."""
    head = next((line for line in lines if line.startswith(UNSOURCED_HEAD)), UNSOURCED_HEAD + "0")
    return int(head.removeprefix(UNSOURCED_HEAD))


def docs_folder(root: Path) -> Path | None:
    """The docs folder named in mkdocs.yml (docs/ by default), or None without one."""
    path = root / "mkdocs.yml"
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Lenient) if path.is_file() else None
    folder = root / ((config or {}).get("docs_dir") or "docs")
    return folder if folder.is_dir() else None


def _excluded_docs(docs: Path):
    """The docs pages mkdocs.yml's `exclude_docs` leaves out of the site (gitignore patterns), as a matcher."""
    import pathspec

    path = docs.parent / "mkdocs.yml"
    config = yaml.load(path.read_text(encoding="utf-8"), Loader=_Lenient) if path.is_file() else None
    patterns = (config or {}).get("exclude_docs") or ""
    return pathspec.GitIgnoreSpec.from_lines(patterns.splitlines()) if patterns.strip() else None


class _Lenient(yaml.SafeLoader):
    """Reads mkdocs.yml, whose `!!python/name:` tags the report does not need."""


_Lenient.add_multi_constructor("", lambda loader, suffix, node: None)


def settings(root: Path) -> tuple[Paths, list[str]]:
    """Content paths (the plugin's options) and languages (static-i18n's, default first) from mkdocs.yml."""
    config = yaml.load((root / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Lenient) or {}
    options: dict = {}
    langs: list[str] = []
    for plugin in config.get("plugins") or []:
        name, opts = next(iter(plugin.items())) if isinstance(plugin, dict) else (plugin, {})
        if name == "canhgiac":
            options = opts or {}
        elif name == "i18n":
            found = [lang for lang in (opts or {}).get("languages", []) if lang.get("build", True)]
            langs = [lang["locale"] for lang in sorted(found, key=lambda lang: not lang.get("default"))]
    paths = Paths(root, options.get("lessons_dir", "lessons"), options.get("quizzes_dir", "quizzes"),
                  options.get("laws_file", "laws.yml"), options.get("locality_file", "locality.yml"))
    return paths, langs or [(config.get("theme") or {}).get("language", "en")]


def main(argv: list[str] | None = None) -> int:
    """Print the report; exit 1 when there are quiz-design warnings (with --strict) or the content has errors."""
    parser = argparse.ArgumentParser(prog="scripts/report", description=__doc__.splitlines()[0])
    parser.add_argument("root", nargs="?", default=".", help="the project folder (with mkdocs.yml)")
    parser.add_argument("--strict", action="store_true", help="exit 1 when there is any quiz-design warning")
    parser.add_argument("--today", type=dt.date.fromisoformat, default=None, help="date to count review age from")
    args = parser.parse_args(argv)
    root = Path(args.root).resolve()
    today = args.today or dt.date.today()
    try:
        paths, langs = settings(root)
        project = load_project(paths, langs, today=today)
    except ContentError as exc:
        sys.stderr.write(f"{exc}\n")
        return 2
    text, count = render(project, today)
    sys.stdout.write(text)
    return 1 if args.strict and count else 0


if __name__ == "__main__":
    sys.exit(main())
