"""The parts of a rendered lesson that the handbook and the presentations take out of it.

A lesson's boxes (`!!! scenario`, `!!! key-messages`, `??? trainer`) render as `<div class="admonition …">` or
`<details class="…">`; the discussion questions are the list of the trainer box whose items are all questions.
Each part is found in the page as rendered (`canhgiac.pagehtml.PageDoc`), so every output shows the same text,
source markers included.
"""

from __future__ import annotations

import re
from xml.etree import ElementTree as ET

from canhgiac.pagehtml import classes

# Marks that end a question, in the scripts the site may be written in (Latin, CJK full width, Arabic, Greek).
QUESTION_MARKS = ("?", "\uff1f", "\u061f", "\u037e")
# Marks that end a sentence: the split is made after one of these, then spaces, then a capital letter, a digit or
# a quote (a word after "e.g." or "St." would be cut too: scenarios are short stories without abbreviations).
SENTENCE_END = re.compile(r"[.!?…]+[\"”’»)]*\s+|[។။።]\s*")


def is_key_messages(el: ET.Element) -> bool:
    """The key-messages box (`!!! key-messages`)."""
    return el.tag == "div" and {"admonition", "key-messages"} <= classes(el)


def is_trainer(el: ET.Element) -> bool:
    """The trainer notes (`??? trainer`), collapsed on the website."""
    return el.tag == "details" and "trainer" in classes(el)


def is_scenario(el: ET.Element) -> bool:
    """A scenario box (`!!! scenario`, or collapsed `??? scenario`)."""
    return (el.tag == "div" and {"admonition", "scenario"} <= classes(el)) or (
        el.tag == "details" and "scenario" in classes(el))


def is_cite(el: ET.Element) -> bool:
    """A source marker (`[[law 150]]`, rendered by canhgiac.cite)."""
    return el.tag == "sup" and "cg-cite" in classes(el)


def box_title(box: ET.Element) -> str:
    """The title of a box (its admonition title or summary), as plain text."""
    for el in box:
        if isinstance(el.tag, str) and (el.tag == "summary" or "admonition-title" in classes(el)):
            return text(el)
    return ""


def box_body(box: ET.Element) -> list[ET.Element]:
    """The elements of a box after its title."""
    return [el for el in box if isinstance(el.tag, str) and el.tag != "summary" and "admonition-title" not in classes(el)]


def text(el: ET.Element) -> str:
    """The words of an element as read aloud: a source marker is its spelled-out reference, spaces are folded."""
    parts: list[str] = []

    def walk(node: ET.Element) -> None:
        if is_cite(node):
            printed = [s for s in node.iter() if "cg-cite__print" in classes(s)]
            parts.append("".join(printed[0].itertext()) if printed else "")
        else:
            parts.append(node.text or "")
            for child in node:
                if isinstance(child.tag, str):
                    walk(child)
                parts.append(child.tail or "")

    walk(el)
    return " ".join("".join(parts).split())


def discussion_questions(trainer: ET.Element) -> list[ET.Element]:
    """The items of the first list in the trainer notes whose every item is a question (the discussion questions)."""
    for el in trainer.iter():
        if el.tag in ("ol", "ul"):
            items = [li for li in el if li.tag == "li"]
            if items and all(text(li).endswith(QUESTION_MARKS) for li in items):
                return items
    return []


def sentences(words: str) -> list[str]:
    """Cut a text into sentences (for telling a scenario step by step)."""
    found, start = [], 0
    for m in SENTENCE_END.finditer(words):
        following = words[m.end():m.end() + 2].lstrip("\"“‘«(")[:1]
        if m.group()[0] in "។။።" or following.isupper() or following.isdigit():
            found.append(words[start:m.end()].strip())
            start = m.end()
    found.append(words[start:].strip())
    return [s for s in found if s]


def steps(words: str, limit: int = 190) -> list[str]:
    """Sentences grouped into steps of about `limit` characters at most (a long sentence stays whole)."""
    grouped: list[str] = []
    for sentence in sentences(words):
        if grouped and len(grouped[-1]) + 1 + len(sentence) <= limit:
            grouped[-1] += " " + sentence
        else:
            grouped.append(sentence)
    return grouped
