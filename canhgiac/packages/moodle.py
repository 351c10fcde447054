"""Moodle XML question banks: one file per quiz bank and language, for Moodle's question bank Import page."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from canhgiac import cite
from canhgiac.content.laws import Law
from canhgiac.quiz.model import Bank, Question
from canhgiac.quiz.render import md_block, md_inline

# The grades Moodle accepts for an answer (question_bank::fraction_options_full() in Moodle's
# question/engine/bank.php), as fractions; an imported file with any other value is refused.
MOODLE_FRACTIONS = (1.0, 0.9, 0.8333333, 0.8, 0.75, 0.7, 0.6666667, 0.6, 0.5, 0.4, 0.3333333, 0.3, 0.25, 0.2,
                    0.1666667, 0.1428571, 0.125, 0.1111111, 0.1, 0.05, 0.0)


def fraction(value: float) -> str:
    """A grade as Moodle XML writes it (percent), checked against the grades Moodle accepts."""
    sign = -1 if value < 0 else 1
    for allowed in MOODLE_FRACTIONS:
        if abs(abs(value) - allowed) < 5e-7:
            percent = f"{sign * allowed * 100:.5f}".rstrip("0").rstrip(".")
            return "0" if percent in ("-0", "") else percent
    raise ValueError(f"Moodle accepts no grade of {value:.7f}")


def multiple_fractions(options) -> list[str]:
    """Partial credit: each right option earns an equal share of 100 %, each wrong one takes an equal share away."""
    right = sum(1 for o in options if o.correct)
    wrong = len(options) - right
    return [fraction(1 / right) if o.correct else fraction(-1 / wrong) for o in options]


def _text(parent: ET.Element, tag: str, html: str, fmt: str = "html") -> ET.Element:
    el = ET.SubElement(parent, tag, {"format": fmt} if fmt else {})
    ET.SubElement(el, "text").text = html
    return el


def _plain(parent: ET.Element, tag: str, value: str) -> None:
    ET.SubElement(parent, tag).text = value


def _general_feedback(q: Question, lang: str, ui: dict, laws: dict[str, Law]) -> str:
    # A source marker is text here ("(Đ.150 BLHS)"): the legal documents page is not in Moodle.
    html = cite.plain(md_block(q.explanation[lang]), laws, lang, ui)
    if q.cite and q.cite["law"] in laws:
        law = laws[q.cite["law"]]
        label = law.title[lang]
        if q.cite.get("article"):
            label = f"{ui['article']} {q.cite['article']}, {label}"
        html += f"<p>{ui['basis']}: {label} ({law.number})</p>"
    return html


def _head(quiz: ET.Element, kind: str, q: Question, n: int, bank: Bank, lang: str, ui: dict, laws) -> ET.Element:
    el = ET.SubElement(quiz, "question", {"type": kind})
    name = ET.SubElement(el, "name")
    prompt = q.prompt[lang].strip()
    ET.SubElement(name, "text").text = f"{n:02d}. {prompt if len(prompt) <= 80 else prompt[:77] + '...'}"
    story = md_block(q.story[lang]) if q.story else ""
    _text(el, "questiontext", story + md_block(q.prompt[lang]))
    _text(el, "generalfeedback", _general_feedback(q, lang, ui, laws))
    _plain(el, "defaultgrade", "1")
    _plain(el, "penalty", "0.3333333")
    _plain(el, "hidden", "0")
    _plain(el, "idnumber", f"{bank.id}-{q.id}-{lang}")
    return el


def _combined_feedback(el: ET.Element, ui: dict) -> None:
    _text(el, "correctfeedback", f"<p>{ui['correct']}</p>")
    _text(el, "partiallycorrectfeedback", f"<p>{ui['partly']}</p>")
    _text(el, "incorrectfeedback", f"<p>{ui['incorrect']}</p>")
    ET.SubElement(el, "shownumcorrect")


def _answer(el: ET.Element, grade: str, html: str, feedback: str, fmt: str = "html") -> None:
    answer = ET.SubElement(el, "answer", {"fraction": grade, "format": fmt})
    ET.SubElement(answer, "text").text = html
    _text(answer, "feedback", feedback)


def question_xml(quiz: ET.Element, q: Question, n: int, bank: Bank, lang: str, ui: dict, laws) -> None:
    """Append one question: multichoice, truefalse or ordering."""
    if q.kind in ("single", "scenario", "multiple"):
        el = _head(quiz, "multichoice", q, n, bank, lang, ui, laws)
        single = q.kind != "multiple"
        _plain(el, "single", "true" if single else "false")
        _plain(el, "shuffleanswers", "true" if q.shuffle else "false")
        _plain(el, "answernumbering", "abc")
        _plain(el, "showstandardinstruction", "1")
        _combined_feedback(el, ui)
        grades = [fraction(1.0 if o.correct else 0.0) for o in q.options] if single else multiple_fractions(q.options)
        for option, grade in zip(q.options, grades, strict=True):
            feedback = cite.plain(md_block(option.feedback[lang]), laws, lang, ui) if option.feedback else ""
            _answer(el, grade, md_inline(option.text[lang]), feedback)
    elif q.kind == "true-false":
        el = _head(quiz, "truefalse", q, n, bank, lang, ui, laws)
        for value in (True, False):
            right = q.answer is value
            _answer(el, fraction(1.0 if right else 0.0), "true" if value else "false",
                    f"<p>{ui['correct'] if right else ui['incorrect']}</p>", fmt="moodle_auto_format")
    elif q.kind == "order":
        # qtype_ordering: the answers in their right order, each answer's fraction its position.
        el = _head(quiz, "ordering", q, n, bank, lang, ui, laws)
        for tag, value in (("layouttype", "VERTICAL"), ("selecttype", "ALL"), ("selectcount", "0"),
                           ("gradingtype", "ABSOLUTE_POSITION"), ("showgrading", "SHOW"), ("numberingstyle", "none")):
            _plain(el, tag, value)
        _combined_feedback(el, ui)
        for position, step in enumerate(q.steps, start=1):
            _answer(el, str(position), md_inline(step[lang]), "")
    else:  # the model knows no other kind; a new one must be mapped here first
        raise ValueError(f"no Moodle question type for kind '{q.kind}'")


def moodle_xml(bank: Bank, lang: str, ui: dict, laws: dict[str, Law], category: str) -> bytes:
    """The Moodle XML of one bank in one language, its questions in a category of their own."""
    quiz = ET.Element("quiz")
    cat = ET.SubElement(quiz, "question", {"type": "category"})
    _text(cat, "category", f"$course$/top/{category}", fmt="")
    _text(cat, "info", "")
    for n, q in enumerate(bank.questions, start=1):
        question_xml(quiz, q, n, bank, lang, ui, laws)
    ET.indent(quiz)
    return b'<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(quiz, encoding="utf-8", xml_declaration=False) + b"\n"
