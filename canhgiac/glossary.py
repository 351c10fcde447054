"""The glossary in alphabetical order with a jump list by first letter, as a Python-Markdown extension.

Vietnamese sorts by letters first, then tones: the alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u
ư v x y (đ is its own letter after d, not d with a mark; ă and â follow a), and only when the letters tie do
the tones decide, in the dictionary order ngang, huyền, hỏi, ngã, sắc, nặng (a à ả ã á ạ). English terms sort
by the same rule (the Latin letters Vietnamese lacks take their usual places).

On the glossary page the definition list is sorted, split under one heading per first letter (A, Ă, B, …, Đ,
…) and preceded by a list of links to those headings: plain anchors, so it works without JavaScript.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from xml.etree import ElementTree as ET

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

from canhgiac.slug import slugify

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
RANK = {letter: i for i, letter in enumerate(ALPHABET)}
# Tone marks, in dictionary order (no mark first); the other combining marks (breve, circumflex, horn) make letters.
TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}
# ASCII names for the letters' anchors, as Vietnamese keyboards (Telex) type them.
TELEX = {"ă": "aw", "â": "aa", "đ": "dd", "ê": "ee", "ô": "oo", "ơ": "ow", "ư": "uw"}


def letters(text: str) -> list[tuple[str, int]]:
    """The letters and digits of `text` (lower case, tones split off) as (letter, tone) pairs; spaces as ' '."""
    out: list[tuple[str, int]] = []
    for char in text.lower():
        decomposed = unicodedata.normalize("NFD", char)
        base, marks = decomposed[0], decomposed[1:]
        tone = next((TONES[m] for m in marks if m in TONES), 0)
        letter = unicodedata.normalize("NFC", base + "".join(m for m in marks if m not in TONES))
        if letter in RANK or letter.isdigit():
            out.append((letter, tone))
        elif letter.isspace() and out and out[-1][0] != " ":
            out.append((" ", 0))
    return out


def collation_key(text: str) -> tuple:
    """Sort key for Vietnamese (and English) terms: letters first, then tones, then the text itself."""
    pairs = letters(text)
    primary = tuple(-1 if letter == " " else (RANK[letter] + 10 if letter in RANK else int(letter))
                    for letter, _ in pairs)
    return primary, tuple(tone for _, tone in pairs), text


def initial(text: str) -> str:
    """The letter a term is filed under: 'Đội dân phòng' -> 'Đ', 'Ăn' -> 'Ă', 'Ấp' -> 'Â', '111' -> '#'."""
    first = next((letter for letter, _ in letters(text) if letter != " "), "")
    return first.upper() if first in RANK else "#"


def anchor(letter: str) -> str:
    """An ASCII id for a letter's heading: 'Đ' -> 'cg-az-dd', '#' -> 'cg-az-0'."""
    low = letter.lower()
    return "cg-az-" + (TELEX.get(low, low) if low in RANK else "0")


class GlossaryTreeprocessor(Treeprocessor):
    """Sort the page's definition lists into one list per first letter, with a jump list before them."""

    def __init__(self, md, label: Callable[[], str | None]):
        super().__init__(md)
        self.label = label

    def run(self, root: ET.Element) -> None:
        """Rebuild the top-level definition lists of the glossary page; leave other pages alone."""
        label = self.label()
        lists = [el for el in root if el.tag == "dl"]
        if label is None or not lists:
            return
        entries: list[tuple[tuple, list[ET.Element]]] = []  # (key, [dt, dd, ...]) per term
        for dl in lists:
            for el in dl:
                if el.tag == "dt" or not entries:
                    entries.append((collation_key("".join(el.itertext()).strip()), []))
                entries[-1][1].append(el)
        entries.sort(key=lambda entry: entry[0])
        taken: set[str] = set()
        for _key, elements in entries:  # each term its own anchor: the search links to it, with its name
            term = elements[0]
            if term.tag == "dt" and "id" not in term.attrib:
                base = "cg-term-" + (slugify("".join(term.itertext()).strip()) or "0")
                name, n = base, 1
                while name in taken:
                    n += 1
                    name = f"{base}-{n}"
                taken.add(name)
                term.set("id", name)
        groups: dict[str, list[ET.Element]] = {}
        for key, elements in entries:
            groups.setdefault(initial(key[2]), []).extend(elements)

        jump = ET.Element("nav", {"class": "cg-az", "aria-label": label})
        items = ET.SubElement(jump, "ul", {"class": "cg-az__list"})
        built = [jump]
        for letter, elements in groups.items():
            link = ET.SubElement(ET.SubElement(items, "li"), "a", {"href": f"#{anchor(letter)}"})
            link.text = letter
            heading = ET.Element("h2", {"id": anchor(letter), "class": "cg-az__letter"})
            heading.text = letter
            dl = ET.Element("dl", dict(lists[0].attrib))
            dl.extend(elements)
            built += [heading, dl]
        at = list(root).index(lists[0])
        for dl in lists:
            root.remove(dl)
        for offset, el in enumerate(built):
            root.insert(at + offset, el)


class GlossaryExtension(Extension):
    """Register the glossary treeprocessor; `label()` gives the jump list's name, or None on other pages."""

    def __init__(self, label: Callable[[], str | None]):
        super().__init__()
        self.label = label

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        """Run after inline markup (20), so terms read as text, and before the contents (5), which keeps our ids."""
        md.treeprocessors.register(GlossaryTreeprocessor(md, self.label), "canhgiac_glossary", 15)
