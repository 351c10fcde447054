"""The editors' content report: lesson figures, editors' notes, and the quiz-design warnings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from conftest import ROOT

from canhgiac import report
from canhgiac.quiz import lint
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
    return "\n".join(w.message for w in lint.bank_warnings(bank, LANGS))


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
    found = lint.duplicate_warnings([_bank(a, name="one"), _bank(b, c, name="two")], "vi")
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


def _tf(qid: str, answer: bool) -> Question:
    return Question(qid, "true-false", _t(f"claim {qid}"), _t("why"), answer=answer)


def test_two_alike_true_false_in_a_bank_are_flagged():
    assert "all 2 true-false questions are false" in _messages(_bank(_tf("a", False), _tf("b", False)))
    assert "true-false" not in _messages(_bank(_tf("a", False), _tf("b", True)))
    assert "true-false" not in _messages(_bank(_tf("a", False)))


def test_true_false_share_over_all_banks():
    few_true = [_bank(_tf("a", True), _tf("b", False), name="one"), _bank(_tf("c", False), _tf("d", False),
                                                                            _tf("e", True), name="two")]
    assert not lint.balance_warnings(few_true, LANGS)  # 2 of 5 true: 40 % is still in range
    few_true[1].questions.append(_tf("f", False))
    found = lint.balance_warnings(few_true, LANGS)
    assert [w.message for w in found if "true-false" in w.message][0].startswith("over all banks 2 of 6")
    assert "turning some false statements into true" in found[0].message
    assert found[0].path.name == "two.yml"  # the bank with most false statements
    many_true = [_bank(*[_tf(f"t{i}", True) for i in range(4)], _tf("f", False))]
    assert "some true statements into false" in lint.balance_warnings(many_true, LANGS)[0].message
    even = [_bank(*[_tf(f"t{i}", i % 2 == 0) for i in range(6)])]
    assert not lint.balance_warnings(even, LANGS)


def test_length_rank_counts_characters_and_ties_are_middle():
    assert lint.length_rank(_single("q", "ab", ["abc", "abcd"]), "vi") == "shortest"
    assert lint.length_rank(_single("q", "abcde", ["abc", "abcd"]), "vi") == "longest"
    assert lint.length_rank(_single("q", "abc", ["ab", "abcd"]), "vi") == "middle"
    assert lint.length_rank(_single("q", "abc", ["abc", "abcd"]), "vi") == "middle"  # a tie is no cue
    assert lint.length_rank(_single("q", "a    b", ["abcd", "abcd"]), "vi") == "shortest"  # spaces collapsed
    assert lint.length_rank(_single("q", "abc", ["ab", "abcd", "abcde"]), "vi") == "inner"
    assert lint.length_rank(_single("q", "abc", ["ab"]), "vi") is None  # two options: not ranked


def test_one_length_rank_over_all_banks_is_flagged_per_language():
    middle = [_single(f"m{i}", "medium one", ["short", "a good deal longer"]) for i in range(5)]
    found = [w.message for w in lint.balance_warnings([_bank(*middle)], LANGS)]
    assert any("middle of 3 (vi) in 5 of 5" in m for m in found) and any("(en)" in m for m in found)
    mixed = [_single("s0", "s", ["short", "longer"]), _single("s1", "s", ["short", "longer"]),
             _single("m0", "medium", ["s", "a good deal longer"]), _single("m1", "medium", ["s", "a long one"]),
             _single("l0", "a good deal longer", ["s", "short"])]
    assert not lint.balance_warnings([_bank(*mixed)], LANGS)
    # Fewer than RANK_MIN_QUESTIONS questions of one size are not judged.
    assert not lint.balance_warnings([_bank(*middle[:lint.RANK_MIN_QUESTIONS - 1])], LANGS)
    # One language alone can carry the cue.
    en_only = [Question(f"e{i}", "single", _t(f"p{i}"), _t("why"), options=(
        Option("r", {"vi": "đáp án đúng dài nhất đây", "en": "mid"}, correct=True),
        Option("a", {"vi": "ngắn", "en": "a"}), Option("b", {"vi": "ngắn nữa", "en": "much longer"}))) for i in range(5)]
    found = [w.message for w in lint.balance_warnings([_bank(*en_only)], LANGS)]
    assert any("longest of 3 (vi)" in m for m in found) and any("middle of 3 (en)" in m for m in found)


def test_four_options_judge_only_the_ends():
    inner = [_single(f"i{i}", "medium", ["s", "short", "a good deal longer"]) for i in range(6)]
    assert not lint.balance_warnings([_bank(*inner)], LANGS)
    shortest = [_single(f"s{i}", "s", ["short", "medium", "a good deal longer"]) for i in range(6)]
    found = [w.message for w in lint.balance_warnings([_bank(*shortest)], LANGS)]
    assert any("shortest of 4 (vi) in 6 of 6" in m for m in found)


def test_multiple_answer_wrong_counts_over_all_banks():
    same = [_bank(_multiple("a", 2, 2), _multiple("b", 3, 2), name="one"), _bank(_multiple("c", 2, 2), name="two")]
    found = [w.message for w in lint.balance_warnings(same, LANGS)]
    assert any("3 of 3 multiple-answer questions have 2 wrong" in m for m in found)
    varied = [_bank(_multiple("a", 2, 1), _multiple("b", 3, 2), name="one"), _bank(_multiple("c", 2, 3), name="two")]
    assert not lint.balance_warnings(varied, LANGS)
    assert lint.quiz_stats(varied, LANGS).wrong_counts == {1: 1, 2: 1, 3: 1}
    found = [w.message for w in lint.balance_warnings([_bank(_multiple("a", 3, 0), _multiple("b", 2, 1))], LANGS)]
    assert any("every option is right" in m for m in found)


def _story(qid: str, story: str) -> Question:
    return Question(qid, "scenario", _t("Nên làm gì?"), _t("why"), story=_t(story),
                    options=(Option("a", _t("Gọi 111"), correct=True), Option("b", _t("Im lặng"))))


def test_named_characters_are_found_after_a_form_of_address_or_before_an_age():
    q = _story("s", "*Hư cấu.* Chị Thảo gặp ông Sáu ở chợ; Vy, 16 tuổi, đi cùng bà con và Tổ bảo vệ an ninh.")
    assert lint.characters(q) == {"Thảo", "Sáu", "Vy"}
    assert lint.characters(_story("t", "Anh chị nên làm gì khi bà con hỏi?")) == set()
    order = Question("o", "order", _t("Sắp xếp"), _t("why"), steps=(_t("Chị Diễm nghe kể"), _t("Báo chú Năm")))
    assert lint.characters(order) == {"Diễm", "Năm"}


def test_the_same_character_in_two_banks_is_flagged():
    one = _bank(_story("a", "*Hư cấu.* Chị Thảo kể chuyện."), name="one")
    two = _bank(_story("b", "*Hư cấu.* Bà con hỏi chị Thảo."), _story("c", "Anh Tám, 40 tuổi."), name="two")
    found = lint.character_warnings([one, two])
    assert [w.message.split("'")[1] for w in found] == ["b"] and "'Thảo'" in found[0].message
    assert found[0].path.name == "two.yml"
    # The same person twice in one bank is one story told in parts; "Tâm" and "Tám" are two people.
    same_bank = _bank(_story("a", "Chị Thảo kể."), _story("b", "Chị Thảo hỏi."), name="one")
    assert not lint.character_warnings([same_bank, _bank(_story("c", "Anh Tâm, 30 tuổi."), name="two")])


def test_report_prints_the_quiz_statistics(capsys):
    report.main([str(MINI), "--today", "2026-12-01"])
    out = capsys.readouterr().out
    assert "Quiz statistics (all banks):" in out and "true-false:" in out
    assert "multiple-answer questions by wrong options:" in out
