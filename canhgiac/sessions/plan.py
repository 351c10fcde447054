"""Which pages a session pack holds, in which order, and how a booklet imposes them (no PDF library here)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

MAX_PAGES = 28  # a booklet of seven A4 sheets still folds and staples well


@dataclass(frozen=True)
class Slot:
    """One page of a pack: the cover, a page of the handbook or the leaflet (by index), a notes page, or a blank."""

    kind: str       # "cover", "book", "leaflet", "notes", "blank"
    index: int = -1  # 0-based page of the handbook or the leaflet


@dataclass(frozen=True)
class LessonPages:
    """Where a lesson is in the rendered handbook (0-based page indexes)."""

    chapter: list[int]   # its session plan and text, worksheet, cut-out cards (with their blank backs)
    answers: list[int]   # the pages of the answer key that hold its answers
    cards: set[int]      # the cut-out pages (the page after one stays blank: it is the card's back)
    starts: dict[str, int]  # first page of each part: 'chapter', 'worksheet', 'cards', 'answers'


def top_level(name: str) -> bool:
    """Whether a named destination starts a part of the handbook (a section's id, not an anchor inside one)."""
    return "--" not in name and not name.startswith("answer-")


def lesson_pages(dests: dict[str, int], pages: int, lesson_id: str, card_sets: Iterable[str],
                 answer_ids: Iterable[str]) -> LessonPages | None:
    """Find a lesson's pages from the handbook's named destinations (name -> 0-based page); None if it is not there.

    Each part of the lesson (chapter, worksheet, each card set) runs from its own destination to the page before
    the next part that is not the lesson's; wherever the handbook puts the cards, they are found.
    """
    own = {f"lesson-{lesson_id}": "chapter", f"worksheet-{lesson_id}": "worksheet",
           **{f"cards-{lesson_id}-{s}": "cards" for s in card_sets}}
    if f"lesson-{lesson_id}" not in dests:
        return None
    foreign = sorted({p for name, p in dests.items() if top_level(name) and name not in own})
    chapter: set[int] = set()
    cards: set[int] = set()
    starts: dict[str, int] = {}
    for name, part in own.items():
        if name not in dests:
            continue
        first = dests[name]
        end = next((p for p in foreign if p > first), pages)
        chapter.update(range(first, end))
        starts[part] = min(first, starts.get(part, first))
        if part == "cards":
            cards.update(range(first, end))
    keyed = sorted(dests[a] for a in answer_ids if a in dests)
    answers = list(range(keyed[0], keyed[-1] + 1)) if keyed else []
    if answers:
        starts["answers"] = answers[0]
    return LessonPages(sorted(chapter), [p for p in answers if p not in chapter], cards, starts)


def layout(lesson: LessonPages, blank: Callable[[int], bool], leaflet_pages: int) -> list[Slot]:
    """The pack's pages: cover, the lesson's pages, the answer key, the leaflet, lined notes pages to a multiple of 4.

    A handbook page keeps its parity (left pages stay left, so the gutter margins and the cut-outs' blank backs stay
    right); where that needs a page, or the handbook has an empty page that is no card's back, a notes page goes.
    The leaflet starts on a right-hand page, so its two sides are the two sides of one leaf.
    """
    slots = [Slot("cover")]

    def add_book(index: int) -> None:
        if (len(slots) + 1) % 2 != (index + 1) % 2:
            slots.append(Slot("notes"))
        if blank(index):
            back = index - 1 in lesson.cards and not blank(index - 1)
            slots.append(Slot("blank" if back else "notes"))
        else:
            slots.append(Slot("book", index))

    for index in lesson.chapter:
        add_book(index)
    for index in lesson.answers:
        add_book(index)
    if leaflet_pages:
        if len(slots) % 2:
            slots.append(Slot("notes"))
        slots.extend(Slot("leaflet", i) for i in range(leaflet_pages))
    while len(slots) % 4:
        slots.append(Slot("notes"))
    return slots


def booklet_order(pages: int) -> list[tuple[int, int]]:
    """The (left, right) pages of each side of a booklet of `pages` pages (a multiple of 4), 1-based, in print order.

    Sheet 1 front: the last page and the first; back: the second and the one before the last; and so on. Printed
    on both sides (flip on short edge), folded and stapled, the sheets read in order.
    """
    if pages % 4:
        raise ValueError(f"a booklet needs a multiple of 4 pages, not {pages}")
    sides = []
    for sheet in range(pages // 4):
        sides.append((pages - 2 * sheet, 1 + 2 * sheet))
        sides.append((2 + 2 * sheet, pages - 1 - 2 * sheet))
    return sides
