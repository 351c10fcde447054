"""Statements that need a source: a block of text that names an article, a penalty, a date or a document number.

No MkDocs here. `blocks` cuts a Markdown body into the blocks a reader sees as one statement (a paragraph, a list
item, a table row, the text of a box) with their lines, code and headings left out; `claims` says what in a
text needs a source; `unsourced` lists the blocks that need one and carry no source marker ([[law-id 150]],
canhgiac.cite). scripts/report prints them per lesson.

A bare year is not a claim ("năm 2024" in running text is a date of anything): it counts only next to the name
of a legal document or a legal verb ("Luật … năm 2024", "sửa đổi năm 2025", "Decree … 2025", "in force in 2026").
An amount of money counts only beside a word of penalty or offence ("phạt … 5 triệu đồng", "chiếm đoạt 2 triệu
đồng trở lên"), not a salary ("lương 30 triệu đồng").
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
DOCUMENT = (r"(?:Bộ luật|Luật|Nghị định|Nghị quyết|Thông tư|Quyết định|Chỉ thị|Hiến pháp|Pháp lệnh|Công ước|"
            r"Nghị định thư|Law|Code|Decree|Resolution|Circular|Decision|Directive|Constitution|Ordinance|"
            r"Convention|Protocol)")
LEGAL_VERB = (r"(?:sửa đổi|bổ sung|ban hành|thông qua|có hiệu lực|hết hiệu lực|amended|amending|adopted|issued|"
              r"passed|in force|into force|took effect|takes effect|repealed)")
YEAR = r"(?:19|20)\d{2}"
# (what kind of claim, pattern); patterns are tried on the text with markers and code removed.
CLAIMS: tuple[tuple[str, re.Pattern], ...] = (
    ("article", re.compile(r"\b(?:Điều|điều)\s+\d+[a-z]?\b|\bkhoản\s+\d+\b|\bđiểm\s+[a-zđ]\s+khoản\b|"
                           r"\bArticles?\s+\d+[a-z]?\b|\bArts?\.\s*\d+|\b[Cc]lauses?\s+\d+\b")),
    ("penalty", re.compile(r"\bnăm tù\b|\bphạt tù\b|\btù chung thân\b|\btử hình\b|\bcải tạo không giam giữ\b|"
                           r"\byears?(?:'|’)? (?:in prison|of imprisonment|imprisonment)\b|\bimprisonment\b|"
                           r"\blife imprisonment\b|\bdeath penalty\b|\bnon-custodial reform\b", re.I)),
    ("date", re.compile(r"\b\d{1,2}/\d{1,2}/" + YEAR + r"\b|\bngày\s+\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+" + YEAR +
                        r"|\b\d{1,2}\s+(?:" + MONTHS + r")\s+" + YEAR + r"\b|\b(?:" + MONTHS + r")\s+\d{1,2},\s+" +
                        YEAR + r"\b")),
    # A year: after a document's name (capitalised: 'the law in force' is no document) or a legal verb
    ("date", re.compile(r"\b" + DOCUMENT + r"\b[^.;:!?\n]{0,60}?\b" + YEAR + r"\b")),
    ("date", re.compile(r"\b" + LEGAL_VERB + r"\b[^.,;:!?\n]{0,12}?\b" + YEAR + r"\b", re.I)),
)
NUMBER = re.compile(r"\b\d+/(?:\d{4}/)?[A-ZĐ]{2,}[A-ZĐ0-9]*(?:-[A-ZĐ0-9]+)*\b|\b\d+-[A-ZĐ]{2,}/[A-ZĐ]{2,}\b")
MONEY = re.compile(r"\b(?:triệu|tỷ|nghìn) đồng\b|\b(?:million|billion) (?:dong|VND)\b|\bVND\s?\d", re.I)
PENALTY_WORD = re.compile(r"phạt|xử phạt|\btù\b|tội|thu lợi|chiếm đoạt|trở lên|bồi thường|\bfine|penalt|offen[cs]e|"
                          r"crime|prison|illicit|profit|or more\b", re.I)

FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
HEADING = re.compile(r"^\s{0,3}#{1,6}\s")
BOX = re.compile(r"^\s*(?:!!!|\?\?\?\+?)\s")
ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}")
CODE_SPAN = re.compile(r"(`+).*?\1")
MARKER = re.compile(r"\[\[[^\[\]\n]*\]\]")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class Block:
    """A statement as the reader sees it, with the line it starts on."""

    line: int
    text: str


@dataclass(frozen=True)
class Unsourced:
    """A statement that names something a source should back, without a source marker."""

    line: int
    text: str
    kinds: tuple[str, ...]

    def short(self, width: int = 90) -> str:
        """The statement on one line, cut to `width` characters."""
        text = " ".join(self.text.split())
        return text if len(text) <= width else text[: width - 1] + "…"


def blocks(body: str, first_line: int = 1) -> list[Block]:
    """The paragraphs, list items, table rows and box texts of a Markdown body, outside code and headings."""
    found: list[Block] = []
    current: list[str] = []
    start = 0
    fence = None

    def close() -> None:
        if current:
            found.append(Block(start, " ".join(current)))
            current.clear()

    for n, line in enumerate(HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body).splitlines()):
        m = FENCE.match(line)
        if m or fence:
            close()
            if m:
                fence = None if fence and m.group(1).startswith(fence) else (fence or m.group(1))
            continue
        if not line.strip() or HEADING.match(line) or TABLE_RULE.match(line):
            close()
            continue
        if BOX.match(line):  # the box's title is a label; its text is the following lines
            close()
            continue
        if ITEM.match(line) or line.lstrip().startswith("|"):
            close()
            line = ITEM.sub("", line)
        if not current:
            start = first_line + n
        current.append(line.strip())
        if line.lstrip().startswith("|"):  # a table row is a statement of its own
            close()
    close()
    return found


def claims(text: str) -> tuple[str, ...]:
    """What in a text needs a source: 'article', 'penalty', 'date', 'document number' (each once, in that order)."""
    text = CODE_SPAN.sub(" ", MARKER.sub(" ", text))
    kinds = ["document number"] if NUMBER.search(text) else []
    text = NUMBER.sub(" ", text)  # the year in '162/2025/NĐ-CP' is no date
    kinds += [kind for kind, pattern in CLAIMS if pattern.search(text)]
    if MONEY.search(text) and PENALTY_WORD.search(text):
        kinds.append("penalty")
    order = ("article", "penalty", "date", "document number")
    return tuple(kind for kind in order if kind in kinds)


def has_marker(text: str) -> bool:
    """Whether a text carries a source marker."""
    return bool(MARKER.search(text))


def unsourced(body: str, first_line: int = 1) -> list[Unsourced]:
    """The statements of a Markdown body that need a source and have none."""
    out = []
    for block in blocks(body, first_line):
        kinds = claims(block.text)
        if kinds and not has_marker(block.text):
            out.append(Unsourced(block.line, block.text, kinds))
    return out


def unsourced_text(text: str, line: int) -> list[Unsourced]:
    """A single text (a quiz explanation, a leaflet line) as one statement, when it needs a source and has none."""
    kinds = claims(text)
    return [Unsourced(line, text, kinds)] if kinds and not has_marker(text) else []
