"""Lessons: Markdown files with YAML front matter, one per language."""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from canhgiac.content.cards import CardSet, check_languages, parse_lesson_card_sets
from canhgiac.content.loader import read_text
from canhgiac.content.schema import check, jsonable
from canhgiac.errors import Collector
from canhgiac.yamlsrc import YamlProblem, load, split_front_matter

FENCE = re.compile(r"^(?P<indent>[ \t]*)(?P<fence>`{3,}|~{3,})[ \t]*(?P<lang>[\w-]*)")
# Fields that must be identical in every language of a lesson.
SHARED = ("id", "order", "duration", "laws", "quiz", "reviewed")
# Lists that are translated item by item, so their lengths must agree.
PARALLEL = ("objectives", "audience", "materials")


@dataclass(frozen=True)
class Fence:
    """A fenced block in a lesson body, with its 1-based line in the file."""

    lang: str
    body: str  # dedented; surrounding blank lines removed
    line: int  # the opening fence
    body_line: int = 0  # the body's first line
    indent: str = ""


@dataclass
class LessonFile:
    """One language version of a lesson."""

    path: Path
    lang: str
    meta: dict[str, Any]
    body: str
    body_line: int
    lines: Any = None
    fences: list[Fence] = field(default_factory=list)
    card_sets: list[CardSet] = field(default_factory=list)
    card_sets_broken: bool = False

    def line(self, *key: Any) -> int:
        """Return the file line of a front-matter field."""
        return self.lines.line(*key) if self.lines else 1


@dataclass
class Lesson:
    """A lesson in every language."""

    id: str
    versions: dict[str, LessonFile]

    @property
    def order(self) -> int:
        """Position in the curriculum."""
        return next(iter(self.versions.values())).meta["order"]

    def meta(self, lang: str) -> dict[str, Any]:
        """Return the front matter of one language."""
        return self.versions[lang].meta


def scan_fences(body: str, first_line: int) -> list[Fence]:
    """Find fenced blocks (any indent) in a Markdown body."""
    fences: list[Fence] = []
    lines = body.splitlines()
    i = 0
    while i < len(lines):
        m = FENCE.match(lines[i])
        if not m:
            i += 1
            continue
        marker, start, indent = m.group("fence"), i, m.group("indent")
        content = []
        i += 1
        while i < len(lines) and not lines[i].strip().startswith(marker):
            content.append(lines[i][len(indent):] if lines[i].startswith(indent) else lines[i].lstrip())
            i += 1
        lead = next((n for n, text in enumerate(content) if text.strip()), len(content))
        body = textwrap.dedent("\n".join(content[lead:])).rstrip()
        fences.append(Fence(m.group("lang"), body, first_line + start, first_line + start + 1 + lead, indent))
        i += 1
    return fences


def read_lesson(path: Path, langs: list[str], out: Collector) -> LessonFile | None:
    """Read one lesson file; record problems; return None when unusable."""
    parts = path.name.split(".")
    if len(parts) != 3 or parts[2] != "md" or parts[1] not in langs:
        out.add(path, None, "a lesson file must be named <id>.<language>.md",
                f"languages are: {', '.join(langs)}; e.g. trafficking-signs.{langs[0]}.md")
        return None
    text = read_text(path, out)
    if text is None:
        return None
    raw, body, body_line = split_front_matter(text)
    if raw is None:
        out.add(path, 1, "the lesson has no front matter" if text.strip() else "the lesson file is empty",
                "start the file with a '---' block (see docs/readme/editing.md, 'Add or change a lesson')")
        return None
    if not any(line.strip() in ("---", "...") for line in text.splitlines()[1:]):
        out.add(path, len(text.splitlines()), "the front matter is never closed (the file may be cut short)",
                "end the front matter with a line '---', then write the lesson")
        return None
    try:
        located = load(raw, offset=1)
    except YamlProblem as exc:
        out.add(path, exc.line, exc.message, exc.hint or "check indentation, colons and quotes on this line or the one before")
        return None
    if not isinstance(located.data, dict):
        out.add(path, 2, "the front matter must be a mapping of fields", "see the lesson schema")
        return None
    lesson = LessonFile(path, parts[1], located.data, body, body_line, located)
    if not check(located, "lesson", path, out):
        return None
    if located.data["id"] != parts[0]:
        out.add(path, lesson.line("id"), f"the id '{located.data['id']}' does not match the file name '{parts[0]}'",
                f"use id: {parts[0]}, or rename the file")
    lesson.fences = scan_fences(body, body_line)
    lesson.card_sets, lesson.card_sets_broken = parse_lesson_card_sets(path, lesson.fences, out)
    return lesson


