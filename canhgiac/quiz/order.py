"""The printed order of options and steps: a shuffle seeded by bank and question id, the same in every build.

The handbook worksheet, the answer key, the website's worksheet without JavaScript and a browser print all show
this order, so a letter in the key is the letter on the sheet. The interactive quiz may reshuffle on screen.
The shuffle draws its numbers from SHA-256 (not `random`), so it cannot change with the Python version.
"""

from __future__ import annotations

import hashlib

from canhgiac.quiz.model import LETTERS, Option, Question


def _draw(seed: bytes, i: int, n: int) -> int:
    """A number in range(n), the i-th of the stream seeded by `seed` (rejection sampling: no modulo bias)."""
    limit = (1 << 64) - (1 << 64) % n
    counter = 0
    while True:
        value = int.from_bytes(hashlib.sha256(seed + f":{i}:{counter}".encode()).digest()[:8], "big")
        if value < limit:
            return value % n
        counter += 1


def permutation(bank_id: str, question_id: str, n: int) -> list[int]:
    """A fixed permutation of range(n) for this question (Fisher–Yates)."""
    seed = f"{bank_id}/{question_id}".encode()
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = _draw(seed, i, i + 1)
        order[i], order[j] = order[j], order[i]
    return order


def options(bank_id: str, q: Question) -> list[tuple[str, Option]]:
    """The options as printed, each with its printed letter ('a', 'b', …); authored order when shuffle is off."""
    order = permutation(bank_id, q.id, len(q.options)) if q.shuffle else list(range(len(q.options)))
    return [(LETTERS[pos], q.options[i]) for pos, i in enumerate(order)]


def steps(bank_id: str, q: Question) -> list[tuple[int, dict]]:
    """The steps of an order question as printed, each with its index in the right order; never the right order."""
    n = len(q.steps)
    order = permutation(bank_id, q.id, n)
    if order == sorted(order) and n > 1:
        order = order[1:] + order[:1]
    return [(i, q.steps[i]) for i in order]


def cards(set_id: str, groups: list[int | None]) -> list[int]:
    """The printed order of a card set (indexes into its cards, given the group of each), the same in every build.

    Shuffled like the options, seeded by the set's id, so both languages print card i at the same place. An order
    that shows the answers (each group's cards side by side, as authors write them) is drawn again.
    """
    n, attempt = len(groups), 0
    while True:
        order = permutation(f"cards{attempt or ''}", set_id, n)
        shown = [groups[i] for i in order]
        runs = 1 + sum(a != b for a, b in zip(shown, shown[1:], strict=False))
        if n < 3 or len(set(groups)) < 2 or runs > len(set(groups)) or attempt >= 20:
            return order
        attempt += 1
