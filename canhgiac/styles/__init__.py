"""Stylesheets and scripts as a phone downloads them: only the CSS rules the built pages use, no comments.

Material's stylesheet (about 137 KB, 22.7 KB gzip) styles every feature Material has; a page of this site uses a
small part of it. `purge` keeps a rule when one of its selectors matches an element of a built page, and drops
the selectors of a list that match none. A selector is matched with its states taken away: `:hover`, `:focus`,
`:checked`, `:not(…)`, `:has(…)`, `::before` and every other pseudo-class but `:root` become "any element", so
`.md-toggle:checked ~ .md-container .md-sidebar` (the open drawer) is kept because the toggle, the container and
the sidebar are in the page, open or not. What scripts add to a page that the HTML does not hold is described in
`SAFELIST_HTML`, matched like a page. Rules inside `@media` (print included) and `@supports` are purged the same
way; `@keyframes` stay when a kept declaration names them; custom properties (`--md-…`) stay when a kept
declaration, another kept property or our own stylesheet reads them (`var(--md-…)`). A selector the matcher cannot
read is kept. Same stylesheet and pages, same bytes.

`minify_css` writes a stylesheet without comments and with the least whitespace; `strip_js` takes the comments
and the indentation out of a script, line by line (it never joins lines, so automatic semicolons stay where they
were). No module here imports MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import cssselect2
import tinycss2
import tinyhtml5
from tinycss2.ast import AtRule, Declaration, FunctionBlock, IdentToken, LiteralToken, QualifiedRule, WhitespaceToken

# What the client modules add to a page at run time, with the Material classes it wears, so that rules for it are
# kept: the search dialog (search-ui.js) and the full lesson list of the menu (menu.js copies the markup of the
# menu's own lesson entries, whose classes are in every page). Our own stylesheet is not purged.
SAFELIST_HTML = """<!doctype html><html><body>
<dialog class="cg-search" open><div class="cg-search__bar"><label></label><input type="search">
<button type="button"></button></div><p></p><ol><li><a href="#"><span></span><span><mark></mark></span></a>
<p></p></li><li><button type="button"></button></li></ol></dialog>
</body></html>"""
# Pseudo-classes that do not change with the reader's actions or the scripts: matched as written.
STATIC_PSEUDO = {"root"}
# Functional pseudo-classes that hold alternatives: their arguments are simplified and matched.
ALTERNATIVES = {"is", "where", "matches", "-webkit-any", "-moz-any"}
ANY = tinycss2.parse_component_value_list(":is(*)")


# -- purge -------------------------------------------------------------------------------------------------

def read_page(path: Path) -> cssselect2.ElementWrapper:
    """A built page as an element tree the matcher walks."""
    return cssselect2.ElementWrapper.from_html_root(
        tinyhtml5.parse(path.read_bytes(), namespace_html_elements=False))


def page_tree(html: str) -> cssselect2.ElementWrapper:
    """HTML text (the safelist) as an element tree."""
    return cssselect2.ElementWrapper.from_html_root(tinyhtml5.parse(html, namespace_html_elements=False))


def _split(tokens: list) -> list[list]:
    """A selector list's tokens, cut at its top-level commas."""
    parts: list[list] = [[]]
    for token in tokens:
        if isinstance(token, LiteralToken) and token.value == ",":
            parts.append([])
        else:
            parts[-1].append(token)
    return parts


def stateless(tokens: list) -> list:
    """A selector with every state and pseudo-element replaced by `:is(*)` (any element); alternatives kept."""
    out: list = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if isinstance(token, LiteralToken) and token.value == ":":
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if isinstance(nxt, LiteralToken) and nxt.value == ":":   # ::before, ::-webkit-scrollbar, ::selection(…)
                out.extend(ANY)
                i += 3
                continue
            if isinstance(nxt, IdentToken) and nxt.lower_value in STATIC_PSEUDO:
                out.extend((token, nxt))
            elif isinstance(nxt, FunctionBlock) and nxt.lower_name in ALTERNATIVES:
                args = [stateless(part) for part in _split(nxt.arguments)]
                joined: list = []
                for n, part in enumerate(args):
                    joined.extend(([LiteralToken(0, 0, ",")] if n else []) + part)
                out.extend((token, FunctionBlock(0, 0, nxt.name, joined)))
            else:
                out.extend(ANY)
            i += 2
            continue
        out.append(token)
        i += 1
    return out


def _required(tokens: list) -> set[str]:
    """Class names a selector needs on some element (outside :is()/:where() alternatives)."""
    names = set()
    for a, b in zip(tokens, tokens[1:], strict=False):
        if isinstance(a, LiteralToken) and a.value == "." and isinstance(b, IdentToken):
            names.add(b.value)
    return names


