"""Every kind of editor mistake stops the build with the file, the line and what to do (no traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import run_build


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fails_with(project: Path, *expected: str) -> str:
    build = run_build(project)
    assert build.returncode != 0, build.output
    assert "Traceback" not in build.output, build.output
    for line in expected:
        assert line in build.output, build.output
    assert not (project / "site" / "lessons" / "demo.html").exists(), "a half-built site was written"
    return build.output


# -- lessons and settings (site issue, item 7) -----------------------------------------------------

def test_broken_yaml_in_front_matter(mini):
    edit(mini / "lessons/demo.vi.md", "duration: 30", "duration: [30")
    fails_with(mini, "lessons/demo.vi.md:7: broken YAML: while parsing a flow sequence that starts here: "
               "did not find expected ',' or ']' (noticed at line 8)\n"
               "    hint: check indentation, colons and quotes on this line or the one before")


def test_missing_required_field(mini):
    edit(mini / "lessons/demo.en.md", "duration: 30\n", "")
    fails_with(mini, "lessons/demo.en.md:2: missing the required field 'duration'\n"
               "    hint: add it; see the schema in canhgiac/schemas/")


def test_wrong_type(mini):
    edit(mini / "lessons/demo.vi.md", "reviewed: 2026-11-29", "reviewed: hôm qua")
    fails_with(mini, "lessons/demo.vi.md:11: expected a date for 'reviewed', found 'hôm qua'\n"
               "    hint: write it as YYYY-MM-DD")


def test_misspelt_field_gets_a_suggestion(mini):
    edit(mini / "lessons/demo.vi.md", "objectives:", "objectivs:")
    fails_with(mini, "lessons/demo.vi.md:6: unknown field 'objectivs'\n    hint: did you mean 'objectives'?")


def test_duplicate_lesson_id(mini):
    for lang in ("vi", "en"):
        text = (mini / f"lessons/demo.{lang}.md").read_text(encoding="utf-8")
        (mini / f"lessons/copy.{lang}.md").write_text(text.replace("order: 1", "order: 2"), encoding="utf-8")
    fails_with(mini, "lessons/demo.vi.md:2: duplicate lesson id 'demo'\n"
               "    hint: lessons/copy.vi.md already uses it; give each lesson its own id")


def test_unknown_law_id(mini):
    edit(mini / "lessons/demo.vi.md", "laws: [penal-code]", "laws: [penal-code, luat-khong-co]")
    fails_with(mini, "lessons/demo.vi.md:9: unknown law 'luat-khong-co'\n"
               "    hint: use an id from laws.yml, or add the document there with its source")


def test_missing_translation(mini):
    (mini / "lessons/demo.en.md").unlink()
    fails_with(mini, "lessons/demo.vi.md: the lesson has no 'en' translation: lessons/demo.en.md is missing\n"
               "    hint: every lesson must exist in every site language; the site never falls back silently")


def test_missing_page_translation(mini):
    (mini / "docs/hotlines.en.md").unlink()
    fails_with(mini, "docs/hotlines.vi.md: the page has no 'en' translation: docs/hotlines.en.md is missing")


def test_broken_internal_link(mini):
    edit(mini / "lessons/demo.en.md", "(../legal.md#penal-code)", "(../laws.md#penal-code)")
    fails_with(mini, "lessons/demo.en.md:14: the link '../laws.md#penal-code' points to a page that does not exist\n"
               "    hint: fix the path or the heading it points to")


def test_broken_anchor(mini):
    edit(mini / "lessons/demo.vi.md", "(#lao-dong-xa-que)", "(#lao-ong-xa-que)")
    fails_with(mini, "lessons/demo.vi.md:16: the link '#lao-ong-xa-que' points to an anchor '#lao-ong-xa-que' "
               "that does not exist")


def test_broken_law_registry(mini):
    edit(mini / "laws.yml", "status: in-force", "status: valid")
    fails_with(mini, "laws.yml:7: 'status' is 'valid', which is not one of: in-force, replaced")


def test_replaced_law_is_a_warning_naming_the_lesson(mini):
    edit(mini / "lessons/demo.vi.md", "laws: [penal-code]", "laws: [penal-code, anti-trafficking-2011]")
    edit(mini / "lessons/demo.en.md", "laws: [penal-code]", "laws: [penal-code, anti-trafficking-2011]")
    out = fails_with(mini, "lessons/demo.vi.md:9: lesson 'demo' cites 'anti-trafficking-2011', which was replaced "
                     "by 'penal-code'\n    hint: re-check the lesson against the law in force")
    assert "WARNING" in out  # a warning, fatal only because the build is strict


def test_old_review_date_is_a_warning(mini):
    edit(mini / "locality.yml", "review_max_age_days: 365", "review_max_age_days: 1")
    for lang in ("vi", "en"):
        edit(mini / f"lessons/demo.{lang}.md", "reviewed: 2026-11-29", "reviewed: 2020-01-01")
    fails_with(mini, "lessons/demo.en.md:11: lesson 'demo' was last reviewed")


def test_bad_locality_setting(mini):
    edit(mini / "locality.yml", "page_size: A5", "page_size: B5")
    fails_with(mini, "locality.yml:24: 'page_size' is 'B5', which is not one of: A5, A4")


# -- quiz banks (quiz issue) -----------------------------------------------------------------------

BANK = "quizzes/demo.yml"
# A bank with known line numbers, so the expected messages below stay exact.
BANK_TEXT = """\
id: demo
title: {vi: Thử, en: Test}
questions:
  - id: q1
    kind: single
    prompt: {vi: "Gọi số nào?", en: "Which number?"}
    options:
      - text: {vi: "111", en: "111"}
        correct: true
      - text: {vi: "999", en: "999"}
    explanation: {vi: Vì vậy., en: Because.}
    cite: {law: penal-code, article: "150"}
  - id: q2
    kind: true-false
    prompt: {vi: "Đúng không?", en: "True?"}
    answer: true
    explanation: {vi: Vì vậy., en: Because.}
