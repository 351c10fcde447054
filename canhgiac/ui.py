"""Interface strings of the package's catalogs (canhgiac/locales), for code not yet handed a Catalog.

A shim: the strings live in gettext catalogs (canhgiac.i18n). Call sites get `Catalogs.load(...)[lang]`, which
also applies the project's overrides; these functions read the package's catalogs only.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from functools import cache

from canhgiac.i18n import Catalog, Catalogs, package_languages


@cache
def strings(lang: str) -> Catalog:
    """Return the interface strings of a language, from the package's catalog."""
    return Catalogs.load([lang])[lang]


def format_date(value, lang: str) -> str:
    """Format a date as readers of `lang` write it (the catalog's date_format): 29/11/2026, 29 November 2026."""
    return strings(lang).format_date(value)


class _PackageCatalogs(Mapping[str, Catalog]):
    """Every catalog the package ships, read when first asked for."""

    def __getitem__(self, lang: str) -> Catalog:
        if lang not in package_languages():
            raise KeyError(lang)
        return strings(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(package_languages())

    def __len__(self) -> int:
        return len(package_languages())


STRINGS: Mapping[str, Catalog] = _PackageCatalogs()
