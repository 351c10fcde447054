"""The shipped curriculum: complete, parallel in both languages, sourced, and free of placeholders."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
from conftest import ROOT

from canhgiac.content.project import Paths, load_project
from canhgiac.quiz.lint import quiz_warnings

PROJECT = load_project(Paths(ROOT), ["vi", "en"])
LESSONS = PROJECT.ordered_lessons()
ADMONITION = re.compile(r"^(!!!|\?\?\?\+?) ([\w-]+)", re.M)
PLACEHOLDER = re.compile(r"\b(TODO|TBD|FIXME|lorem|ipsum|xxx+)\b|\[insert", re.I)
TEXT_FILES = sorted([*ROOT.glob("lessons/*.md"), *ROOT.glob("quizzes/*.yml"), *ROOT.glob("docs/*.md"),
                     ROOT / "laws.yml", ROOT / "locality.yml"])


def body(lesson, lang: str) -> str:
    return lesson.versions[lang].body


def structure(text: str) -> tuple:
    headings = len(re.findall(r"^## ", text, re.M))
    boxes = tuple(m.group(2) for m in ADMONITION.finditer(text))
    fences = tuple(re.findall(r"^```quiz\n(.+)\n```", text, re.M))
    return headings, boxes, fences


def test_ten_lessons_in_order():
    assert [lesson.order for lesson in LESSONS] == list(range(1, 11))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_both_languages_have_the_same_structure(lesson):
    assert structure(body(lesson, "vi")) == structure(body(lesson, "en"))


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_lesson_has_every_part(lesson):
    for lang in ("vi", "en"):
        _, boxes, fences = structure(body(lesson, lang))
        counts = Counter(boxes)
        assert counts["scenario"] >= 1, lang
        assert counts["key-messages"] == 1, lang
        assert counts["trainer"] == 1, lang
        assert counts["bulletin"] == 1, lang
        assert fences == (lesson.id,), lang
        keys = re.search(r'!!! key-messages.*\n((?:    .*\n|\n)+)', body(lesson, lang)).group(1)
        assert 3 <= len(re.findall(r"^    - ", keys, re.M)) <= 5, lang


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_vietnamese_length_and_bulletin(lesson):
    # Reading text only: card sets are a printed handout and the quiz is its own page part.
    text = re.sub(r"^```cards\n.*?^```\n", "", body(lesson, "vi").split("```quiz")[0], flags=re.M | re.S)
    words = len(text.split())
    assert 800 <= words <= 1550, words  # wc-style words: Vietnamese counts each syllable
    bulletin = re.search(r'!!! bulletin.*\n((?:    .*\n|\n)+)', body(lesson, "vi")).group(1)
    assert 150 <= len(bulletin.split()) <= 260


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_scenario_says_it_is_fictional(lesson):
    for lang, word in (("vi", "hư cấu"), ("en", "fictional")):
        story = re.search(r'!!! scenario.*\n((?:    .*\n|\n)+)', body(lesson, lang)).group(1)
        assert word in story.lower(), lang


@pytest.mark.parametrize("lesson", LESSONS, ids=lambda lesson: lesson.id)
def test_quiz_bank_is_rich_enough(lesson):
    bank = PROJECT.banks[lesson.meta("vi")["quiz"]]
    kinds = Counter(q.kind for q in bank.questions)
    assert len(bank.questions) >= 10
    assert kinds["scenario"] >= 2
    assert set(kinds) == {"single", "multiple", "true-false", "scenario", "order"}
    assert all(q.explanation["vi"] and q.explanation["en"] for q in bank.questions)
    assert sum(1 for q in bank.questions if q.cite) >= len(bank.questions) // 3


def test_every_cited_law_exists_and_every_law_is_cited():
    cited = {law for lesson in LESSONS for law in lesson.meta("vi")["laws"]}
    cited |= {q.cite["law"] for bank in PROJECT.banks.values() for q in bank.questions if q.cite}
    assert cited <= set(PROJECT.laws)
    referenced = {ref for law in PROJECT.laws.values() for ref in (law.replaced_by, *law.amended_by) if ref}
    prose = " ".join(p.read_text(encoding="utf-8") for p in TEXT_FILES if p.suffix == ".md")
    named = {law.id for law in PROJECT.laws.values() if law.number in prose}
    named |= {m.group(1) for m in re.finditer(r"\[\[\s*([a-z0-9-]+)", prose)}  # source markers cite a law too
    assert set(PROJECT.laws) - cited - referenced - named == set(), "the registry lists documents nothing cites"


def test_no_withdrawn_or_unverified_hotline_is_published():
    for path in TEXT_FILES:
        text = path.read_text(encoding="utf-8").replace(" ", "")
        assert "18001768" not in text, path
        for m in re.finditer("18001567", text):
            context = text[max(0, m.start() - 200):m.end() + 200].lower()
            assert "111" in context, f"{path}: 18001567 must only appear as the old number replaced by 111"


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_text_is_nfc_and_has_no_placeholder(path: Path):
    text = path.read_text(encoding="utf-8")
    assert unicodedata.is_normalized("NFC", text)
    assert not PLACEHOLDER.search(text), PLACEHOLDER.search(text)


def test_english_calls_trainers_outreach_workers():
    for path in [*ROOT.glob("lessons/*.en.md"), *ROOT.glob("docs/*.en.md")]:
        assert "propagandist" not in path.read_text(encoding="utf-8").lower(), path


def test_quizzes_test_understanding_not_pattern_spotting():
    """No quiz-design warning from the editors' report (scripts/report): see docs/readme/editing.md, "Editors' notes"."""
    warnings = quiz_warnings(PROJECT)
    assert not warnings, "\n".join(w.format(ROOT) for w in warnings)


def test_editors_notes_are_kept_out_of_the_text():
    """Notes meant for editors live in `editor_notes`, never in what readers see."""
    for lesson in LESSONS:
        for lang in ("vi", "en"):
            text = body(lesson, lang).lower()
            for phrase in ("check before printing", "kiểm tra trước khi in", "note for editors", "ghi chú cho biên tập"):
                assert phrase not in text, (lesson.id, lang, phrase)


def test_every_legal_statement_in_lessons_and_pages_has_a_source():
    """Every paragraph, list item or table row of a lesson or docs page that names an article, a penalty, a legal
    date or a document number carries a source marker ([[law-id 150]]); scripts/report lists the rest."""
    from canhgiac.report import docs_folder, unsourced_statements

    found = unsourced_statements(PROJECT, docs_folder(ROOT))
    missing = [f"{path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else path}:{s.line}: {s.short()}"
               for entries in found.values() for path, s in entries
               if not path.resolve().is_relative_to((ROOT / "quizzes").resolve())]
    assert not missing, "\n".join(missing)


def test_every_legal_statement_in_quiz_explanations_has_a_source():
    from canhgiac.report import docs_folder, unsourced_statements

    found = unsourced_statements(PROJECT, docs_folder(ROOT))
    missing = [f"{path.name}:{s.line}: {s.short()}" for entries in found.values() for path, s in entries
               if path.resolve().is_relative_to((ROOT / "quizzes").resolve())]
    assert not missing, "\n".join(missing)