"""


@pytest.mark.parametrize("old,new,expected", [
    pytest.param("        correct: true\n", "", "quizzes/demo.yml:4: question 'q1' has no right answer\n"
                 "    hint: mark the right option with 'correct: true'", id="no-right-answer"),
    pytest.param("    kind: single\n", "    kind: single\n    answer: c\n",
                 "quizzes/demo.yml:6: question 'q1' names an 'answer', but a single question marks its right answers "
                 "on the options\n    hint: write 'correct: true' under the right option(s) instead",
                 id="answer-not-among-options"),
    pytest.param('{vi: "999", en: "999"}', '{vi: "999"}',
                 "quizzes/demo.yml:10: missing the 'en' text of the option\n"
                 "    hint: write it in that language: every language listed in mkdocs.yml needs one",
                 id="option-missing-a-language"),
    pytest.param("explanation: {vi: Vì vậy., en: Because.}\n    cite", "explanation: {en: Because.}\n    cite",
                 "quizzes/demo.yml:11: missing the 'vi' text of 'explanation'\n"
                 "    hint: write it in that language: every language listed in mkdocs.yml needs one",
                 id="explanation-missing-a-language"),
    pytest.param("cite: {law: penal-code", "cite: {law: bo-luat-khac",
                 "quizzes/demo.yml:4: question 'q1' cites unknown law 'bo-luat-khac'\n    hint: use an id from laws.yml",
                 id="unknown-law"),
    pytest.param("  - id: q2", "  - id: q1", "quizzes/demo.yml:13: duplicate question id 'q1'\n"
                 "    hint: give each question its own id", id="duplicate-question-id"),
    pytest.param("kind: true-false", "kind: yes-no", "quizzes/demo.yml:14: unknown question kind 'yes-no'\n"
                 "    hint: use one of: single, multiple, true-false, scenario, order", id="unknown-kind"),
])
def test_bad_bank(mini, old, new, expected):
    (mini / BANK).write_text(BANK_TEXT, encoding="utf-8")
    edit(mini / BANK, old, new)
    fails_with(mini, expected)


def test_bank_that_no_lesson_uses(mini):
    (mini / "quizzes/spare.yml").write_text((mini / BANK).read_text(encoding="utf-8").replace("id: demo", "id: spare"),
                                            encoding="utf-8")
    fails_with(mini, "quizzes/spare.yml:1: no lesson uses the quiz bank 'spare'\n"
               "    hint: name it in a lesson's front matter (quiz: spare) and embed it, or delete the file")


def test_lesson_naming_a_bank_that_does_not_exist(mini):
    edit(mini / "lessons/demo.vi.md", "quiz: demo", "quiz: khong-co")
    fails_with(mini, "lessons/demo.vi.md:10: the quiz bank 'khong-co' does not exist\n"
               "    hint: create quizzes/khong-co.yml or fix the id")


def test_fence_naming_a_bank_that_does_not_exist(mini):
    edit(mini / "lessons/demo.en.md", "```quiz\ndemo", "```quiz\ndemo-2")
    text = (mini / "lessons/demo.en.md").read_text(encoding="utf-8")
    line = text[:text.index("```quiz")].count("\n") + 1
    fails_with(mini, f"lessons/demo.en.md:{line}: the quiz fence names 'demo-2', which does not exist\n"
               "    hint: the fence body is the id of a bank in quizzes/")


def test_page_without_language_suffix(mini):
    (mini / "docs/faq.md").write_text("---\ntitle: FAQ\n---\nHỏi đáp\n", encoding="utf-8")
    fails_with(mini, "docs/faq.md: the page has no language suffix\n"
               "    hint: name it faq.vi.md and add the other languages")


def test_lesson_file_without_language(mini):
    (mini / "lessons/extra.md").write_text("---\nid: extra\n---\n", encoding="utf-8")
    fails_with(mini, "lessons/extra.md: a lesson file must be named <id>.<language>.md\n"
               "    hint: languages are: vi, en; e.g. trafficking-signs.vi.md")


def test_broken_settings_file(mini):
    edit(mini / "locality.yml", "year: 2026", "year: [2026")
    fails_with(mini, "locality.yml:14: broken YAML: while parsing a flow sequence that starts here: "
               "did not find expected ',' or ']' (noticed at line 17)")