def load_lessons(folder: Path, langs: list[str], out: Collector) -> dict[str, Lesson]:
    """Load every lesson in `folder`, check ids, translations and shared fields."""
    files = sorted(folder.glob("*.md")) if folder.is_dir() else []
    if not files:
        out.add(folder, None, "no lessons found", "add lessons as <id>.<language>.md")
    seen: dict[tuple[str, str], LessonFile] = {}
    broken: set[str] = set()  # lessons with a file too broken to read: its own errors are reported
    lessons: dict[str, Lesson] = {}
    for path in files:
        lf = read_lesson(path, langs, out)
        if lf is None:
            broken.add(path.name.split(".")[0])
            continue
        key = (lf.meta["id"], lf.lang)
        if key in seen:
            out.add(path, lf.line("id"), f"duplicate lesson id '{lf.meta['id']}'",
                    f"{out.rel(seen[key].path)} already uses it; give each lesson its own id")
            continue
        seen[key] = lf
        lessons.setdefault(path.name.split(".")[0], Lesson(path.name.split(".")[0], {})).versions[lf.lang] = lf
    for lesson in lessons.values():
        if lesson.id not in broken:
            _check_translations(lesson, langs, out)
    orders: dict[int, str] = {}
    for lesson in sorted(lessons.values(), key=lambda lesson: lesson.id):
        first = next(iter(lesson.versions.values()))
        other = orders.setdefault(first.meta["order"], lesson.id)
        if other != lesson.id:
            out.add(first.path, first.line("order"), f"order {first.meta['order']} is also used by lesson '{other}'",
                    "give each lesson its own position")
    return lessons


def _check_translations(lesson: Lesson, langs: list[str], out: Collector) -> None:
    present = lesson.versions
    some = next(iter(present.values()))
    for lang in langs:
        if lang not in present:
            expected = some.path.with_name(f"{lesson.id}.{lang}.md")
            out.add(some.path, None, f"the lesson has no '{lang}' translation: {out.rel(expected)} is missing",
                    "every lesson must exist in every site language; the site never falls back silently")
    base = present.get(langs[0], some)
    for lf in present.values():
        if lf is base:
            continue
        for key in SHARED:
            if jsonable(lf.meta.get(key)) != jsonable(base.meta.get(key)):
                out.add(lf.path, lf.line(key), f"'{key}' differs from {out.rel(base.path)}",
                        f"'{key}' must be the same in every language")
        for key in PARALLEL:
            a, b = lf.meta.get(key) or [], base.meta.get(key) or []
            if len(a) != len(b):
                out.add(lf.path, lf.line(key), f"'{key}' has {len(a)} items but {out.rel(base.path)} has {len(b)}",
                        "translate item by item")
    if not any(lf.card_sets_broken for lf in present.values()):
        check_languages({lang: lf.card_sets for lang, lf in present.items()},
                        {lang: lf.path for lang, lf in present.items()}, base.lang, out)


def review_age(lesson: Lesson, today: dt.date) -> int:
    """Days since the lesson's facts were reviewed."""
    reviewed = next(iter(lesson.versions.values())).meta["reviewed"]
    if isinstance(reviewed, str):
        reviewed = dt.date.fromisoformat(reviewed)
    return (today - reviewed).days
