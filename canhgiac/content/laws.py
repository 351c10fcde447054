"""The law registry: every legal document the content cites."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from canhgiac.content.loader import read_yaml
from canhgiac.content.schema import check
from canhgiac.errors import Collector

ARTICLE_KEY = re.compile(r"^[0-9]+[a-z]?$")
VIETNAMESE = re.compile(r"[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]")
LONG_EXCERPT = 300  # characters: a longer excerpt is shown collapsed on the legal documents page


@dataclass(frozen=True)
class Article:
    """An article the content cites: its heading and the excerpt it was checked against."""

    number: str
    title: dict[str, str]
    excerpt: str
    source: str | None = None
    line: int = 1

    @property
    def lang(self) -> str:
        """The language of the excerpt (the original text's): Vietnamese when it has Vietnamese letters."""
        return "vi" if VIETNAMESE.search(self.excerpt) else "en"

    @property
    def long(self) -> bool:
        """Whether the excerpt is long enough to be shown collapsed."""
        return len(self.excerpt) > LONG_EXCERPT


@dataclass(frozen=True)
class Law:
    """One legal document."""

    id: str
    number: str
    kind: str
    title: dict[str, str]
    adopted: dt.date | None
    effective: dt.date | None
    status: str
    source: str
    replaced_by: str | None = None
    amended_by: tuple[str, ...] = ()
    note: dict[str, str] | None = None
    line: int = 1
    short: dict[str, str] | None = None
    sources: tuple[str, ...] = ()
    articles: dict[str, Article] = field(default_factory=dict)

    @property
    def replaced(self) -> bool:
        """Whether a newer document replaced this one."""
        return self.status == "replaced"


def load_laws(path: Path, out: Collector, langs: Sequence[str] = ()) -> dict[str, Law] | None:
    """Load and validate laws.yml; return laws by id, or None when the file itself is broken."""
    located = read_yaml(path, out)
    if located is None:
        return None
    _article_keys(located, path, out)
    if not check(located, "laws", path, out, langs):
        return None
    laws: dict[str, Law] = {}
    for i, item in enumerate(located.data):
        if item["id"] in laws:
            out.add(path, located.line(i, "id"), f"duplicate law id '{item['id']}'", "each id must be unique")
            continue
        if item["status"] == "replaced" and "replaced_by" not in item:
            out.add(path, located.line(i, "status"), f"law '{item['id']}' is replaced but has no 'replaced_by'",
                    "name the id of the document that replaced it")
        laws[item["id"]] = Law(
            id=item["id"], number=item["number"], kind=item["kind"], title=item["title"],
            adopted=item["adopted"], effective=item["effective"], status=item["status"],
            source=item["source"], replaced_by=item.get("replaced_by"),
            amended_by=tuple(item.get("amended_by", ())), note=item.get("note"), line=located.line(i),
            short=item.get("short"), sources=tuple(item.get("sources", ())),
            articles={key: Article(key, a["title"], a["excerpt"], a.get("source"), located.line(i, "articles", key))
                      for key, a in item.get("articles", {}).items()},
        )
    for law in laws.values():
        for ref in filter(None, (law.replaced_by, *law.amended_by)):
            if ref not in laws:
                out.add(path, law.line, f"law '{law.id}' refers to unknown law '{ref}'", "add it to laws.yml or fix the id")
    return laws


def _article_keys(located, path: Path, out: Collector) -> None:
    """Read `150:` as "150" (YAML makes it a number); report keys that are not article numbers, with their line."""
    if not isinstance(located.data, list):
        return
    for i, item in enumerate(located.data):
        articles = item.get("articles") if isinstance(item, dict) else None
        if not isinstance(articles, dict):
            continue
        kept = {}
        for key, value in articles.items():
            text = str(key)
            line = located.line(i, "articles", key)
            if not ARTICLE_KEY.match(text) or isinstance(key, (bool, float)):
                out.add(path, line, f"'{text}' under 'articles:' of '{item.get('id')}' is not an article number",
                        'list each article by its number in quotes ("150", "256a"); a clause is cited in the text '
                        "as [[law-id 150.2]] but listed here under its article")
                continue
            kept[text] = value
            if not isinstance(key, str):  # keep the lines of `150:` under "150"
                for where in [w for w in located.lines if w[:3] == (i, "articles", key)]:
                    located.lines[(i, "articles", text, *where[3:])] = located.lines[where]
        item["articles"] = kept
