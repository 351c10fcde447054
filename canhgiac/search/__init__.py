"""The site search index: per language, the sections of every page, loaded by the browser on demand.

No MkDocs here: the plugin hands over each rendered page (its content HTML, URL and title) and writes what
`index_files` returns. The browser side is `canhgiac/assets/js/search.js`, which indexes these sections with
the vendored MiniSearch the first time the reader opens the search, folding accents the same way as `fold`.
The index is made of scripts (not JSON fetched at run time) so that search also works from file://.

A small curriculum is one file per language. A large one is cut into shards of whole pages (about
`SHARD_BYTES` each) plus a directory: every folded word and the shards that hold it. A search then loads
the directory and only the shards that can answer it, first to last, until it has enough results.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from canhgiac.slug import fold as _strip_accents

INDEX_GLOBAL = "CanhGiacSearchIndex"
FORMAT = 1
SHARD_BYTES = 100_000  # UTF-8 bytes of sections (JSON) per shard: about 27 KB gzip
ONE_FILE_BYTES = 250_000  # up to this (about 65 KB gzip), a language is one file: a directory would cost more
# Plural forms of the dialog's result count (canhgiac.i18n.PLURAL_CATEGORIES), read by the header's search control
# (overrides/partials/cg-search.html) as `cg.ui.plural("search_results")`; search-ui.js picks one per number.
PLURAL_STRINGS = ("search_results_one", "search_results_other", "search_offline_one", "search_offline_other")
_WORDS = re.compile(r"[^\w]+")  # a word is a run of letters, digits and _ (search.js splits the same way)

# A section starts at an h1–h3 heading, or at a definition term with an anchor (the glossary: a section per term).
_HEADING = re.compile(r"<(h[1-3]|dt)\b([^>]*)>(.*?)</\1\s*>", re.S | re.I)
_ID = re.compile(r"""\bid\s*=\s*["']([^"']+)["']""")
# Dropped from the text: code, controls, permalinks, and source markers (canhgiac.cite), which only point.
_DROP = re.compile(r"<(script|style|template|button|select)\b.*?</\1\s*>|<a\b[^>]*\bclass=\"headerlink\"[^>]*>.*?</a>"
                   r"|<sup\b[^>]*\bclass=\"cg-cite\"[^>]*>.*?</sup>", re.S | re.I)
_BLOCK = re.compile(r"</?(?:p|li|ul|ol|div|br|hr|td|th|tr|table|dt|dd|dl|h[1-6]|blockquote|details|summary|section|"
                    r"aside|figure|figcaption|pre|legend|fieldset)\b[^>]*>", re.I)
_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")
_DIV = re.compile(r"<(/?)div\b", re.I)


def fold(text: str) -> str:
    """Search form of a text: lower case, accents removed, đ→d ('Đội dân phòng' -> 'doi dan phong')."""
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
    """Split a page's content HTML at its h1–h3 headings and anchored terms (glossary); `intro`: a summary.

    Quiz widgets are left out (their questions and answers would drown the lesson text); their heading stays.
    """
    content = _without_blocks(content, '<div class="cg-quiz')
    found: list[Section] = []
    anchor, title, pos = "", "", 0
    for m in _HEADING.finditer(content):
        ids = _ID.search(m.group(2))
        if m.group(1).lower() == "dt" and not ids:
            continue  # a term without an anchor (a lesson's definition list) stays in its heading's section
        found.append(Section(anchor, title, text_of(content[pos:m.start()])))
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


def _script(key: str, data: dict) -> bytes:
    """A script that puts `data` in window.CanhGiacSearchIndex[key]."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    text = text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029").replace("</", "<\\/")
    return (f"/* Cảnh giác search index ({key}), generated: do not edit. */\n"
            f"(window.{INDEX_GLOBAL}=window.{INDEX_GLOBAL}||{{}})[{json.dumps(key)}]={text};\n").encode()


def index_script(lang: str, pages: list[PageEntry]) -> bytes:
    """The whole index of one language as one script (window.CanhGiacSearchIndex[lang]); same pages, same bytes."""
    return _script(lang, index_data(pages))


def words(text: str) -> set[str]:
    """The folded words of a text, as the browser splits them."""
    return {w for w in _WORDS.split(fold(text)) if w}


def index_files(lang: str, pages: list[PageEntry], shard_bytes: int = SHARD_BYTES,
                one_file_bytes: int = ONE_FILE_BYTES) -> dict[str, bytes]:
    """The index files of one language by name: one file, or a directory and shards when it is large."""
    ordered = sorted(pages, key=lambda p: p.url)
    whole = index_script(lang, ordered)
    if len(whole) <= one_file_bytes:
        return {index_filename(lang): whole}
    shards: list[list[PageEntry]] = [[]]
    size = 0
    for page in ordered:
        weight = len(json.dumps(index_data([page]), ensure_ascii=False).encode())
        if shards[-1] and size + weight > shard_bytes:
            shards.append([])
            size = 0
        shards[-1].append(page)
        size += weight
    files: dict[str, bytes] = {}
    holders: dict[str, int] = {}
    for k, shard in enumerate(shards):
        files[index_filename(lang, k)] = _script(f"{lang}.{k}", index_data(shard))
        for page in shard:
            text = " ".join([page.title, *(f"{s.title} {s.text}" for s in page.sections)])
            for word in words(text):
                holders[word] = holders.get(word, 0) | 1 << k
    directory = {"format": FORMAT, "shards": len(shards), "words": {w: format(m, "x") for w, m in sorted(holders.items())}}
    files[index_filename(lang)] = _script(lang, directory)
    return files


def index_filename(lang: str, shard: int | None = None) -> str:
    """Name of a language's index file (or of one of its shards), in the plugin's asset folder."""
    return f"search-index.{lang}.js" if shard is None else f"search-index.{lang}.{shard}.js"
