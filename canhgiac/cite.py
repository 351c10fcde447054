"""Source markers: `[[law-id 150.2]]` after a statement names the law (and article, clause) it rests on.

No MkDocs here. `scan` finds the markers of a Markdown text with their lines (outside code), `parse` reads one,
`check` compares it with the law registry, `render` gives the small link the site shows (and the handbook and
packages keep), `plain` the short reference leaflets print. `CiteExtension` renders the markers of a page as
Python-Markdown inline markup; the build reports bad markers from `scan`, with file and line.

Grammar: `[[law-id]]`, `[[law-id 150]]`, `[[law-id 150, 151]]`, `[[law-id 150.2]]` (Article 150, clause 2),
`[[law-id 256a]]`. An article is a number with an optional lower-case letter; a clause, a number after a dot.
"""

from __future__ import annotations

import difflib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from html import escape

from markdown import Extension
from markdown.inlinepatterns import InlineProcessor

MARKER = re.compile(r"\[\[([^\[\]\n]*)\]\]")
# In rendered text: the space before a marker goes, so the reference sits against the statement like a footnote;
# markers side by side ('[[a 1]] [[b]]') render as one reference, separated by semicolons.
INLINE = r"[ \t]*(\[\[[^\[\]\n]*\]\](?:[ \t]*\[\[[^\[\]\n]*\]\])*)"
LAW_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
REF = re.compile(r"^(?P<article>\d+[a-z]?)(?:\.(?P<clause>\d+))?$")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
CODE_SPAN = re.compile(r"(`+).*?\1")
SYNTAX = ("write [[law-id]], [[law-id 150]] (an article), [[law-id 150.2]] (clause 2 of Article 150) "
          "or [[law-id 150, 151]], with a law id from laws.yml")


class MarkerError(ValueError):
    """A marker that cannot be read; `message` and `hint` are for the editor."""

    def __init__(self, message: str, hint: str = SYNTAX):
        super().__init__(message)
        self.message, self.hint = message, hint


@dataclass(frozen=True)
class Ref:
    """An article of a law, and optionally one of its clauses."""

    article: str
    clause: str | None = None


@dataclass(frozen=True)
class Citation:
    """A parsed marker: the law and the articles it names (none: the law as a whole)."""

    law: str
    refs: tuple[Ref, ...]
    raw: str  # the whole marker as written, '[[penal-code 150]]'


@dataclass(frozen=True)
class Found:
    """A marker found in a text: its line, and the citation or why it cannot be read."""

    line: int
    raw: str
    citation: Citation | None
    error: MarkerError | None = None


def parse(inner: str) -> Citation:
    """Read the inside of a marker ('penal-code 150, 151'); raise MarkerError when it is malformed."""
    raw = f"[[{inner}]]"
    text = inner.strip()
    if not text:
        raise MarkerError(f"empty source marker {raw}")
    law, _, rest = text.partition(" ")
    if not LAW_ID.match(law):
        raise MarkerError(f"malformed source marker {raw}: '{law}' is not a law id",
                          "a law id is lower case with hyphens, as in laws.yml (e.g. penal-code); " + SYNTAX)
    refs = []
    for part in rest.split(",") if rest.strip() else []:
        m = REF.match(part.strip())
        if not m:
            raise MarkerError(f"malformed source marker {raw}: '{part.strip()}' is not an article number", SYNTAX)
        refs.append(Ref(m.group("article"), m.group("clause")))
    return Citation(law, tuple(refs), raw)


def scan(text: str, first_line: int = 1) -> Iterator[Found]:
    """Every marker of a Markdown text outside code, with its line; unclosed '[[' are reported too."""
    fence = None
    for n, line in enumerate(text.splitlines()):
        m = FENCE.match(line)
        if m:
            fence = None if fence and m.group(1).startswith(fence) else (fence or m.group(1))
            continue
        if fence:
            continue
        line = CODE_SPAN.sub(lambda c: " " * len(c.group(0)), line)
        for marker in MARKER.finditer(line):
            try:
                yield Found(first_line + n, marker.group(0), parse(marker.group(1)))
            except MarkerError as exc:
                yield Found(first_line + n, marker.group(0), None, exc)
        rest = MARKER.sub("", line)
        if "[[" in rest:
            start = rest.index("[[")
            shown = rest[start:start + 40].split("]")[0]
            yield Found(first_line + n, shown, None, MarkerError(
                f"source marker not closed: {shown}", "end it with ']]' on the same line: " + SYNTAX))


