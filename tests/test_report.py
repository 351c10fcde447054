"""The editors' content report: lesson figures, editors' notes, and the quiz-design warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import ROOT

from canhgiac import report
from canhgiac.quiz.model import Bank, Option, Question

MINI = ROOT / "tests" / "fixtures" / "mini"
LANGS = ["vi", "en"]


def _t(text: str) -> dict[str, str]:
    return {"vi": text, "en": text}


def _single(qid: str, right: str, wrong: list[str], position: int = 0, line: int = 1) -> Question:
    options = [Option(f"o{i}", _t(w)) for i, w in enumerate(wrong)]
    options.insert(position, Option("r", _t(right), correct=True))
    return Question(qid, "single", _t(f"prompt {qid} about something different {qid * 3}"), _t("why"),
                    options=tuple(options), line=line)


def _multiple(qid: str, rights: int, wrongs: int) -> Question:
    options = [Option(f"r{i}", _t(f"right {i}"), correct=True) for i in range(rights)]
    options += [Option(f"w{i}", _t(f"wrong {i}")) for i in range(wrongs)]
    return Question(qid, "multiple", _t(f"which of these {qid}"), _t("why"), options=tuple(options))


def _bank(*questions: Question, name: str = "b") -> Bank:
    return Bank(name, _t("t"), list(questions), Path(f"quizzes/{name}.yml"))


def _messages(bank: Bank) -> str:
    return "\n".join(w.message for w in report.bank_warnings(bank, LANGS))


def test_longest_right_answer_is_flagged_only_past_a_third():
    long_right = [_single(f"q{i}", "a much longer right answer", ["short", "tiny"], position=i % 3) for i in range(3)]
    assert "longest option in 3 of 3" in _messages(_bank(*long_right))
    fair = [_single(f"q{i}", "same len", ["same len", "other one"], position=i % 3) for i in range(3)]
    fair[0] = long_right[0]
    assert "longest" not in _messages(_bank(*fair))


def test_right_answer_in_one_position_is_flagged():
    same = [_single(f"q{i}", "right", ["wrong", "worse"], position=0) for i in range(4)]
    assert "option 1 in 4 of 4" in _messages(_bank(*same))
    varied = [_single(f"q{i}", "right", ["wrong", "worse"], position=i % 3) for i in range(4)]
    assert "vary its position" not in _messages(_bank(*varied))


def test_multiple_answer_patterns():
    assert "every multiple-answer question has 2 right answers" in _messages(_bank(_multiple("a", 2, 2), _multiple("b", 2, 3)))
    assert "vary the number" not in _messages(_bank(_multiple("a", 2, 2), _multiple("b", 3, 2)))
    assert "all options but one are right" in _messages(_bank(_multiple("a", 3, 1)))
    assert "all options but one" not in _messages(_bank(_multiple("a", 3, 2)))


def test_options_that_point_at_other_options():
    q = _single("q", "Tất cả các ý trên", ["một", "hai"])
    assert "refers to other options" in _messages(_bank(q))
    q = _single("q", "All of the above", ["one", "two"])
    assert "refers to other options" in _messages(_bank(q))


def test_true_false_all_the_same():
    tf = [Question(f"t{i}", "true-false", _t(f"claim {i}"), _t("why"), answer=True) for i in range(3)]
    assert "all 3 true-false questions are true" in _messages(_bank(*tf))
    tf[1] = Question("t1", "true-false", _t("claim 1"), _t("why"), answer=False)
    assert "true-false" not in _messages(_bank(*tf))


def test_duplicate_questions_across_banks_fold_accents():
    a = Question("a", "true-false", _t("Gọi đường dây nóng 111 khi nghi ngờ mua bán người."), _t("x"), answer=True)
    b = Question("b", "true-false", _t("Goi duong day nong 111 khi nghi ngo mua ban nguoi!"), _t("x"), answer=True)
    c = Question("c", "true-false", _t("Trẻ em dưới 16 tuổi không cần chứng minh lừa gạt."), _t("x"), answer=True)
    found = report.duplicate_warnings([_bank(a, name="one"), _bank(b, c, name="two")], "vi")
    assert [w.message.split("'")[1] for w in found] == ["b"]


def test_report_of_a_project_lists_lessons_notes_laws_and_kinds(capsys):
    code = report.main([str(MINI), "--today", "2026-12-01"])
    out = capsys.readouterr().out
    assert code == 0
    assert " 1. demo: Lao động và an toàn" in out
    assert "reviewed 2026-11-29" in out and "days left" in out
    assert "GHI-CHU-BIEN-TAP" in out and "editors' notes: 1" in out
    assert "penal-code (" in out
    assert "multiple 1" in out and "order 1" in out and "scenario 1" in out
    assert "Quiz-design warnings:" in out


def test_overdue_review_is_reported(capsys):
    report.main([str(MINI), "--today", (dt.date(2026, 11, 29) + dt.timedelta(days=400)).isoformat()])
    assert "OVERDUE by 35 days" in capsys.readouterr().out


def test_editors_notes_never_reach_the_site(mini_site):
    for path in mini_site.site.rglob("*.html"):
        assert "GHI-CHU-BIEN-TAP" not in path.read_text(encoding="utf-8"), path
