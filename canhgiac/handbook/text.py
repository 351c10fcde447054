"""The handbook's interface strings: the package catalog of a language (canhgiac/locales)."""

from __future__ import annotations

from canhgiac.i18n import Catalog
from canhgiac.ui import strings as ui_strings


def strings(lang: str) -> Catalog:
    """Return the interface strings of one language (one catalog holds the site's and the handbook's)."""
    return ui_strings(lang)