def check(citation: Citation, laws: dict) -> list[tuple[str, str]]:
    """Problems (message, hint) of a readable marker against the law registry."""
    law = laws.get(citation.law)
    if law is None:
        close = difflib.get_close_matches(citation.law, list(laws), n=1)
        guess = f"did you mean '{close[0]}'? " if close else ""
        return [(f"unknown law '{citation.law}' in {citation.raw}",
                 f"{guess}The laws are listed in laws.yml (use an id from there, or add the document with its source)")]
    problems = []
    for ref in citation.refs:
        if ref.article not in law.articles:
            problems.append((
                f"article {ref.article} of '{law.id}' is not listed in laws.yml ({citation.raw})",
                f"add \"{ref.article}\" under 'articles:' of '{law.id}' in laws.yml, with its title and the excerpt "
                "of the text you checked it against; or fix the article number"))
    return problems


def check_text(text: str, first_line: int, laws: dict, path, out) -> list[Citation]:
    """Record every bad marker of a Markdown text in `out` (a Collector) with its line; return the good ones."""
    good = []
    for found in scan(text, first_line):
        if found.error is not None:
            out.add(path, found.line, found.error.message, found.error.hint)
            continue
        problems = check(found.citation, laws)
        for message, hint in problems:
            out.add(path, found.line, message, hint)
        if not problems:
            good.append(found.citation)
    return good


def anchor(law_id: str, article: str | None = None) -> str:
    """The id of a law (or one of its articles) on the legal documents page: 'penal-code--150'."""
    return f"{law_id}--{article}" if article else law_id


def short_name(law, lang: str) -> str:
    """A law's short form ('BLHS', 'Penal Code'), or its number."""
    return (law.short or {}).get(lang) or law.number


def _ref_label(ref: Ref, ui: dict, first: bool) -> str:
    if ref.clause:
        return ui["cite_clause_short"].format(article=ref.article, clause=ref.clause)
    return ui["cite_article_short"].format(article=ref.article) if first else ref.article


def _ref_spoken(ref: Ref, ui: dict) -> str:
    if ref.clause:
        return ui["cite_clause"].format(article=ref.article, clause=ref.clause)
    return ui["cite_article"].format(article=ref.article)


@dataclass(frozen=True)
class Link:
    """One link of a rendered marker: what it shows, what a screen reader says, where it goes."""

    text: str
    spoken: str
    anchor: str


def links(citation: Citation, law, lang: str, ui: dict) -> list[Link]:
    """The links a marker shows: one per article ('Đ.150', '151 BLHS'); the law's short form ends the last."""
    short = short_name(law, lang)
    title = law.title[lang]
    if not citation.refs:
        return [Link(short, title, anchor(law.id))]
    out = []
    for i, ref in enumerate(citation.refs):
        text = _ref_label(ref, ui, i == 0)
        if i == len(citation.refs) - 1:
            text = f"{text} {short}"
        out.append(Link(text, f"{_ref_spoken(ref, ui)}, {title}", anchor(law.id, ref.article)))
    return out


def printed(citation: Citation, law, lang: str, ui: dict) -> str:
    """The reference as print spells it: 'Điều 150 BLHS', 'khoản 2 Điều 150 BLHS', 'Điều 150, 151 BLHS'."""
    short = short_name(law, lang)
    if not citation.refs:
        return short
    parts = [_ref_spoken(ref, ui) if i == 0 or ref.clause else ref.article for i, ref in enumerate(citation.refs)]
    return f"{', '.join(parts)} {short}"


def compact(citation: Citation, law, lang: str, ui: dict) -> str:
    """The reference as the small link spells it: 'Đ.150 BLHS', 'Đ.150, 151 BLHS'."""
    return ", ".join(link.text for link in links(citation, law, lang, ui))


def element(citations: list[tuple[Citation, object]], lang: str, ui: dict, legal_url: str, prefix: str = "") -> ET.Element:
    """Markers side by side as markup: one <sup class="cg-cite"> with a link per article and a text for print.

    `citations` pairs each parsed marker with its law. A link shows 'Đ.150 BLHS' and is named 'Điều 150, Bộ luật
    Hình sự' (its hidden text) for screen readers; links of one marker are separated by commas, markers by
    semicolons (on paper too: ' (Điều 150 BLHS; Luật 59/2024/QH15)').

    Each link goes to `legal_url#<prefix><anchor>` (the handbook prefixes the legal section's ids).
    """
    sup = ET.Element("sup", {"class": "cg-cite"})
    previous = None
    for number, (citation, law) in enumerate(citations):
        for i, link in enumerate(links(citation, law, lang, ui)):
            if previous is not None:
                previous.tail = "; " if number and not i else ", "
            previous = ET.SubElement(sup, "a", {"href": f"{legal_url}#{prefix}{link.anchor}"})
            # Seen: the abbreviation; heard: the words (not an aria-label, whose name would not contain the visible text).
            ET.SubElement(previous, "span", {"aria-hidden": "true"}).text = link.text
            ET.SubElement(previous, "span", {"class": "cg-visually-hidden"}).text = link.spoken
    # Shown only on paper (canhgiac.css): the reference spelled out, in brackets.
    spelled = "; ".join(printed(citation, law, lang, ui) for citation, law in citations)
    ET.SubElement(sup, "span", {"class": "cg-cite__print"}).text = f" ({spelled})"
    return sup


