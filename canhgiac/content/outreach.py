"""What a lesson's leaflet and poster say: its key messages and its `leaflet` front matter, checked for length.

The key messages are the list items of the lesson's `!!! key-messages` box, read from the Markdown source so
that a message too long for a poster is reported at its own line. Printed in large type, text has a hard limit:
a message that does not fit is a build error, never an overflowing page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from canhgiac.errors import Collector

BOX = re.compile(r"^(?:!!!|\?\?\?\+?)\s+key-messages\b")
ITEM = re.compile(r"^(?P<indent>\s{4,})[-*]\s+(?P<text>.+)$")
# Characters that fit a line of the poster's message type (A3, readable from a few metres), and of the leaflet.
POSTER_MESSAGE = 90
LEAFLET_MESSAGE = 160
POSTER_MESSAGES = 3


@dataclass(frozen=True)
class Message:
    """One key message, as plain text, with its line in the lesson file."""

    text: str
    line: int


def plain(markdown: str) -> str:
    """Inline Markdown as the words a reader sees: links keep their text, emphasis marks go."""
    text = re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", markdown)
    text = re.sub(r"(\*\*|__|\*|_|`)(.+?)\1", r"\2", text)
    return " ".join(text.split())


def key_messages(body: str, first_line: int) -> list[Message]:
    """The items of the first key-messages box of a lesson body (`first_line` is the body's line in the file)."""
    lines = body.splitlines()
    for i, line in enumerate(lines):
        if BOX.match(line):
            found = []
            for j in range(i + 1, len(lines)):
                if lines[j].strip() and not lines[j].startswith((" ", "\t")):
                    break
                m = ITEM.match(lines[j])
                if m:
                    found.append(Message(plain(m.group("text")), first_line + j))
            return found
    return []


def has_outreach(lesson_file) -> bool:
    """A lesson gets a leaflet and a poster when it has key messages."""
    return bool(key_messages(lesson_file.body, lesson_file.body_line))


def poster_messages(lesson_file) -> list[Message]:
    """The poster's messages: the `leaflet.messages`, or the first key messages."""
    leaflet = lesson_file.meta.get("leaflet") or {}
    if leaflet.get("messages"):
        return [Message(text, lesson_file.line("leaflet", "messages", i)) for i, text in enumerate(leaflet["messages"])]
    return key_messages(lesson_file.body, lesson_file.body_line)[:POSTER_MESSAGES]


def check_outreach(lesson, out: Collector) -> None:
    """Every language has the same leaflet fields and counts; every printed message fits its space."""
    versions = list(lesson.versions.values())
    for lf in versions:
        messages = key_messages(lf.body, lf.body_line)
        if not messages and lf.meta.get("leaflet"):
            out.add(lf.path, lf.line("leaflet"), "the lesson has a leaflet section but no key messages to print",
                    'add a box: !!! key-messages "..." with 3 to 5 short list items')
        for m in messages:
            if len(m.text) > LEAFLET_MESSAGE:
                out.add(lf.path, m.line, f"this key message is {len(m.text)} characters, more than the "
                        f"{LEAFLET_MESSAGE} that fit the leaflet", "shorten it to one plain sentence")
        if not (lf.meta.get("leaflet") or {}).get("messages"):
            for m in messages[:POSTER_MESSAGES]:
                if len(m.text) > POSTER_MESSAGE:
                    out.add(lf.path, m.line, f"this key message is {len(m.text)} characters, more than the "
                            f"{POSTER_MESSAGE} that fit the poster",
                            "shorten it, or give the poster its own shorter text in the front matter: "
                            "leaflet: {messages: [...]}")
    first = versions[0]
    for lf in versions[1:]:
        a, b = first.meta.get("leaflet"), lf.meta.get("leaflet")
        if (a is None) != (b is None):
            has, lacks = (first, lf) if a is not None else (lf, first)
            out.add(lacks.path, 1, f"'{has.path.name}' has a 'leaflet' section and this translation has none",
                    "give every language the same leaflet fields")
            continue
        if a is None:
            continue
        for key in ("title", "messages"):
            if (key in a) != (key in b):
                out.add(lf.path, lf.line("leaflet"), f"leaflet field '{key}' is in one language only",
                        f"add it to both {first.path.name} and {lf.path.name}")
        if "messages" in a and "messages" in b and len(a["messages"]) != len(b["messages"]):
            out.add(lf.path, lf.line("leaflet", "messages"),
                    f"leaflet has {len(b['messages'])} messages here and {len(a['messages'])} in {first.path.name}",
                    "translate message by message")
        if len(key_messages(first.body, 1)) != len(key_messages(lf.body, 1)):
            out.add(lf.path, lf.body_line, "the key-messages box has a different number of items in the translations",
                    "translate message by message")
