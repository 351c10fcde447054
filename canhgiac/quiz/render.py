"""Render a quiz bank to HTML that reads as a worksheet without JavaScript."""

from __future__ import annotations

import json
import re
from functools import cache
from html import escape

import markdown

from canhgiac.cite import anchor, replace_html
from canhgiac.content.laws import Law
from canhgiac.quiz import order
from canhgiac.quiz.model import Bank, Question

_md = markdown.Markdown(output_format="html")
_PARA = re.compile(r"^<p>(.*)</p>$", re.S)
# Text with none of these characters renders the same with or without Markdown: skip the parser.
_MARKUP = re.compile(r"[*_`\[\]<>&\\#|!]|^\s*([-+]|\d+\.)\s|\n\s*\n|  \n", re.M)
# Client strings the script needs; they come from the page, never from the script.
CLIENT_STRINGS = ("check", "correct", "incorrect", "partly", "choose_first", "order_incomplete", "score",
                  "retry_missed", "retry_all", "remember", "remember_help", "answer")


@cache  # the site, the handbook and the Moodle banks render the same texts
def md_block(text: str) -> str:
    """Render Markdown text to block HTML."""
    if not _MARKUP.search(text):
        return f"<p>{text.strip()}</p>"
    _md.reset()
    return _md.convert(text)


def md_inline(text: str) -> str:
    """Render one-paragraph Markdown without its <p> wrapper."""
    html = md_block(text)
    m = _PARA.match(html)
    return m.group(1) if m and "<p>" not in m.group(1) else html


def citation(cite: dict, laws: dict[str, Law], lang: str, ui: dict, legal_url: str) -> str:
    """Return the HTML of a law citation linking to the registry page."""
    law = laws[cite["law"]]
    label = law.title[lang]
    if cite.get("article"):
        label = f"{ui['article']} {cite['article']}, {label}"
    article = (cite.get("article") or "").split(".")[0]
    href = f"{legal_url}#{anchor(law.id, article if article in law.articles else None)}"
    return (f'<p class="cg-quiz__cite">{escape(ui["basis"])}: <a href="{escape(href)}">{escape(label)}</a> '
            f'({escape(law.number)})</p>')


def _choices(q: Question, bank: Bank, lang: str, ui: dict) -> list[tuple[str, str, str, bool]]:
    """(value, printed letter, text, right) in the printed order (canhgiac.quiz.order); no letter for true/false."""
    if q.kind == "true-false":
        return [("true", "", ui["true"], q.answer is True), ("false", "", ui["false"], q.answer is False)]
    return [(o.key, letter, md_inline(o.text[lang]), o.correct) for letter, o in order.options(bank.id, q)]


def _answer_html(q: Question, bank: Bank, lang: str, ui: dict, laws, legal_url: str) -> str:
    parts = []
    if q.kind == "order":
        steps = "".join(f"<li>{md_inline(s[lang])}</li>" for s in q.steps)
        parts.append(f'<p class="cg-quiz__key">{escape(ui["right_order"])}:</p><ol class="cg-quiz__key-steps">{steps}</ol>')
    else:
        right = [(letter, t) for _, letter, t, c in _choices(q, bank, lang, ui) if c]
        keys = "; ".join(f"{letter.upper()}. {t}" if letter else t for letter, t in right)
        parts.append(f'<p class="cg-quiz__key"><strong>{escape(ui["answer"])}:</strong> {keys}</p>')
    if any(o.feedback for o in q.options):
        items = "".join(
            f'<li data-option="{o.key}"><strong>{letter.upper()}.</strong> '
            f'{replace_html(md_inline(o.feedback[lang]), laws, lang, ui, legal_url)}</li>'
            for letter, o in order.options(bank.id, q) if o.feedback
        )
        parts.append(f'<ul class="cg-quiz__feedback-list">{items}</ul>')
    explanation = replace_html(md_block(q.explanation[lang]), laws, lang, ui, legal_url)
    parts.append(f'<div class="cg-quiz__explanation">{explanation}</div>')
    if q.cite:
        parts.append(citation(q.cite, laws, lang, ui, legal_url))
    return "".join(parts)


