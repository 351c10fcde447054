"""Load and validate quiz banks (quizzes/<id>.yml)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from canhgiac.content.loader import read_yaml
from canhgiac.content.schema import check
from canhgiac.errors import Collector

KINDS = ("single", "multiple", "true-false", "scenario", "order")
LETTERS = "abcdefghij"


@dataclass(frozen=True)
class Option:
    """One answer option."""

    key: str
    text: dict[str, str]
    correct: bool = False
    feedback: dict[str, str] | None = None


@dataclass(frozen=True)
class Question:
    """One question of any kind; true-false and order are normalised to options/steps."""

    id: str
    kind: str
    prompt: dict[str, str]
    explanation: dict[str, str]
    options: tuple[Option, ...] = ()
    steps: tuple[dict[str, str], ...] = ()
    story: dict[str, str] | None = None
    answer: bool | None = None
    cite: dict[str, str] | None = None
    shuffle: bool = True
    line: int = 1
    # The explanation and feedback texts, which show source markers ([[law-id 150]]) and state facts:
    # (language, text, line); and the line of `cite`.
    texts: tuple[tuple[str, str, int], ...] = ()
    cite_line: int = 1


@dataclass
class Bank:
    """A quiz bank: the questions of one lesson, in every language."""

    id: str
    title: dict[str, str]
    questions: list[Question]
    path: Path
    shuffle: bool = True
    used_by: list[str] = field(default_factory=list)


def _rules(q: dict, i: int, located, path: Path, out: Collector) -> None:
    """Check what a schema cannot: right answers, fields per kind."""
    kind, at = q["kind"], (lambda *k: located.line("questions", i, *k))
    options = q.get("options", [])
    right = sum(1 for o in options if o.get("correct"))
    needs_options = kind in ("single", "multiple", "scenario")
    if needs_options and not options:
        out.add(path, at(), f"question '{q['id']}' ({kind}) has no options", "add 'options:' with 2 or more items")
        return
    if not needs_options and options:
        out.add(path, at("options"), f"a {kind} question has no 'options'", "remove them; see the quiz schema")
    if needs_options and right == 0:
        out.add(path, at(), f"question '{q['id']}' has no right answer", "mark the right option with 'correct: true'")
    elif kind in ("single", "scenario") and right > 1:
        out.add(path, at(), f"question '{q['id']}' ({kind}) has {right} right answers",
                "mark exactly one option 'correct: true', or use kind: multiple")
    elif kind == "multiple" and right == 1:
        out.add(path, at(), f"question '{q['id']}' (multiple) has only one right answer",
                "mark two or more options 'correct: true', or use kind: single")
    if kind == "scenario":
        if "story" not in q:
            out.add(path, at(), f"scenario question '{q['id']}' has no 'story'", "tell the short story first")
        for j, o in enumerate(options):
            if "feedback" not in o:
                out.add(path, at("options", j), f"option {j + 1} of scenario question '{q['id']}' has no 'feedback'",
                        "explain why this choice is safe or risky")
    if kind == "true-false" and "answer" not in q:
        out.add(path, at(), f"true-false question '{q['id']}' has no 'answer'", "add 'answer: true' or 'answer: false'")
    if kind == "order" and "steps" not in q:
        out.add(path, at(), f"order question '{q['id']}' has no 'steps'", "list the steps in the right order")


def _texts(q: dict, i: int, located) -> tuple[tuple[str, str, int], ...]:
    """The explanation and feedback texts of a question, with their lines."""
    found = [(lang, text, located.line("questions", i, "explanation", lang)) for lang, text in q["explanation"].items()]
    for j, o in enumerate(q.get("options", [])):
        found += [(lang, text, located.line("questions", i, "options", j, "feedback", lang))
                  for lang, text in (o.get("feedback") or {}).items()]
    return tuple(found)


def load_bank(path: Path, out: Collector, langs: Sequence[str] = ()) -> Bank | None:
    """Load one bank; record problems; return None if it is unusable."""
    located = read_yaml(path, out)
    if located is None:
        return None
    data = located.data
    skip: set[int] = set()  # questions whose kind is unknown: checked no further
    listed = data.get("questions") if isinstance(data, dict) else None
    for i, q in enumerate(listed if isinstance(listed, list) else []):  # other shapes: the schema reports them
        if not isinstance(q, dict):
            continue
        if q.get("kind") not in KINDS:
            out.add(path, located.line("questions", i, "kind"), f"unknown question kind {q.get('kind')!r}",
                    f"use one of: {', '.join(KINDS)}")
            q["kind"] = "true-false"  # reported; keep validating the rest of the file
            q.setdefault("answer", True)
            skip.add(i)
        elif "answer" in q and q["kind"] != "true-false":
            out.add(path, located.line("questions", i, "answer"), f"question '{q.get('id')}' names an 'answer', "
                    f"but a {q['kind']} question marks its right answers on the options",
                    "write 'correct: true' under the right option(s) instead")
            del q["answer"]
    if not check(located, "quiz", path, out, langs):
        return None
    if data["id"] != path.stem:
        out.add(path, located.line("id"), f"the id '{data['id']}' does not match the file name '{path.stem}'",
                f"use id: {path.stem}, or rename the file")
    seen: set[str] = set()
    questions = []
    for i, q in enumerate(data["questions"]):
        if q["id"] in seen:
            out.add(path, located.line("questions", i, "id"), f"duplicate question id '{q['id']}'",
                    "give each question its own id")
        seen.add(q["id"])
        if i not in skip:
            _rules(q, i, located, path, out)
        options = tuple(
            Option(LETTERS[j], o["text"], bool(o.get("correct")), o.get("feedback"))
            for j, o in enumerate(q.get("options", []))
        )
        questions.append(Question(
            id=q["id"], kind=q["kind"], prompt=q["prompt"], explanation=q["explanation"], options=options,
            steps=tuple(q.get("steps", ())), story=q.get("story"), answer=q.get("answer"), cite=q.get("cite"),
            shuffle=q.get("shuffle", data.get("shuffle", True)), line=located.line("questions", i),
            texts=_texts(q, i, located), cite_line=located.line("questions", i, "cite"),
        ))
    return Bank(data["id"], data["title"], questions, path, data.get("shuffle", True))


def load_banks(folder: Path, out: Collector, langs: Sequence[str] = ()) -> dict[str, Bank]:
    """Load every bank in `folder`."""
    banks = {}
    for path in sorted(folder.glob("*.yml")) if folder.is_dir() else []:
        bank = load_bank(path, out, langs)
        if bank is not None:
            banks[bank.id] = bank
    for path in sorted(folder.glob("*.yaml")) if folder.is_dir() else []:
        out.add(path, None, "quiz banks end in .yml", f"rename it to {path.stem}.yml")
    return banks