def html(citations: list[tuple[Citation, object]], lang: str, ui: dict, legal_url: str, prefix: str = "") -> str:
    """Markers side by side as an HTML string (for HTML made outside Python-Markdown: quiz explanations)."""
    return ET.tostring(element(citations, lang, ui, legal_url, prefix), encoding="unicode", method="html")


def _readable(run: str, laws: dict) -> list[tuple[Citation, object]] | None:
    """The markers of a run ('[[a 1]] [[b]]') with their laws, or None if one cannot be read or names no known law."""
    found = []
    for inner in MARKER.findall(run):
        try:
            citation = parse(inner)
        except MarkerError:
            return None
        law = laws.get(citation.law)
        if law is None:
            return None
        found.append((citation, law))
    return found


def _each_marker(text: str, laws: dict, render: Callable) -> str:
    """`text` with each run of readable markers of known laws replaced by `render(citations)`; others stay as written."""
    def one(m: re.Match) -> str:
        citations = _readable(m.group(1), laws)
        return m.group(0) if citations is None else render(citations)

    return re.sub(INLINE, one, text) if "[[" in text else text


def replace_html(text: str, laws: dict, lang: str, ui: dict, legal_url: str, prefix: str = "") -> str:
    """Render the markers left in rendered HTML (quiz explanations); unreadable ones stay as written."""
    return _each_marker(text, laws, lambda found: html(found, lang, ui, escape(legal_url), prefix))


def plain(text: str, laws: dict, lang: str, ui: dict, wrap: Callable[[str], str] | None = None) -> str:
    """Text with each marker as a short reference in brackets (leaflets, posters, Moodle): ' (Đ.150 BLHS)'.

    `wrap` may dress the reference ('(Đ.150 BLHS)') in markup; the space before it stays outside.
    """
    return _each_marker(text, laws, lambda found: " " + (wrap or str)(
        "(" + "; ".join(compact(c, law, lang, ui) for c, law in found) + ")"))


def without_markers(text: str) -> str:
    """Text with its markers removed (search, plain summaries)."""
    return re.sub(INLINE, "", text) if "[[" in text else text


@dataclass
class PageContext:
    """What rendering a page's markers needs: the registry, the language, the strings, the legal page's URL."""

    laws: dict
    lang: str
    ui: dict
    legal_url: str


class CiteInlineProcessor(InlineProcessor):
    """Turn `[[law-id 150]]` into the small reference link; leave unreadable markers as text (the build reports them)."""

    def __init__(self, pattern: str, md, context: Callable[[], PageContext | None]):
        super().__init__(pattern, md)
        self.context = context

    def handleMatch(self, m: re.Match, data: str):  # noqa: N802 (Python-Markdown's name)
        """Return the <sup> for a marker, or nothing (the text stays) when it cannot be rendered."""
        ctx = self.context()
        citations = None if ctx is None else _readable(m.group(1), ctx.laws)
        if citations is None:
            return None, None, None
        return element(citations, ctx.lang, ctx.ui, ctx.legal_url), m.start(0), m.end(0)


class CiteExtension(Extension):
    """Register the marker pattern; `context()` describes the page being rendered (None: leave markers alone)."""

    def __init__(self, context: Callable[[], PageContext | None]):
        super().__init__()
        self.context = context

    def extendMarkdown(self, md) -> None:  # noqa: N802 (Python-Markdown's name)
        """Before links (160) and references, which would read '[[x]]' as a bracketed reference; after code (190)."""
        md.inlinePatterns.register(CiteInlineProcessor(INLINE, md, self.context), "canhgiac_cite", 175)


def legal_anchors(laws: dict) -> set[str]:
    """The anchors the legal documents page gives: each law, and each article it lists."""
    return set(laws) | {anchor(law.id, a) for law in laws.values() for a in law.articles}