class Purge:
    """The selectors of one stylesheet matched against pages; `used()` tells which selector parts matched."""

    def __init__(self, rules: list):
        self.parts: dict[tuple[int, int], list] = {}   # (rule id, part index) -> the selector's original tokens
        self.unreadable: set[tuple[int, int]] = set()
        self.compiled: list[tuple[tuple[int, int], list, set[str]]] = []
        self.children: dict[int, list] = {}   # id of an @media or @supports rule -> its rules
        self._collect(rules)
        self.matched: set[tuple[int, int]] = set()

    def _collect(self, rules: list) -> None:
        for rule in rules:
            if isinstance(rule, QualifiedRule):
                for n, part in enumerate(_split(rule.prelude)):
                    key = (id(rule), n)
                    self.parts[key] = part
                    simple = stateless(part)
                    try:
                        selectors = cssselect2.compile_selector_list(simple)
                    except Exception:   # noqa: BLE001 (a selector cssselect2 cannot read: keep it)
                        self.unreadable.add(key)
                        continue
                    self.compiled.append((key, selectors, _required(simple)))
            elif isinstance(rule, AtRule) and rule.lower_at_keyword in ("media", "supports") and rule.content:
                self.children[id(rule)] = tinycss2.parse_rule_list(rule.content, skip_comments=True,
                                                                   skip_whitespace=True)
                self._collect(self.children[id(rule)])

    def match(self, trees: Iterable[cssselect2.ElementWrapper]) -> None:
        """Match every selector that may apply against every element of the trees."""
        trees = list(trees)
        classes: set[str] = set()
        for tree in trees:
            for element in tree.iter_subtree():
                classes.update(element.classes)
        matcher = cssselect2.Matcher()
        for key, selectors, required in self.compiled:
            if required <= classes:
                for selector in selectors:
                    matcher.add_selector(selector, key)
        for tree in trees:
            for element in tree.iter_subtree():
                for *_, key in matcher.match(element):
                    self.matched.add(key)

    def used(self, rule: QualifiedRule) -> list[list]:
        """The parts of a rule's selector list that matched (or could not be read)."""
        return [tokens for (rid, n), tokens in self.parts.items()
                if rid == id(rule) and ((rid, n) in self.matched or (rid, n) in self.unreadable)]


def purge(css: str, trees: Iterable[cssselect2.ElementWrapper], keep_vars_of: str = "") -> str:
    """The stylesheet reduced to the rules the pages use, minified. `keep_vars_of`: CSS that reads its variables."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    matcher = Purge(rules)
    matcher.match(trees)
    kept = _keep(rules, matcher)
    theirs = set(re.findall(r"var\(\s*(--[\w-]+)", keep_vars_of))
    reads: set[str] | None = None   # at first every variable; then the ones read, until nothing more goes
    while True:
        text = _serialize(kept, used_vars=reads)
        now = set(re.findall(r"var\(\s*(--[\w-]+)", text)) | theirs
        if now == reads:
            break
        reads = now
    names = {word for value in re.findall(r"animation(?:-name)?:([^;}]+)", text)
             for word in re.findall(r"[\w-]+", value)}
    return _serialize(kept, used_vars=reads, keyframes=names)


def _keep(rules: list, matcher: Purge) -> list:
    """The rules to write: (rule, selector parts) for qualified rules, (at-rule, children) for groups."""
    out = []
    for rule in rules:
        if isinstance(rule, QualifiedRule):
            parts = matcher.used(rule)
            if parts:
                out.append((rule, parts))
        elif isinstance(rule, AtRule) and id(rule) in matcher.children:
            children = _keep(matcher.children[id(rule)], matcher)
            if children:
                out.append((rule, children))
        elif isinstance(rule, AtRule):
            out.append((rule, None))
    return out


# -- writing -----------------------------------------------------------------------------------------------

SELECTOR_GLUE = {",", ">", "+", "~"}


def _tokens(tokens: list, selector: bool = False) -> str:
    """Tokens with the least whitespace that keeps their meaning."""
    out: list = []
    for token in tokens:
        if isinstance(token, WhitespaceToken):
            if not out or isinstance(out[-1], WhitespaceToken):
                continue
            if isinstance(out[-1], LiteralToken) and out[-1].value in (SELECTOR_GLUE if selector else {","}):
                continue
            out.append(WhitespaceToken(0, 0, " "))
            continue
        if (isinstance(token, LiteralToken) and token.value in (SELECTOR_GLUE if selector else {","}) and out
                and isinstance(out[-1], WhitespaceToken)):
            out.pop()
        if isinstance(token, FunctionBlock):
            token = FunctionBlock(0, 0, token.name, [WhitespaceToken(0, 0, " ") if isinstance(t, WhitespaceToken)
                                                       else t for t in token.arguments])
            out.append(token)
            continue
        out.append(token)
    while out and isinstance(out[-1], WhitespaceToken):
        out.pop()
    text = tinycss2.serialize(out)
    return re.sub(r"\s*,\s*", ",", text) if not selector else text


def _declarations(content: list, used_vars: set[str] | None) -> str:
    """A block's declarations (and nested rules, as in @page) written compactly."""
    items = []
    for item in tinycss2.parse_blocks_contents(content, skip_comments=True, skip_whitespace=True):
        if isinstance(item, Declaration):
            if used_vars is not None and item.name.startswith("--") and item.name not in used_vars:
                continue
            value = _tokens(item.value).strip()
            items.append(f"{item.name}:{value}{'!important' if item.important else ''}")
        elif isinstance(item, AtRule | QualifiedRule):
            items.append(_rule(item, None, used_vars, None))
    return ";".join(items)


