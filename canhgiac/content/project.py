"""Load the whole content of a project and check how its parts refer to each other."""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from canhgiac import cite
from canhgiac.content.laws import Law, load_laws
from canhgiac.content.lessons import Lesson, load_lessons, review_age
from canhgiac.content.locality import Locality, load_locality
from canhgiac.content.outreach import check_outreach
from canhgiac.errors import Collector, Problem
from canhgiac.quiz.model import Bank, load_banks

QUIZ_FENCE = "quiz"


@dataclass
class Paths:
    """Where a project keeps its content, relative to its root."""

    root: Path
    lessons: str = "lessons"
    quizzes: str = "quizzes"
    laws: str = "laws.yml"
    locality: str = "locality.yml"

    def __getitem__(self, name: str) -> Path:
        return self.root / getattr(self, name)

    def fingerprint(self) -> tuple:
        """Names, sizes and modification times of every content file (to reload only what changed)."""
        found = []
        for name in ("lessons", "quizzes", "laws", "locality"):
            root = self[name]
            for f in sorted(root.rglob("*")) if root.is_dir() else [root]:
                if f.is_file():
                    st = f.stat()
                    found.append((str(f), st.st_size, st.st_mtime_ns))
        return tuple(found)


@dataclass
class Project:
    """Everything the site and the handbook are made from, validated."""

    paths: Paths
    langs: list[str]
    laws: dict[str, Law]
    locality: Locality
    lessons: dict[str, Lesson]
    banks: dict[str, Bank]
    warnings: list[Problem] = field(default_factory=list)

    def ordered_lessons(self) -> list[Lesson]:
        """Lessons in curriculum order."""
        return sorted(self.lessons.values(), key=lambda lesson: lesson.order)


def source_date(project: Project | None, use_env: bool = True) -> dt.datetime:
    """The date a build is stamped with: SOURCE_DATE_EPOCH when set, else the newest lesson review (UTC midnight).

    Never the clock, so two builds of the same sources are byte-identical (reproducible-builds.org convention).
    """
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip() if use_env else ""
    if epoch.isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC)
    newest = dt.date(1970, 1, 1)
    for lesson in project.lessons.values() if project is not None else ():
        for lf in lesson.versions.values():
            reviewed = lf.meta.get("reviewed")
            if isinstance(reviewed, str):
                reviewed = dt.date.fromisoformat(reviewed)
            if isinstance(reviewed, dt.datetime):
                reviewed = reviewed.date()
            if isinstance(reviewed, dt.date) and reviewed > newest:
                newest = reviewed
    return dt.datetime(newest.year, newest.month, newest.day, tzinfo=dt.UTC)


def load_project(paths: Paths, langs: list[str], today: dt.date | None = None) -> Project:
    """Load and cross-check all content; raise ContentError listing every problem."""
    out = Collector(paths.root)
    laws = load_laws(paths["laws"], out, langs)
    known_laws = laws is not None  # when laws.yml is broken, its own errors say so: skip the cascade
    laws = laws or {}
    locality = load_locality(paths["locality"], out, langs)
    lessons = load_lessons(paths["lessons"], langs, out)
    banks = load_banks(paths["quizzes"], out, langs)
    warn = Collector(paths.root)
    broken = {p.stem for p in paths["quizzes"].glob("*.yml")} - set(banks)
    _check_lessons(lessons, laws, known_laws, banks, broken, out, warn, locality, today or dt.date.today())
    _check_banks(banks, laws if known_laws else None, out)
    if known_laws:
        _check_markers(lessons, banks, laws, out)
    out.raise_if_any()
    for lesson in lessons.values():  # line maps are only needed while checking: free them on a large curriculum
        for lf in lesson.versions.values():
            lf.lines = None
    return Project(paths, langs, laws, locality, lessons, banks, warn.problems)