def _order_html(q: Question, bank: Bank, lang: str, ui: dict, name: str) -> str:
    n = len(q.steps)
    # Never in their right order; the same scramble as the handbook's worksheet. On paper, a box to number.
    shown = order.steps(bank.id, q)
    rows = []
    for i, step in shown:
        sid = f"{name}-s{i}"
        options = "".join(f'<option value="{k}">{k}</option>' for k in range(1, n + 1))
        rows.append(
            f'<li class="cg-quiz__step" data-step="{i}"><label for="{sid}">'
            f'<span class="cg-quiz__step-box" aria-hidden="true"></span>'
            f'<span class="cg-quiz__step-text">{md_inline(step[lang])}</span></label> '
            f'<select id="{sid}" name="{sid}" class="cg-quiz__position" data-correct="{i + 1}" '
            f'aria-label="{escape(ui["position"])}: {escape(step[lang])}"><option value="">{escape(ui["choose"])}</option>'
            f"{options}</select></li>"
        )
    return f'<ol class="cg-quiz__steps" type="A">{"".join(rows)}</ol>'


def render_question(q: Question, n: int, bank: Bank, lang: str, ui: dict, laws, legal_url: str) -> str:
    """Render one question as a fieldset followed by its answer in <details>."""
    name = f"{bank.id}--{q.id}"
    story = f'<div class="cg-quiz__story">{md_block(q.story[lang])}</div>' if q.story else ""
    legend = (f'<legend class="cg-quiz__legend"><span class="cg-quiz__number">{escape(ui["question"])} {n}.</span> '
              f"{md_inline(q.prompt[lang])}</legend>")
    if q.kind == "order":
        body = _order_html(q, bank, lang, ui, name)
    else:
        kind = "checkbox" if q.kind == "multiple" else "radio"
        items = []
        for key, printed, text, correct in _choices(q, bank, lang, ui):
            iid = f"{name}-{key}"
            letter = f'<span class="cg-quiz__letter">{printed.upper()}.</span> ' if printed else ""
            items.append(
                f'<li class="cg-quiz__option"><input type="{kind}" id="{iid}" name="{name}" value="{key}"'
                f'{" data-correct" if correct else ""}><label for="{iid}">{letter}{text}</label></li>'
            )
        body = f'<ul class="cg-quiz__options">{"".join(items)}</ul>'
    shuffle = "true" if q.shuffle and q.kind != "true-false" else "false"
    return (
        f'<li class="cg-quiz__question" data-question="{escape(q.id)}" data-kind="{q.kind}" data-shuffle="{shuffle}">'
        f'{story}<fieldset class="cg-quiz__fieldset">{legend}{body}</fieldset>'
        f'<details class="cg-quiz__answer"><summary>{escape(ui["show_answer"])}</summary>'
        f"{_answer_html(q, bank, lang, ui, laws, legal_url)}</details></li>"
    )


def render_bank(bank: Bank, lang: str, ui: dict, laws: dict[str, Law], legal_url: str, lesson_id: str = "") -> str:
    """Render a whole bank for one language."""
    strings = json.dumps({k: ui[k] for k in CLIENT_STRINGS}, ensure_ascii=False)
    questions = "".join(
        render_question(q, n, bank, lang, ui, laws, legal_url) for n, q in enumerate(bank.questions, start=1)
    )
    return (
        f'<div class="cg-quiz" data-module="cg-quiz" data-quiz="{escape(bank.id)}" data-lesson="{escape(lesson_id)}" '
        f'data-lang="{lang}" data-i18n="{escape(strings)}">'
        f'<p class="cg-quiz__intro">{len(bank.questions)} {escape(ui["quiz_questions"])}. {escape(ui["quiz_intro"])}</p>'
        f'<ol class="cg-quiz__questions">{questions}</ol></div>'
    )
