"""Card sets: the cards of a sorting activity, declared in a lesson with a ```cards fence (YAML body).

Parsed and checked here (no MkDocs): fields and lengths by canhgiac/schemas/cards.schema.json; each card's group
is one of `groups`; ids unique in the lesson; and across languages the same sets in the same order, the same
number of cards and groups, and card i in the group at the same position. The website shows a set as a list
(answers in a collapsed disclosure); the handbook prints it as cut-out cards with the answers for the trainer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from html import escape
from pathlib import Path

from canhgiac.content.schema import check
from canhgiac.errors import Collector
from canhgiac.yamlsrc import YamlProblem, load

CARDS_FENCE = "cards"


@dataclass(frozen=True)
class Card:
    """One card: its text, an optional picture word, its right group (index into `groups`) and why."""

    text: str
    cue: str = ""
    group: int | None = None
    why: str = ""


@dataclass(frozen=True)
class CardSet:
    """A set of cards in one language."""

    id: str
    title: str
    cards: tuple[Card, ...]
    groups: tuple[str, ...] = ()
    instructions: str = ""
    line: int = 1


def parse_card_set(body: str, first_line: int, path: Path, out: Collector) -> CardSet | None:
    """Parse and check the YAML body of one fence whose first body line is `first_line` of `path`."""
    try:
        located = load(body, offset=first_line - 1)
    except YamlProblem as exc:
        out.add(path, exc.line, f"card set: {exc.message}", "check indentation, colons and quotes on this line")
        return None
    if not isinstance(located.data, dict):
        out.add(path, first_line, "a cards fence holds YAML fields: id, title, cards (see docs/readme/editing.md)",
                "start with 'id: my-cards'")
        return None
    if not check(located, "cards", path, out):
        return None
    data = located.data
    groups = tuple(data.get("groups") or ())
    cards = []
    for i, card in enumerate(data["cards"]):
        group = None
        if groups:
            if "group" not in card:
                out.add(path, located.line("cards", i), f"card {i + 1} of '{data['id']}' has no 'group'",
                        f"sort it into one of: {', '.join(groups)}")
            elif card["group"] not in groups:
                out.add(path, located.line("cards", i, "group"),
                        f"card {i + 1} of '{data['id']}' names the group '{card['group']}', which is not in 'groups'",
                        f"use one of: {', '.join(groups)}")
            else:
                group = groups.index(card["group"])
        elif "group" in card:
            out.add(path, located.line("cards", i, "group"), f"card {i + 1} of '{data['id']}' names a group, "
                    "but the set has no 'groups'", "list the groups under 'groups:', or remove 'group'")
        cards.append(Card(card["text"], card.get("cue", ""), group, card.get("why", "")))
    return CardSet(data["id"], data["title"], tuple(cards), groups, data.get("instructions", ""),
                   located.line())


def parse_lesson_card_sets(path: Path, fences, out: Collector) -> tuple[list[CardSet], bool]:
    """The card sets of one lesson file, from its fences (canhgiac.content.lessons.Fence), in order.

    Also says whether a set was too broken to read (its problems are recorded): then the languages are not
    compared, which would only repeat the mistake.
    """
    sets, broken = [], False
    seen: set[str] = set()
    for fence in fences:
        if fence.lang != CARDS_FENCE:
            continue
        if fence.indent:
            out.add(path, fence.line, "a cards fence is indented (inside a box or a list)",
                    "put it at the top level of the lesson, in the section that describes the activity")
        card_set = parse_card_set(fence.body, fence.body_line, path, out)
        if card_set is None:
            broken = True
            continue
        if card_set.id in seen:
            out.add(path, card_set.line, f"duplicate card set id '{card_set.id}'", "give each set its own id")
        seen.add(card_set.id)
        sets.append(card_set)
    return sets, broken


def check_languages(sets: dict[str, list[CardSet]], paths: dict[str, Path], base: str, out: Collector) -> None:
    """Check that every language has the same sets as `base`, in the same order, card for card."""
    first = sets.get(base, [])
    for lang, mine in sets.items():
        if lang == base:
            continue
        path, base_rel = paths[lang], out.rel(paths[base])
        if [s.id for s in mine] != [s.id for s in first]:
            out.add(path, mine[0].line if mine else None,
                    f"card sets {[s.id for s in mine]} differ from {base_rel}: {[s.id for s in first]}",
                    "both languages carry the same cards fences, in the same order, with the same id")
            continue
        for a, b in zip(mine, first, strict=True):
            if len(a.groups) != len(b.groups):
                out.add(path, a.line, f"card set '{a.id}' has {len(a.groups)} groups but {base_rel} has {len(b.groups)}",
                        "translate the groups one by one")
            if len(a.cards) != len(b.cards):
                out.add(path, a.line, f"card set '{a.id}' has {len(a.cards)} cards but {base_rel} has {len(b.cards)}",
                        "card i must mean the same in both languages: translate card by card")
                continue
            for i, (ca, cb) in enumerate(zip(a.cards, b.cards, strict=True)):
                if ca.group != cb.group and ca.group is not None and cb.group is not None:
                    out.add(path, a.line, f"card {i + 1} of '{a.id}' is in group {ca.group + 1} "
                            f"('{a.groups[ca.group]}') but in group {cb.group + 1} in {base_rel}",
                            "a card goes into the group at the same position in 'groups' in every language")


def printed(card_set: CardSet) -> CardSet:
    """The set with its cards in the order they are shown, listed and printed (canhgiac.quiz.order.cards).

    Authors often write a group's cards together; shown that way, the order would give the sorting away.
    The numbers of the answers are the positions in this order.
    """
    from canhgiac.quiz import order  # the quiz package loads content modules: imported late

    shown = order.cards(card_set.id, [c.group for c in card_set.cards])
    return replace(card_set, cards=tuple(card_set.cards[i] for i in shown))


def render_card_set(card_set: CardSet, ui: dict) -> str:
    """The website's list: title, instructions, the cards in printed order; the answers in a closed disclosure."""
    card_set = printed(card_set)
    items = "".join(
        f'<li class="cg-cards__card">{f"<strong class=cg-cards__cue>{escape(c.cue)}</strong> " if c.cue else ""}'
        f"{escape(c.text)}</li>" for c in card_set.cards)
    parts = [f'<div class="cg-cards" id="cards-{escape(card_set.id)}">',
             f'<p class="cg-cards__title"><strong>{escape(ui["cards"])}: {escape(card_set.title)}</strong></p>']
    if card_set.instructions:
        parts.append(f'<p class="cg-cards__instructions">{escape(card_set.instructions)}</p>')
    if card_set.groups:
        groups = "".join(f"<li>{escape(g)}</li>" for g in card_set.groups)
        parts.append(f'<p class="cg-cards__groups-label">{escape(ui["card_groups"])}:</p>'
                     f'<ul class="cg-cards__groups">{groups}</ul>')
    parts.append(f'<ol class="cg-cards__list">{items}</ol>')
    if card_set.groups or any(c.why for c in card_set.cards):
        parts.append(f'<details class="cg-cards__answers"><summary>{escape(ui["card_answers"])}</summary>'
                     f"{answers_html(card_set)}</details>")
    parts.append("</div>")
    return "".join(parts)


def answers_html(card_set: CardSet) -> str:
    """The sorting answers: for each group its cards (numbered as listed: pass the printed set), with why."""
    def line(n: int, c: Card) -> str:
        why = f' <span class="cg-cards__why">{escape(c.why)}</span>' if c.why else ""
        return f"<li>{n}. {escape(c.text)}{why}</li>"

    if not card_set.groups:
        return '<ul class="cg-cards__answer-list">' + "".join(
            line(n, c) for n, c in enumerate(card_set.cards, start=1) if c.why) + "</ul>"
    out = []
    for g, name in enumerate(card_set.groups):
        cards = "".join(line(n, c) for n, c in enumerate(card_set.cards, start=1) if c.group == g)
        out.append(f'<p class="cg-cards__group"><strong>{escape(name)}</strong></p>'
                   f'<ul class="cg-cards__answer-list">{cards}</ul>')
    return "".join(out)
