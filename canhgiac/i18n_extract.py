"""Find the msgids the templates and the Python code use; carry translator comments over; check the catalogs.

The commands behind `scripts/i18n` (which runs pybabel for the rest):

    python -m canhgiac.i18n_extract comments NEW.pot OLD.pot   keep OLD's `#.` comments on NEW's entries
    python -m canhgiac.i18n_extract check                      the package's catalogs against each other and the code

Python code reads interface strings as `ui["key"]` from a Catalog, which pybabel's own extractor does not see:
`extract_python` (named in babel.cfg) reports a string subscript of a catalog, a `_()`/`gettext()`/`N_()` call,
and every string of a module-level tuple whose name ends in `_STRINGS` (msgids read in a loop).
"""

from __future__ import annotations

import ast
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

from canhgiac.errors import ContentError
from canhgiac.i18n import DOMAIN, PACKAGE_LOCALES, Catalogs, catalog_path, package_languages

MAPPING = PACKAGE_LOCALES / "babel.cfg"
REPO = PACKAGE_LOCALES.parent.parent  # the mapping's paths are relative to the repository
# What holds a Catalog in the code: `ui["key"]`, `self.s["key"]`, `strings(lang)["key"]`, `self.catalogs[lang]["key"]`.
CATALOG_NAMES = frozenset({"ui", "s", "s1", "s2"})
CATALOG_FUNCTIONS = frozenset({"strings", "ui_strings"})
CATALOGS_NAMES = frozenset({"catalogs"})
GETTEXT_FUNCTIONS = frozenset({"_", "gettext", "N_"})


def _name(node: ast.AST) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _is_catalog(node: ast.AST) -> bool:
    if _name(node) in CATALOG_NAMES:
        return True
    if isinstance(node, ast.Call) and _name(node.func) in CATALOG_FUNCTIONS:
        return True
    return isinstance(node, ast.Subscript) and _name(node.value) in CATALOGS_NAMES


def _string(node: ast.AST | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def python_msgids(source: str) -> Iterator[tuple[int, str]]:
    """(line, msgid) of every interface string a Python module reads."""
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.Subscript) and _is_catalog(node.value) and _string(node.slice) is not None:
            yield node.lineno, _string(node.slice)
        elif isinstance(node, ast.Call) and _name(node.func) in GETTEXT_FUNCTIONS and node.args:
            if _string(node.args[0]) is not None:
                yield node.lineno, _string(node.args[0])
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id.endswith("_STRINGS") for t in targets) and isinstance(node.value, ast.Tuple):
            for item in node.value.elts:
                if _string(item) is not None:
                    yield item.lineno, _string(item)


def extract_python(fileobj, keywords, comment_tags, options):
    """Babel extraction method for canhgiac's Python code (see the module docstring)."""
    source = fileobj.read().decode(options.get("encoding", "utf-8"))
    for line, msgid in python_msgids(source):
        yield line, "_", msgid, []


@dataclass(frozen=True)
class Use:
    """Where a msgid is used."""

    msgid: str
    path: str
    line: int


def used_msgids(root: Path = REPO) -> list[Use]:
    """Every msgid the templates and the code use, by the mapping of babel.cfg (as `scripts/i18n extract`)."""
    with MAPPING.open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f, filename=str(MAPPING))
    return [Use(msgid, path, line)
            for path, line, msgid, _, _ in extract_from_dir(root, method_map, options_map, keywords={"_": None})
            if isinstance(msgid, str)]


def carry_comments(new_pot: Path, old_pot: Path) -> None:
    """Give the entries of a freshly extracted .pot the translator comments (#.) of the previous one."""
    with new_pot.open("rb") as f:
        new = read_po(f)
    if old_pot.is_file():
        with old_pot.open("rb") as f:
            old = read_po(f)
        for message in new:
            before = old.get(message.id) if message.id else None
            if before is not None and before.auto_comments:
                message.auto_comments = list(dict.fromkeys([*before.auto_comments, *message.auto_comments]))
    with new_pot.open("wb") as f:
        write_po(f, new, width=None)  # as pybabel --no-wrap


def check() -> list[str]:
    """Problems of the package's catalogs: unusable or missing entries, msgids used but absent, or unused."""
    problems: list[str] = []
    langs = package_languages()
    try:
        Catalogs.load(langs)
    except ContentError as exc:
        problems.extend(str(p) for p in exc.problems)
    msgids: dict[str, set[str]] = {}
    for lang in langs:
        with catalog_path(PACKAGE_LOCALES, lang).open("rb") as f:
            msgids[lang] = {m.id for m in read_po(f) if m.id}
    every = set().union(*msgids.values()) if msgids else set()
    for use in used_msgids():
        for lang in langs:
            if use.msgid not in msgids[lang]:
                problems.append(f"{use.path}:{use.line}: msgid '{use.msgid}' is not in the '{lang}' catalog\n"
                                f"    hint: add it to every canhgiac/locales/*/LC_MESSAGES/{DOMAIN}.po "
                                "(scripts/i18n update adds it untranslated)")
    unused = every - {use.msgid for use in used_msgids()}
    for msgid in sorted(unused):
        problems.append(f"canhgiac/locales: msgid '{msgid}' is used by no template or code\n"
                        "    hint: remove it (scripts/i18n update), or list it in a *_STRINGS tuple if it is read "
                        "under a computed name")
    return problems


def main(argv: list[str]) -> int:
    """Run one command (see the module docstring)."""
    if argv[:1] == ["comments"] and len(argv) == 3:
        carry_comments(Path(argv[1]), Path(argv[2]))
        return 0
    if argv == ["check"]:
        problems = check()
        for problem in problems:
            sys.stderr.write(f"{problem}\n")
        count = len(problems)
        if count:
            sys.stderr.write(f"{count} problem{'s' if count != 1 else ''} in the interface strings\n")
        else:
            sys.stdout.write(f"catalogs {', '.join(package_languages())}: the same msgids, all translated, all used\n")
        return 1 if problems else 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
