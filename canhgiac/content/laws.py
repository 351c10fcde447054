"""The law registry: every legal document the content cites."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from canhgiac.content.loader import read_yaml
from canhgiac.content.schema import check
from canhgiac.errors import Collector


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

    @property
    def replaced(self) -> bool:
        """Whether a newer document replaced this one."""
        return self.status == "replaced"


def load_laws(path: Path, out: Collector, langs: Sequence[str] = ()) -> dict[str, Law] | None:
    """Load and validate laws.yml; return laws by id, or None when the file itself is broken."""
    located = read_yaml(path, out)
    if located is None or not check(located, "laws", path, out, langs):
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
        )
    for law in laws.values():
        for ref in filter(None, (law.replaced_by, *law.amended_by)):
            if ref not in laws:
                out.add(path, law.line, f"law '{law.id}' refers to unknown law '{ref}'", "add it to laws.yml or fix the id")
    return laws
