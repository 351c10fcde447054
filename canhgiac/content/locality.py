"""Locality settings: province, organisation, hotlines and contacts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from canhgiac.content.loader import read_yaml
from canhgiac.content.schema import check
from canhgiac.errors import Collector


@dataclass(frozen=True)
class Locality:
    """The settings another province changes to reuse the curriculum."""

    province: dict[str, str]
    organisation: dict[str, str]
    program: dict[str, str]
    year: int
    review_max_age_days: int
    hotlines: list[dict[str, Any]]
    site_url: str = ""  # where the site is published, ending in '/'; empty until it is known
    contacts: list[dict[str, Any]] = field(default_factory=list)
    page_size: str = "A5"
    quick_exit_url: str = "https://www.google.com/"
    pass_mark: int = 80  # SCORM: percentage of right answers recorded as 'passed'

    @staticmethod
    def tel(number: str) -> str:
        """Return a tel: URI for a phone number as written."""
        return "tel:" + "".join(ch for ch in number if ch.isdigit() or ch == "+")

    @staticmethod
    def hotline_id(number: str) -> str:
        """The anchor of a hotline on the hotlines page (its template and the search index both use it)."""
        return "cg-hotline-" + "".join(number.split())

    @staticmethod
    def contact_id(index: int) -> str:
        """The anchor of the `index`-th local contact (from 1) on the hotlines page."""
        return f"cg-contact-{index}"


def load_locality(path: Path, out: Collector, langs: Sequence[str] = ()) -> Locality | None:
    """Load and validate the locality file."""
    located = read_yaml(path, out)
    if located is None or not check(located, "locality", path, out, langs):
        return None
    data = dict(located.data)
    handbook = data.pop("handbook", {}) or {}
    scorm = data.pop("scorm", {}) or {}
    data["site_url"] = data.get("site_url") or ""
    return Locality(page_size=handbook.get("page_size", "A5"), pass_mark=scorm.get("pass_mark", 80), **data)
