"""Presentations: one page per lesson and language, shown one screen at a time on a TV or projector.

Made from the same sources as the lesson page, so nothing is typed twice: the front matter (title, objectives),
the rendered page (scenarios, discussion questions, key messages: `canhgiac.lessonparts`, as the handbook finds
them), the quiz bank (questions in their printed order, answers and explanations), the card sets and the
locality's hotlines. No MkDocs here; `canhgiac.present.output` writes the pages.
"""

from __future__ import annotations

import copy
from importlib import resources
from xml.etree import ElementTree as ET

import jinja2
from markupsafe import Markup

from canhgiac.cite import replace_html
from canhgiac.content.lessons import Lesson
from canhgiac.content.project import Project
from canhgiac.lessonparts import (
    box_body,
    box_title,
    discussion_questions,
    is_cite,
    is_key_messages,
    is_scenario,
    is_trainer,
    steps,
    text,
)
from canhgiac.pagehtml import PageDoc, to_html
from canhgiac.quiz import order
from canhgiac.quiz.model import Question
from canhgiac.quiz.render import citation, md_block, md_inline

TEMPLATES = resources.files("canhgiac.present") / "templates"
# The presentations' own files, in canhgiac/assets/, written next to the site's (settings.asset_dir).
ASSETS = ("present.css", "js/present.js")
FOLDER = "present"
# Inline elements a slide keeps from the rendered text; any other element keeps only its words.
KEEP = {"strong", "em", "b", "i", "code", "span", "br", "sub", "sup", "abbr", "mark", "s", "small", "p", "ul", "ol", "li"}


def page_path(lesson_id: str, lang: str, default: str) -> str:
    """Where a lesson's presentation is, from the site root: 'present/<id>.html', or '<lang>/present/<id>.html'."""
    return f"{FOLDER}/{lesson_id}.html" if lang == default else f"{lang}/{FOLDER}/{lesson_id}.html"


def plain_html(el: ET.Element, inner: bool = True) -> Markup:
    """An element of the rendered page for a slide: source markers spelled out, links as their words, no ids."""
    el = copy.deepcopy(el)

    def clean(node: ET.Element) -> None:
        for child in list(node):
            if not isinstance(child.tag, str):
                continue
            if is_cite(child):
                words, tail = " " + text(child), child.tail  # ' (Điều 150 BLHS)', as printed
                child.clear()
                child.tag, child.text, child.tail = "span", words, tail
                continue
            if child.tag == "a" or child.tag not in KEEP:
                child.tag = "span"
            child.attrib.clear()
            clean(child)

    clean(el)
    return Markup(to_html(el, inner=inner))


def _html(fragment: str) -> Markup:
    """Rendered HTML (a quiz explanation) made plain as `plain_html` does."""
    return plain_html(PageDoc(fragment, "q", "").root)


def quiz_slide(bank, q: Question, n: int, lang: str, ui, laws) -> dict:
    """A quiz question on screen: its story, prompt and options in the printed order; the answer to reveal."""
    if q.kind == "order":
        shown = [(chr(ord("A") + pos), md_inline(step[lang]), i) for pos, (i, step) in enumerate(order.steps(bank.id, q))]
        options = [{"letter": letter, "html": Markup(html), "right": False} for letter, html, _ in shown]
        right = [{"letter": letter, "html": Markup(html)} for letter, html, _ in sorted(shown, key=lambda s: s[2])]
        key = ", ".join(step["letter"] for step in right)
    elif q.kind == "true-false":
        options = [{"letter": "", "html": ui["true"], "right": q.answer is True},
                   {"letter": "", "html": ui["false"], "right": q.answer is False}]
        right, key = [], ui["true"] if q.answer else ui["false"]
    else:
        options = [{"letter": letter.upper(), "html": Markup(md_inline(o.text[lang])), "right": o.correct}
                   for letter, o in order.options(bank.id, q)]
        right, key = [], ", ".join(o["letter"] for o in options if o["right"])
    basis = _html(citation(q.cite, laws, lang, ui, "")) if q.cite else ""
    return {
        "kind": "quiz", "heading": f"{ui['question']} {n}", "n": n, "count": len(bank.questions),
        "story": _html(md_block(q.story[lang])) if q.story else "",
        "prompt": Markup(md_inline(q.prompt[lang])), "options": options, "order": q.kind == "order",
        "key": key, "right_order": right,
        "explanation": _html(replace_html(md_block(q.explanation[lang]), laws, lang, ui, "")), "basis": basis,
    }


def lesson_slides(project: Project, lesson: Lesson, lang: str, content: str, ui) -> list[dict]:
    """Every slide of a lesson's presentation, in the order a session runs."""
    meta = lesson.meta(lang)
    doc = PageDoc(content, "p", "")
    slides: list[dict] = [
        {"kind": "title", "heading": meta["title"], "number": meta["order"], "summary": meta["summary"]},
        {"kind": "objectives", "heading": ui["you_will_learn"], "items": meta["objectives"]},
    ]
    for box in doc.find(is_scenario):
        words = " ".join(text(el) for el in box_body(box))
        told = steps(words)
        slides += [{"kind": "scenario", "heading": box_title(box), "step": i, "steps": len(told), "text": step}
                   for i, step in enumerate(told, start=1)]
    questions = [q for box in doc.find(is_trainer) for q in discussion_questions(box)]
    slides += [{"kind": "discussion", "heading": ui["present_discussion"], "n": i, "count": len(questions),
                "html": plain_html(q)} for i, q in enumerate(questions, start=1)]
    for box in doc.find(is_key_messages):
        items = [li for el in box_body(box) for li in el.iter("li")] or box_body(box)
        slides.append({"kind": "messages", "heading": box_title(box) or ui["present_key_messages"],
                       "items": [plain_html(li) for li in items]})
    bank = project.banks.get(meta.get("quiz") or "")
    if bank is not None:
        slides += [quiz_slide(bank, q, n, lang, ui, project.laws) for n, q in enumerate(bank.questions, start=1)]
    for card_set in lesson.versions[lang].card_sets:
        slides.append({"kind": "cards", "heading": f"{ui['cards']}: {card_set.title}", "set": card_set})
    slides.append({"kind": "hotlines", "heading": ui["hotlines"], "hotlines": project.locality.hotlines})
    for i, slide in enumerate(slides, start=1):
        slide["index"] = i
    return slides


def environment(ui) -> jinja2.Environment:
    """The template environment of one language (its catalog as `_()`)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True, trim_blocks=True,
                             lstrip_blocks=True, undefined=jinja2.StrictUndefined, extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(ui.translations, newstyle=True)
    return env


def asset_source(name: str) -> bytes:
    """One of the presentations' files (ASSETS), as shipped in the package."""
    return (resources.files("canhgiac") / "assets" / name).read_bytes()

