"""Interface strings from gettext catalogs: the package's, overridden entry by entry by the project's.

Each language has one catalog, `canhgiac/locales/<lang>/LC_MESSAGES/canhgiac.po`, holding every string any output
shows. msgids are symbolic keys (`quick_exit`, `search_label`…) and every catalog is complete ("monolingual"
gettext): the `en` catalog is the reference for translators. A project overrides a string without editing the
package in `locales/<lang>/LC_MESSAGES/canhgiac.po` beside mkdocs.yml; that file also adds a language the package
has no catalog for. Catalogs are compiled in memory with Babel when the build starts; no `.mo` file is written.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path

from babel import Locale, UnknownLocaleError
from babel.dates import format_date as babel_format_date
from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po
from babel.support import Translations

from canhgiac.errors import ContentError, Problem

DOMAIN = "canhgiac"
PACKAGE_LOCALES = Path(__file__).parent / "locales"
PROJECT_LOCALES = "locales"  # beside mkdocs.yml
# msgids a project catalog may add beyond the package's: Material's own strings for a language Material ships none
# for (`material.<key>`, read by canhgiac.plugin.pages.material_language).
EXTRA_PREFIXES = ("material.",)
# A line of a .po file that is not a comment: a keyword and a quoted string, or a continued quoted string.
PO_LINE = re.compile(r'^\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?"(?:[^"\\]|\\.)*"\s*$')
# A msgid ending in `_<CLDR plural category>` is one plural form of a text with a number (`search_results_one`,
# `search_results_other`): the browser picks the form with Intl.PluralRules. `other` is required in every catalog;
# the others are optional (a language without that category, Vietnamese, leaves them out or empty).
PLURAL_CATEGORIES = ("zero", "one", "two", "few", "many", "other")
SYNTAX_HINT = ('each entry is msgid "key" then msgstr "text" on the next line, with " inside the text written \\"; '
               "Poedit or `msgfmt --check` point at the mistake")


def plural_form(msgid: str, known: set[str] | frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """(base, category) when `msgid` is an optional plural form (not `other`) of a known `<base>_other`."""
    base, _, category = msgid.rpartition("_")
    if category in PLURAL_CATEGORIES[:-1] and f"{base}_other" in known:
        return base, category
    return None


def catalog_path(root: Path, lang: str) -> Path:
    """Where the catalog of `lang` lives under a locales folder."""
    return root / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def package_languages() -> list[str]:
    """The languages the package ships a catalog for."""
    return sorted(p.parent.parent.name for p in PACKAGE_LOCALES.glob(f"*/LC_MESSAGES/{DOMAIN}.po"))


@dataclass(frozen=True)
class _Entry:
    text: str
    shown: str  # the file as an editor sees it
    line: int | None


class _Source:
    """One parsed .po file: its entries with their lines, and the entries it cannot use."""

    def __init__(self, path: Path, shown: str, problems: list[Problem]):
        self.shown = shown
        self.entries: dict[str, _Entry] = {}
        self.empty: dict[str, int | None] = {}  # msgid -> line: untranslated or fuzzy, so not usable
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            problems.append(Problem(shown, None, f"cannot read the catalog: {exc}", "save it as UTF-8 text"))
            return
        # Babel reads an unterminated string or a misspelt keyword leniently: check every line first.
        for number, line in enumerate(text.splitlines(), start=1):
            if line.strip() and not line.lstrip().startswith("#") and not PO_LINE.match(line):
                problems.append(Problem(shown, number, f"this line is not valid .po syntax: {line.strip()}", SYNTAX_HINT))
                return
        try:
            catalog = read_po(io.BytesIO(text.encode("utf-8")), abort_invalid=True)
        except (PoFileError, ValueError) as exc:
            line = getattr(exc, "lineno", None)
            problems.append(Problem(shown, line + 1 if isinstance(line, int) else None,
                                    f"cannot read the catalog: {exc}", SYNTAX_HINT))
            return
        for message in catalog:
            if not message.id or not isinstance(message.id, str):
                continue  # the header, or a plural entry (none are used)
            line = message.lineno or None
            if message.fuzzy or not message.string:
                self.empty[message.id] = line
            else:
                self.entries[message.id] = _Entry(message.string, shown, line)


class Catalog(Mapping[str, str]):
    """The interface strings of one language: msgid -> text, plus gettext for Jinja and dates in its locale."""

    def __init__(self, lang: str, texts: dict[str, str]):
        self.lang = lang
        self._texts = dict(texts)

    def __getitem__(self, msgid: str) -> str:
        return self._texts[msgid]

    def __iter__(self) -> Iterator[str]:
        return iter(self._texts)

    def __len__(self) -> int:
        return len(self._texts)

    def __repr__(self) -> str:
        return f"<Catalog {self.lang}: {len(self)} strings>"

    def plural(self, base: str) -> dict[str, str]:
        """The plural forms of a text with a number, by CLDR category: {"one": "{n} result", "other": …}."""
        return {cat: self._texts[f"{base}_{cat}"] for cat in PLURAL_CATEGORIES if f"{base}_{cat}" in self._texts}

    def gettext(self, msgid: str) -> str:
        """The text of a msgid (the msgid itself when unknown, as gettext does)."""
        return self._texts.get(msgid, msgid)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        """The plural form of a msgid for `n`, by the language's rule (Plural-Forms).

        Without a plural entry (msgid_plural, msgstr[i]), the text of `singular` for 1 and of `plural` otherwise.
        """
        text = self.translations.ngettext(singular, plural, n)
        return self.gettext(text) if text in (singular, plural) else text

    @cached_property
    def translations(self) -> Translations:
        """The catalog compiled with Babel, for `env.install_gettext_translations(…, newstyle=True)`.

        Jinja's newstyle gettext %-formats every string it returns, so a literal % is doubled here; the texts'
        own placeholders are `{n}`, filled with `.format()` in templates as in Python.
        """
        return _compile(self.lang, {k: v.replace("%", "%%") for k, v in self._texts.items()})

    @cached_property
    def locale(self) -> Locale:
        """The Babel (CLDR) locale of the language, for month names and the decimal sign."""
        return _locale(self.lang)

    def format_date(self, value: dt.date | str) -> str:
        """A date (or an ISO date string) as readers of this language write it, by the catalog's `date_format`."""
        if isinstance(value, str):
            value = dt.date.fromisoformat(value)
        return babel_format_date(value, format=self.gettext("date_format"), locale=self.locale)


