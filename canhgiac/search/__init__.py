"""The site search index: one file per language, the sections of every page, loaded by the browser on demand.

No MkDocs here: the plugin hands over each rendered page (its content HTML, URL and title) and writes what
`index_script` returns. The browser side is `canhgiac/assets/js/search.js`, which indexes these sections with
the vendored MiniSearch the first time the reader opens the search, folding accents the same way as `fold`.
The index is a script (not JSON fetched at run time) so that search also works from file://.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from canhgiac.slug import fold as _strip_accents

INDEX_GLOBAL = "CanhGiacSearchIndex"
FORMAT = 1

_HEADING = re.compile(r"<h([1-3])\b([^>]*)>(.*?)</h\1\s*>", re.S | re.I)
_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
_DROP = re.compile(r"<(script|style|template|button|select)\b.*?</\1\s*>|<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>",
                   re.S | re.I)
_BLOCK = re.compile(r"</?(?:p|li|ul|ol|div|br|hr|td|th|tr|table|dt|dd|dl|h[1-6]|blockquote|details|summary|section|"
                    r"aside|figure|figcaption|pre|legend|fieldset)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_DIV = re.compile(r"<(/?)div\b", re.I)


def fold(text: str) -> str:
    """Search form of a text: lower case, accents removed, đ→d ('Đường dây nóng' -> 'duong day nong')."""
    return _strip_accents(text).lower()


def _without_blocks(content: str, opening: str) -> str:
    """Remove every <div> whose start tag begins with `opening`, nested divs included (quiz widgets)."""
    out, pos = [], 0
    while (start := content.find(opening, pos)) >= 0:
        out.append(content[pos:start])
        depth, end = 0, len(content)
        for m in _DIV.finditer(content, start):
            depth += -1 if m.group(1) else 1
            if depth == 0:
                end = content.find(">", m.end()) + 1 or len(content)
                break
        pos = end
    out.append(content[pos:])
    return "".join(out)


def text_of(fragment: str) -> str:
    """Plain text of an HTML fragment, whitespace collapsed."""
    fragment = _DROP.sub(" ", fragment)
    fragment = _BLOCK.sub(" ", fragment)
    return _SPACE.sub(" ", html.unescape(_TAG.sub("", fragment))).strip()


@dataclass
class Section:
    """A heading of a page (or the top of the page) and the text under it, up to the next heading."""

    anchor: str
    title: str
    text: str


@dataclass
class PageEntry:
    """A page as the index sees it: its URL from the site root, its title and its sections."""

    url: str
    title: str
    sections: list[Section] = field(default_factory=list)


def sections(content: str, intro: str = "") -> list[Section]:
    """Split a page's content HTML at its h1–h3 headings; `intro` is text shown above the content (a summary).

    Quiz widgets are left out (their questions and answers would drown the lesson text); their heading stays.
    """
    content = _without_blocks(content, '<div class="cg-quiz')
    found: list[Section] = []
    anchor, title, pos = "", "", 0
    for m in _HEADING.finditer(content):
        found.append(Section(anchor, title, text_of(content[pos:m.start()])))
        ids = _ID.search(m.group(2))
        anchor, title, pos = (ids.group(1) if ids else ""), text_of(m.group(3)), m.end()
    found.append(Section(anchor, title, text_of(content[pos:])))
    found[0].text = " ".join(t for t in (intro, found[0].text) if t)
    return [s for s in found if s.text or s.title]


def index_data(pages: list[PageEntry]) -> dict:
    """The index of one language: pages sorted by URL, each section as [page number, anchor, title, text]."""
    ordered = sorted(pages, key=lambda p: p.url)
    return {
        "format": FORMAT,
        "pages": [[p.url, p.title] for p in ordered],
        "sections": [[i, s.anchor, s.title, s.text] for i, p in enumerate(ordered) for s in p.sections],
    }


def index_script(lang: str, pages: list[PageEntry]) -> bytes:
    """The index of one language as a script that fills window.CanhGiacSearchIndex[lang]; same pages, same bytes."""
    data = json.dumps(index_data(pages), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    data = data.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")
    name = json.dumps(lang)
    return (f"/* Cảnh giác search index ({lang}), generated: do not edit. */\n"
            f"(window.{INDEX_GLOBAL}=window.{INDEX_GLOBAL}||{{}})[{name}]={data};\n").encode()


def index_filename(lang: str) -> str:
    """Name of a language's index file, in the plugin's asset folder."""
    return f"search-index.{lang}.js"