def _rule(rule, children, used_vars: set[str] | None, keyframes: set[str] | None) -> str:
    if isinstance(rule, QualifiedRule):
        selectors = ",".join(_tokens(part, selector=True).strip() for part in children) if children is not None \
            else _tokens(rule.prelude, selector=True).strip()
        body = _declarations(rule.content, used_vars)
        return f"{selectors}{{{body}}}" if body or used_vars is None else ""
    prelude = _tokens(rule.prelude).strip()
    head = f"@{rule.at_keyword}{' ' + prelude if prelude else ''}"
    if rule.content is None:
        return head + ";"
    keyword = rule.lower_at_keyword
    if keyword.endswith("keyframes"):
        if keyframes is not None and prelude not in keyframes:
            return ""
        frames = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
        return head + "{" + "".join(_rule(f, None, None, None) for f in frames) + "}"
    if children is not None:
        inner = _serialize(children, used_vars, keyframes)
        return f"{head}{{{inner}}}" if inner else ""
    if keyword in ("media", "supports"):   # not purged (minify_css): every rule inside, written compactly
        inner = "".join(_rule(r, None, used_vars, keyframes) for r in
                        tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True))
        return f"{head}{{{inner}}}"
    return f"{head}{{{_declarations(rule.content, used_vars)}}}"


def _serialize(kept: list, used_vars: set[str] | None, keyframes: set[str] | None = None) -> str:
    return "".join(_rule(rule, children, used_vars, keyframes) for rule, children in kept)


def minify_css(css: str) -> str:
    """A stylesheet without comments and with the least whitespace; every rule kept, in order."""
    rules = tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True)
    return "".join(_rule(rule, None, None, None) for rule in rules if isinstance(rule, QualifiedRule | AtRule))


# -- scripts -----------------------------------------------------------------------------------------------

# Where a "/" starts a regular expression rather than a division: after these characters or keywords.
REGEX_AFTER = set("(,=:[!&|?{};+-*%<>~^")
REGEX_KEYWORDS = ("return", "typeof", "case", "do", "else", "in", "of", "void", "delete", "new", "throw", "yield",
                  "await")


def strip_js(source: str) -> str:
    """A script without comments, indentation or blank lines; strings, templates and regular expressions intact.

    Lines are never joined, so the script means what it meant (automatic semicolon insertion included); a comment
    that spans lines leaves one line break.
    """
    out: list[str] = []
    i, n = 0, len(source)
    while i < n:
        c = source[i]
        if c in "'\"`":
            j = i + 1
            while j < n and source[j] != c:
                j += 2 if source[j] == "\\" else 1
            out.append(source[i:j + 1])
            i = j + 1
        elif source.startswith("//", i):
            j = source.find("\n", i)
            i = n if j < 0 else j
        elif source.startswith("/*", i):
            j = source.find("*/", i + 2)
            if j < 0:
                raise ValueError("a comment that never ends")
            if "\n" in source[i:j]:
                out.append("\n")
            i = j + 2
        elif c == "/" and _regex_may_start(out):
            j = i + 1
            in_class = False
            while j < n and (source[j] != "/" or in_class):
                if source[j] == "\\":
                    j += 1
                elif source[j] == "[":
                    in_class = True
                elif source[j] == "]":
                    in_class = False
                elif source[j] == "\n":
                    raise ValueError("a regular expression across lines")
                j += 1
            out.append(source[i:j + 1])
            i = j + 1
        else:
            out.append(c)
            i += 1
    lines = (line.strip() for line in "".join(out).splitlines())
    return "\n".join(line for line in lines if line) + "\n"


def _regex_may_start(out: list[str]) -> bool:
    text = "".join(out[-12:]).rstrip()
    if not text:
        return True
    if text[-1] in REGEX_AFTER:
        return True
    word = re.search(r"[\w$]+$", text)
    return bool(word) and word.group(0) in REGEX_KEYWORDS