def _locale(lang: str) -> Locale:
    try:
        return Locale.parse(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(lang.split("-")[0].split("_")[0])


def _compile(lang: str, texts: dict[str, str]) -> Translations:
    catalog = BabelCatalog(locale=_locale(lang), domain=DOMAIN)
    for msgid, text in texts.items():
        catalog.add(msgid, text)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


class Catalogs(Mapping[str, Catalog]):
    """The catalog of every site language: `catalogs["vi"]["quick_exit"]`."""

    def __init__(self, catalogs: dict[str, Catalog]):
        self._catalogs = catalogs

    def __getitem__(self, lang: str) -> Catalog:
        return self._catalogs[lang]

    def __iter__(self) -> Iterator[str]:
        return iter(self._catalogs)

    def __len__(self) -> int:
        return len(self._catalogs)

    @classmethod
    def load(cls, langs: Sequence[str], project_dir: Path | None = None) -> Catalogs:
        """Read and check the catalogs of `langs` (the first is the default), with the project's overrides.

        Raises ContentError naming the .po file and line: a language without a catalog, a catalog that lacks a
        msgid the package has (or has one it does not), a .po syntax error.
        """
        problems: list[Problem] = []
        project = Path(project_dir) / PROJECT_LOCALES if project_dir is not None else None

        def shown_project(lang: str) -> str:
            return f"{PROJECT_LOCALES}/{lang}/LC_MESSAGES/{DOMAIN}.po"

        # The contract: the msgids of the package's catalogs, which templates and code use.
        known: set[str] = set()
        package: dict[str, _Source] = {}
        for lang in dict.fromkeys([*langs, *package_languages()]):
            path = catalog_path(PACKAGE_LOCALES, lang)
            if path.is_file():
                package[lang] = _Source(path, f"canhgiac/locales/{lang}/LC_MESSAGES/{DOMAIN}.po", problems)
                known |= package[lang].entries.keys() | package[lang].empty.keys()
        catalogs: dict[str, Catalog] = {}
        for lang in langs:
            base = package.get(lang)
            path = catalog_path(project, lang) if project is not None else None
            own = _Source(path, shown_project(lang), problems) if path is not None and path.is_file() else None
            if base is None and own is None:
                problems.append(Problem(shown_project(lang), None, f"the site language '{lang}' has no interface "
                                        "strings catalog",
                                        f"copy canhgiac/locales/en/LC_MESSAGES/{DOMAIN}.po (the reference) to "
                                        f"{shown_project(lang)} beside mkdocs.yml and translate every msgstr; "
                                        "or remove the language from the i18n plugin's `languages:` in mkdocs.yml"))
                continue
            entries: dict[str, _Entry] = dict(base.entries) if base is not None else {}
            unusable = {**(base.empty if base is not None else {}), **(own.empty if own is not None else {})}
            # an optional plural form left empty is simply not a form of this language
            unusable = {msgid: line for msgid, line in unusable.items() if not plural_form(msgid, known)}
            if own is not None:
                for msgid, entry in own.entries.items():
                    if msgid not in known and not msgid.startswith(EXTRA_PREFIXES) and not plural_form(msgid, known):
                        problems.append(Problem(own.shown, entry.line, f"unknown msgid '{msgid}'",
                                                "a project catalog only overrides the package's strings: check the "
                                                f"spelling against canhgiac/locales/en/LC_MESSAGES/{DOMAIN}.po"))
                    else:
                        entries[msgid] = entry
            for msgid in sorted(unusable):  # untranslated or fuzzy: refused, not silently left out
                source = own if own is not None and msgid in own.empty else base
                problems.append(Problem(source.shown, unusable[msgid],
                                        f"msgid '{msgid}' has no usable text (empty or marked fuzzy)",
                                        "write the msgstr and remove the `#, fuzzy` line"))
            for msgid in sorted(known - entries.keys() - unusable.keys()):
                if plural_form(msgid, known):
                    continue  # optional: the `other` form stands for it
                if msgid.endswith("_other"):
                    problems.append(Problem((base or own).shown, None, f"msgid '{msgid}' is missing: the plural form "
                                            f"'other' of '{msgid.removesuffix('_other')}' is needed in every language",
                                            "add it with the text for any number, written with {n}; the forms 'one', "
                                            "'few'… are optional, by the language's CLDR plural rules"))
                    continue
                problems.append(Problem((base or own).shown, None, f"msgid '{msgid}' is missing",
                                        f"add it (see canhgiac/locales/en/LC_MESSAGES/{DOMAIN}.po), "
                                        "or run `scripts/i18n update`"))
            catalogs[lang] = Catalog(lang, {msgid: entries[msgid].text for msgid in sorted(entries)})
        if problems:
            raise ContentError(problems)
        return cls(catalogs)


@cache
def package_catalog(lang: str) -> Catalog:
    """A language's catalog as the package ships it (no project's overrides): for tools and tests."""
    return Catalogs.load([lang])[lang]


class _PackageCatalogs(Mapping[str, Catalog]):
    """Every catalog the package ships, read when first asked for."""

    def __getitem__(self, lang: str) -> Catalog:
        if lang not in package_languages():
            raise KeyError(lang)
        return package_catalog(lang)

    def __iter__(self) -> Iterator[str]:
        return iter(package_languages())

    def __len__(self) -> int:
        return len(package_languages())


PACKAGE_CATALOGS: Mapping[str, Catalog] = _PackageCatalogs()