def _check_lessons(lessons, laws, known_laws: bool, banks, broken: set[str], out: Collector, warn: Collector,
                   locality, today) -> None:
    for lesson in lessons.values():
        for lf in lesson.versions.values():
            meta = lf.meta
            for j, law_id in enumerate(meta.get("laws", [])):
                if law_id not in laws and known_laws:
                    out.add(lf.path, lf.line("laws", j), f"unknown law '{law_id}'",
                            "use an id from laws.yml, or add the document there with its source")
                elif law_id in laws and laws[law_id].replaced:
                    warn.add(lf.path, lf.line("laws", j),
                             f"lesson '{lesson.id}' cites '{law_id}', which was replaced by '{laws[law_id].replaced_by}'",
                             "re-check the lesson against the law in force")
            quiz = meta.get("quiz")
            fences = [f for f in lf.fences if f.lang == QUIZ_FENCE]
            if quiz in broken:  # its own errors are reported already
                continue
            if quiz and quiz not in banks:
                out.add(lf.path, lf.line("quiz"), f"the quiz bank '{quiz}' does not exist",
                        f"create quizzes/{quiz}.yml or fix the id")
            for fence in fences:
                if fence.body in broken:
                    continue
                if fence.body not in banks:
                    out.add(lf.path, fence.line, f"the quiz fence names '{fence.body}', which does not exist",
                            "the fence body is the id of a bank in quizzes/")
                elif fence.body != quiz:
                    out.add(lf.path, fence.line, f"the quiz fence names '{fence.body}' but the front matter says "
                            f"quiz: {quiz}", "embed the lesson's own bank")
            if quiz and not fences:
                out.add(lf.path, lf.line("quiz"), f"the front matter names quiz '{quiz}' but the lesson never embeds it",
                        f"add a ```quiz fence with the body '{quiz}'")
            if quiz in banks:
                if lesson.id not in banks[quiz].used_by:
                    banks[quiz].used_by.append(lesson.id)
        if lesson.versions:
            check_outreach(lesson, out)
        if locality and lesson.versions:
            first = next(iter(lesson.versions.values()))
            age = review_age(lesson, today)
            if age > locality.review_max_age_days:
                warn.add(first.path, first.line("reviewed"),
                         f"lesson '{lesson.id}' was last reviewed {age} days ago "
                         f"(limit {locality.review_max_age_days} in locality.yml)",
                         "re-check its facts and update 'reviewed'")


def _check_banks(banks: dict[str, Bank], laws: dict[str, Law] | None, out: Collector) -> None:
    for bank in banks.values():
        if not bank.used_by:
            out.add(bank.path, 1, f"no lesson uses the quiz bank '{bank.id}'",
                    f"name it in a lesson's front matter (quiz: {bank.id}) and embed it, or delete the file")
        for q in bank.questions:
            if q.cite and laws is not None and q.cite["law"] not in laws:
                out.add(bank.path, q.line, f"question '{q.id}' cites unknown law '{q.cite['law']}'",
                        "use an id from laws.yml")
            elif q.cite and laws is not None and q.cite.get("article"):
                law, article = laws[q.cite["law"]], q.cite["article"].split(".")[0]
                # Checked once the law lists its articles (laws.yml); until then scripts/report lists the cite.
                if law.articles and article not in law.articles:
                    out.add(bank.path, q.cite_line, f"question '{q.id}' cites article {article} of '{law.id}', "
                            "which is not listed in laws.yml",
                            f"add \"{article}\" under 'articles:' of '{law.id}' in laws.yml, with its title and the "
                            "excerpt of the text you checked it against; or fix the article number")


# Front-matter texts of a lesson that are printed (leaflets, posters) and may carry source markers.
MARKED_FIELDS = ("call", "keep", "never")


def _check_markers(lessons: dict[str, Lesson], banks: dict[str, Bank], laws: dict[str, Law], out: Collector) -> None:
    """Every source marker ([[law-id 150]]) of lessons, leaflet texts and quiz explanations names a listed article."""
    for lesson in lessons.values():
        for lf in lesson.versions.values():
            cite.check_text(lf.body, lf.body_line, laws, lf.path, out)
            leaflet = lf.meta.get("leaflet") or {}
            for i, text in enumerate(leaflet.get("messages", [])):
                cite.check_text(text, lf.line("leaflet", "messages", i), laws, lf.path, out)
            for key in MARKED_FIELDS:
                if key in leaflet:
                    cite.check_text(leaflet[key], lf.line("leaflet", key), laws, lf.path, out)
    for bank in banks.values():
        for q in bank.questions:
            for _, text, line in q.texts:
                if "[[" in text:
                    cite.check_text(text, line, laws, bank.path, out)
