"""Check internal links and anchors in Markdown, reporting file and line."""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
ID = re.compile(r'\sid="([^"]+)"')


@dataclass(frozen=True)
class Link:
    """A link found in a page's Markdown."""

    src_uri: str
    line: int
    target: str


def body_line(source_path: str | None) -> int:
    """The line of a page file where MkDocs' Markdown starts: after the front matter and the blank lines after it."""
    if not source_path:
        return 1
    from canhgiac.yamlsrc import split_front_matter

    source = Path(source_path).read_text(encoding="utf-8-sig")  # decodable: checked when the files were listed
    _, body, offset = split_front_matter(source)
    return offset + len(body) - len(body.lstrip("\n"))


def find_links(src_uri: str, markdown: str, first_line: int) -> list[Link]:
    """Find inline links outside code fences and code spans, with their lines."""
    found, fence = [], None
    for n, text in enumerate(markdown.splitlines()):
        m = FENCE.match(text)
        if m:
            fence = None if fence and m.group(1).startswith(fence) else (fence or m.group(1))
            continue
        if fence:
            continue
        text = re.sub(r"`[^`]*`", "", text)
        for link in LINK.finditer(text):
            target = link.group(1)
            if urlsplit(target).scheme or target.startswith("//"):
                continue
            found.append(Link(src_uri, first_line + n, target))
    return found


def anchors(html: str) -> set[str]:
    """Return every id in rendered HTML."""
    return set(ID.findall(html))


def resolve(link: Link, pages: dict[str, set[str]], norm) -> str | None:
    """Return a problem description, or None when the link resolves.

    `pages` maps normalised source paths (e.g. 'lessons/x.md') to their anchors;
    `norm` turns a source path into that normalised form.
    """
    parts = urlsplit(link.target)
    path, fragment = unquote(parts.path), unquote(parts.fragment)
    here = norm(link.src_uri)
    if path:
        target = posixpath.normpath(posixpath.join(posixpath.dirname(link.src_uri), path))
        if target.endswith("/"):
            target += "index.md"
        key = norm(target)
        if key not in pages:
            return f"the link '{link.target}' points to a page that does not exist"
    else:
        key = here
    if fragment and fragment not in pages[key]:
        return f"the link '{link.target}' points to an anchor '#{fragment}' that does not exist"
    return None
